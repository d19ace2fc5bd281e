using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Cli;

/// <summary>
/// The severities a project configures for AsyncLint's rules (NoWarn, a rule set, .editorconfig and global configs, and
/// their bulk keys <c>dotnet_analyzer_diagnostic.severity</c> and <c>dotnet_analyzer_diagnostic.category-X.severity</c>),
/// read the way the compiler reads them: a rule's own entry wins over a bulk key, the category key over the catch-all.
/// A repository that turns every analyzer off would otherwise scan as clean without a word.
/// </summary>
internal static class SeverityConfiguration
{
    /// <summary>Where a project's severities come from, as the scan and fix messages name them.</summary>
    public const string Sources = "NoWarn, a rule set, .editorconfig or a global config";

    private const string BulkPrefix = "dotnet_analyzer_diagnostic.";
    private const string AllAnalyzersKey = BulkPrefix + "severity";

    /// <summary>The rules among <paramref name="descriptors"/> that the configuration turns off in every file of the compilation.</summary>
    public static ImmutableArray<string> RulesTurnedOff(Compilation compilation, AnalyzerOptions analyzerOptions, IEnumerable<DiagnosticDescriptor> descriptors, CancellationToken cancellationToken)
        => descriptors
            .Where(d => compilation.SyntaxTrees.Any() && compilation.SyntaxTrees.All(tree => IsOff(d, tree, compilation.Options, analyzerOptions, cancellationToken)))
            .Select(d => d.Id)
            .ToImmutableArray();

    /// <summary>
    /// The compilation and options with the project's severity settings for <paramref name="ids"/> taken away, so that each
    /// rule runs at its default severity (<c>--ignore-severity-config</c>). Pragmas and [SuppressMessage] still apply: they
    /// are statements about one place, not a project's policy.
    /// </summary>
    public static (Compilation Compilation, AnalyzerOptions Options) IgnoringConfiguredSeverities(Compilation compilation, AnalyzerOptions analyzerOptions, ImmutableHashSet<string> ids)
    {
        var options = compilation.Options;
        options = options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.Where(p => !ids.Contains(p.Key)));
        if (options.SyntaxTreeOptionsProvider is { } treeOptions)
        {
            options = options.WithSyntaxTreeOptionsProvider(new WithoutSeverities(treeOptions, ids));
        }

        var provider = new WithoutBulkSeverities(analyzerOptions.AnalyzerConfigOptionsProvider);
        return (compilation.WithOptions(options), new AnalyzerOptions(analyzerOptions.AdditionalFiles, provider));
    }

    private static bool IsOff(DiagnosticDescriptor descriptor, SyntaxTree tree, CompilationOptions options, AnalyzerOptions analyzerOptions, CancellationToken cancellationToken)
    {
        if (options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var specific))
        {
            return specific == ReportDiagnostic.Suppress;
        }

        if (options.SyntaxTreeOptionsProvider is { } treeOptions
            && (treeOptions.TryGetDiagnosticValue(tree, descriptor.Id, cancellationToken, out var configured)
                || treeOptions.TryGetGlobalDiagnosticValue(descriptor.Id, cancellationToken, out configured)))
        {
            return configured == ReportDiagnostic.Suppress;
        }

        var treeConfig = analyzerOptions.AnalyzerConfigOptionsProvider.GetOptions(tree);
        var globalConfig = analyzerOptions.AnalyzerConfigOptionsProvider.GlobalOptions;
        var categoryKey = $"{BulkPrefix}category-{descriptor.Category}.severity";
        foreach (var key in new[] { categoryKey, AllAnalyzersKey })
        {
            if (treeConfig.TryGetValue(key, out var value) || globalConfig.TryGetValue(key, out value))
            {
                return value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase);
            }
        }

        return !descriptor.IsEnabledByDefault;
    }

    /// <summary>A tree options provider that knows no severity for the given rules.</summary>
    private sealed class WithoutSeverities(SyntaxTreeOptionsProvider inner, ImmutableHashSet<string> ids) : SyntaxTreeOptionsProvider
    {
        public override GeneratedKind IsGenerated(SyntaxTree tree, CancellationToken cancellationToken) => inner.IsGenerated(tree, cancellationToken);

        public override bool TryGetDiagnosticValue(SyntaxTree tree, string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return !ids.Contains(diagnosticId) && inner.TryGetDiagnosticValue(tree, diagnosticId, cancellationToken, out severity);
        }

        public override bool TryGetGlobalDiagnosticValue(string diagnosticId, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            return !ids.Contains(diagnosticId) && inner.TryGetGlobalDiagnosticValue(diagnosticId, cancellationToken, out severity);
        }
    }

    /// <summary>Analyzer config options without the bulk severity keys (only AsyncLint's analyzers run in a scan).</summary>
    private sealed class WithoutBulkSeverities(AnalyzerConfigOptionsProvider inner) : AnalyzerConfigOptionsProvider
    {
        private readonly AnalyzerConfigOptions global = new Filtered(inner.GlobalOptions);

        public override AnalyzerConfigOptions GlobalOptions => global;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Filtered(inner.GetOptions(tree));

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Filtered(inner.GetOptions(textFile));

        private sealed class Filtered(AnalyzerConfigOptions options) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
            {
                value = null;
                return !IsBulkSeverity(key) && options.TryGetValue(key, out value);
            }

            public override IEnumerable<string> Keys => options.Keys.Where(k => !IsBulkSeverity(k));

            private static bool IsBulkSeverity(string key) => key.StartsWith(BulkPrefix, StringComparison.OrdinalIgnoreCase);
        }
    }
}
