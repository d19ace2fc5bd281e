using System;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// A project built for several frameworks (<c>net8.0;net472</c>) compiles every call for each of them, and the analyzers
/// see one at a time. <c>File.ReadAllTextAsync</c> exists on net8.0 and not on .NET Framework: suggesting it there breaks
/// the other build, so a framework twin that one of the project's targets lacks is no twin. The project's targets come
/// from <c>build_property.AsyncLintTargetFrameworks</c>: the package's .targets copies <c>$(TargetFrameworks)</c> into it
/// with commas, since the compiler cuts an analyzer-config value at its first ';' (dotnet/roslyn#43970); the CLI passes it.
/// </summary>
internal static class FrameworkTwinHistory
{
    /// <summary>The option that lists the project's target frameworks, as MSBuild writes it into the analyzer config.</summary>
    public const string TargetFrameworksOption = "build_property.AsyncLintTargetFrameworks";

    /// <summary>Levels the history file uses; a framework's level is the newest one whose methods it has.</summary>
    public const int Latest = 6;

    /// <summary>
    /// The oldest level among the project's target frameworks, or <see cref="Latest"/> when the project names no older one
    /// (one target, or the property is not visible).
    /// </summary>
    public static int OldestTargetLevel(AnalyzerOptions options)
    {
        if (!options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(TargetFrameworksOption, out var value) || string.IsNullOrWhiteSpace(value))
        {
            return Latest;
        }

        var oldest = Latest;
        foreach (var framework in value.Split(new[] { ',', ';' }, StringSplitOptions.RemoveEmptyEntries))
        {
            oldest = Math.Min(oldest, Level(framework.Trim()));
        }

        return oldest;
    }

    /// <summary>
    /// 0 netstandard2.0 and older, .NET Framework, netcoreapp1–2; 1 netstandard2.1, netcoreapp3; 2 net5.0; 3 net6.0 and
    /// net7.0; 4 net8.0; 5 net9.0; 6 net10.0 and later, and anything unrecognized (nothing is withheld for it).
    /// </summary>
    public static int Level(string framework)
    {
        var dash = framework.IndexOf('-');
        var name = (dash < 0 ? framework : framework.Substring(0, dash)).ToLowerInvariant();
        if (name.StartsWith("netstandard", StringComparison.Ordinal))
        {
            return Version(name.Substring("netstandard".Length)) is { } standard && standard >= new Version(2, 1) ? 1 : 0;
        }

        if (name.StartsWith("netcoreapp", StringComparison.Ordinal))
        {
            return Version(name.Substring("netcoreapp".Length)) is { Major: >= 3 } ? 1 : 0;
        }

        if (!name.StartsWith("net", StringComparison.Ordinal))
        {
            return Latest;
        }

        var digits = name.Substring(3);
        if (digits.Length > 0 && digits.IndexOf('.') < 0)
        {
            // net462, net48: .NET Framework.
            return 0;
        }

        return Version(digits) switch
        {
            null => Latest,
            { Major: < 5 } => 0,
            { Major: 5 } => 2,
            { Major: 6 or 7 } => 3,
            { Major: 8 } => 4,
            { Major: 9 } => 5,
            _ => Latest,
        };
    }

    private static Version? Version(string text) => System.Version.TryParse(text, out var version) ? version : null;

    /// <summary>
    /// True when <paramref name="twin"/> is a framework method that a framework of level <paramref name="oldestLevel"/>
    /// lacks. Methods of other assemblies, and every framework method netstandard2.0 has, are never withheld.
    /// </summary>
    public static bool IsMissingOn(IMethodSymbol twin, int oldestLevel)
    {
        if (oldestLevel >= Latest)
        {
            return false;
        }

        var id = twin.OriginalDefinition.GetDocumentationCommentId();
        return id is { Length: > 2 } && History.FirstLevel.TryGetValue(id.Substring(2), out var first) && first > oldestLevel;
    }

    /// <summary>The table, read from the assembly's resource the first time a multi-targeted project asks.</summary>
    private static class History
    {
        public static readonly ImmutableDictionary<string, int> FirstLevel = Read();

        private static ImmutableDictionary<string, int> Read()
        {
            var builder = ImmutableDictionary.CreateBuilder<string, int>(StringComparer.Ordinal);
            using var stream = typeof(FrameworkTwinHistory).Assembly.GetManifestResourceStream("AsyncLint.FrameworkTwinHistory.txt");
            if (stream is null)
            {
                return builder.ToImmutable();
            }

            using var reader = new StreamReader(stream);
            for (var line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                // "3 System.IO.TextReader.ReadToEndAsync(System.Threading.CancellationToken)": the first level that has it.
                if (line.Length > 2 && line[1] == ' ' && line[0] is >= '0' and <= '9')
                {
                    builder[line.Substring(2)] = line[0] - '0';
                }
            }

            return builder.ToImmutable();
        }
    }
}
