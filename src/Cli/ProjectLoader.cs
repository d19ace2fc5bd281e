using System.Collections.Immutable;
using Microsoft.Build.Locator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.MSBuild;

namespace AsyncLint.Cli;

/// <summary>A user-facing failure: printed as one clear line, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);

/// <summary>Loads a project or solution through MSBuild, as the real build evaluates it.</summary>
internal static class ProjectLoader
{
    private static readonly string[] SolutionExtensions = [".sln", ".slnx"];

    /// <summary>Finds the SDK's MSBuild. Must run before any MSBuild type is touched.</summary>
    public static void RegisterMSBuild()
    {
        if (MSBuildLocator.IsRegistered)
        {
            return;
        }

        List<VisualStudioInstance> instances;
        try
        {
            instances = MSBuildLocator.QueryVisualStudioInstances().ToList();
        }
        catch (InvalidOperationException e)
        {
            // hostfxr could not resolve an SDK, e.g. a global.json that names one that is not installed.
            var detail = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).Take(3);
            throw new CliException("no .NET SDK found: " + string.Join(" ", detail) + " Install that SDK or change global.json.");
        }

        if (instances.Count == 0)
        {
            throw new CliException("no .NET SDK found: install the .NET SDK (8.0 or later) and make sure 'dotnet' is on PATH, and that any global.json names an installed SDK");
        }

        MSBuildLocator.RegisterInstance(instances.OrderByDescending(i => i.Version).First());
    }

    /// <summary>The .csproj or solution PATH names (a folder must hold exactly one solution, or else one project).</summary>
    public static string Resolve(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var extension = System.IO.Path.GetExtension(full).ToLowerInvariant();
            if (extension == ".csproj" || SolutionExtensions.Contains(extension))
            {
                return full;
            }

            throw new CliException($"'{path}' is not a C# project or solution (.csproj, .sln, .slnx)");
        }

        if (!Directory.Exists(full))
        {
            throw new CliException($"'{path}' does not exist");
        }

        var solutions = Directory.GetFiles(full).Where(f => SolutionExtensions.Contains(System.IO.Path.GetExtension(f).ToLowerInvariant())).ToList();
        if (solutions.Count == 1)
        {
            return solutions[0];
        }

        var projects = Directory.GetFiles(full, "*.csproj");
        if (solutions.Count == 0 && projects.Length == 1)
        {
            return projects[0];
        }

        throw solutions.Count + projects.Length == 0
            ? new CliException($"'{path}' holds no .csproj, .sln or .slnx")
            : new CliException($"'{path}' holds several projects or solutions; name one: {string.Join(", ", solutions.Concat(projects).Select(System.IO.Path.GetFileName))}");
    }

    public static async Task<(MSBuildWorkspace Workspace, ImmutableArray<Project> Projects)> LoadAsync(
        string path, IReadOnlyDictionary<string, string> properties, Action<string> progress, CancellationToken cancellationToken)
    {
        var workspace = MSBuildWorkspace.Create(properties.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
        var failures = new List<string>();
        workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                failures.Add(e.Diagnostic.Message);
            }
        });

        var reporter = new Progress<ProjectLoadProgress>(p =>
            progress($"loading {System.IO.Path.GetFileName(p.FilePath)}{(p.TargetFramework is null ? "" : $" ({p.TargetFramework})")}: {p.Operation.ToString().ToLowerInvariant()}"));
        Solution solution;
        try
        {
            if (path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            {
                var project = await workspace.OpenProjectAsync(path, reporter, cancellationToken).ConfigureAwait(false);
                solution = project.Solution;
            }
            else
            {
                solution = await workspace.OpenSolutionAsync(path, reporter, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            workspace.Dispose();
            throw new CliException($"could not load '{path}': {e.Message}");
        }

        // Opening a project loads the projects it references too; only the one named is scanned.
        var projects = solution.Projects
            .Where(p => p.Language == LanguageNames.CSharp)
            .Where(p => !path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase) || string.Equals(p.FilePath, path, StringComparison.Ordinal))
            .ToImmutableArray();
        if (projects.IsEmpty)
        {
            workspace.Dispose();
            var reason = failures.Count > 0 ? ": " + string.Join("; ", failures.Distinct()) : "";
            throw new CliException($"could not load any C# project from '{path}'{reason}");
        }

        // A failure that left a project we are asked to scan without sources is fatal: its results would be
        // silently empty. Other failures (a restore warning, source link) are reported and the scan goes on.
        var fatal = failures.Distinct()
            .Where(f => projects.Any(p => p.DocumentIds.Count == 0 && p.FilePath is { } file && f.Contains(file, StringComparison.Ordinal)))
            .ToList();
        if (fatal.Count > 0)
        {
            workspace.Dispose();
            throw new CliException($"could not load '{path}': {string.Join("; ", fatal)}");
        }

        foreach (var failure in failures.Distinct())
        {
            progress("warning: " + failure);
        }

        return (workspace, projects);
    }
}
