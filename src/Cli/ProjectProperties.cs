using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.MSBuild;

namespace AsyncLint.Cli;

/// <summary>
/// What the AsyncLint package hands the analyzers from MSBuild and a scanned project that does not reference the package
/// lacks: its target frameworks (<c>build_property.AsyncLintTargetFrameworks</c>, see the package's AsyncLint.targets), read
/// by evaluating the project with the same global properties as the workspace.
/// </summary>
internal static partial class ProjectProperties
{
    private const string TargetFrameworksKey = "build_property.AsyncLintTargetFrameworks";

    /// <summary>The project's analyzer options, with its target frameworks added when its own configuration lacks them.</summary>
    public static AnalyzerOptions WithTargetFrameworks(Project project)
    {
        var options = project.AnalyzerOptions;
        if (project.FilePath is not { } path
            || options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(TargetFrameworksKey, out _)
            || TargetFrameworks(path, (project.Solution.Workspace as MSBuildWorkspace)?.Properties) is not { } frameworks)
        {
            return options;
        }

        return new AnalyzerOptions(options.AdditionalFiles, new ExtraGlobalOptionsProvider(options.AnalyzerConfigOptionsProvider, TargetFrameworksKey, frameworks));
    }

    /// <summary>
    /// $(TargetFrameworks), comma-separated, as evaluated here and with $(OS) set to Windows_NT (a project that adds net462
    /// only where '$(OS)' == 'Windows_NT' must still compile there; one that asks IsOSPlatform('Windows') is not seen from
    /// Linux); null for a project with one target or one that does not evaluate.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string? TargetFrameworks(string path, ImmutableDictionary<string, string>? globalProperties)
    {
        var properties = globalProperties ?? ImmutableDictionary<string, string>.Empty;
        var frameworks = Evaluate(path, properties)
            .Concat(OperatingSystem.IsWindows() ? [] : Evaluate(path, properties.SetItem("OS", "Windows_NT")))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        return frameworks.Count > 1 ? string.Join(",", frameworks) : null;
    }

    private static IEnumerable<string> Evaluate(string path, ImmutableDictionary<string, string> properties)
    {
        try
        {
            using var collection = new Microsoft.Build.Evaluation.ProjectCollection(properties);
            var value = collection.LoadProject(path).GetPropertyValue("TargetFrameworks");
            return Separators().Split(value).Where(f => f.Length > 0).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A project MSBuild cannot evaluate here (an SDK resolver, a toolset) loses only this refinement, not the scan.
            return [];
        }
    }

    [GeneratedRegex(@"[;\s]+")]
    private static partial Regex Separators();

    /// <summary>The project's own options plus one global key.</summary>
    private sealed class ExtraGlobalOptionsProvider(AnalyzerConfigOptionsProvider inner, string key, string value) : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptions global = new WithKey(inner.GlobalOptions, key, value);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => inner.GetOptions(tree);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => inner.GetOptions(textFile);
    }

    private sealed class WithKey(AnalyzerConfigOptions inner, string key, string value) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? result)
        {
            if (AnalyzerConfigOptions.KeyComparer.Equals(name, key))
            {
                result = value;
                return true;
            }

            return inner.TryGetValue(name, out result);
        }

        public override IEnumerable<string> Keys => inner.Keys.Append(key);
    }
}
