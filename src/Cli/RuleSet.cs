using System.Collections.Immutable;
using System.Reflection;
using AsyncLint.Analyzers;
using AsyncLint.CodeFixes.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Cli;

/// <summary>AsyncLint's analyzers and code fixes, taken from the very assemblies the NuGet package ships.</summary>
internal sealed class RuleSet
{
    private RuleSet(ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableArray<CodeFixProvider> fixers)
    {
        Analyzers = analyzers;
        Fixers = fixers;
        Descriptors = analyzers.SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
    }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    public ImmutableArray<CodeFixProvider> Fixers { get; }

    public ImmutableArray<DiagnosticDescriptor> Descriptors { get; }

    public static RuleSet Load()
    {
        var analyzers = Instances<DiagnosticAnalyzer>(typeof(DiagnosticDescriptors).Assembly, typeof(DiagnosticAnalyzerAttribute));
        var fixers = Instances<CodeFixProvider>(typeof(ASYNC103ThreadSleepCodeFix).Assembly, typeof(ExportCodeFixProviderAttribute));
        return new RuleSet(analyzers, fixers);
    }

    /// <summary>The analyzers that report at least one of the rules kept by <paramref name="prefixes"/> (all when empty).</summary>
    public ImmutableArray<DiagnosticAnalyzer> AnalyzersFor(IReadOnlyList<string> prefixes)
        => prefixes.Count == 0
            ? Analyzers
            : Analyzers.Where(a => a.SupportedDiagnostics.Any(d => Matches(d.Id, prefixes))).ToImmutableArray();

    public static bool Matches(string id, IReadOnlyList<string> prefixes)
        => prefixes.Count == 0 || prefixes.Any(p => id.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    public DiagnosticDescriptor? Descriptor(string id) => Descriptors.FirstOrDefault(d => d.Id == id);

    public IEnumerable<CodeFixProvider> FixersFor(string id) => Fixers.Where(f => f.FixableDiagnosticIds.Contains(id));

    private static ImmutableArray<T> Instances<T>(Assembly assembly, Type marker)
        => assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetCustomAttributes(marker, inherit: false).Length > 0)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
