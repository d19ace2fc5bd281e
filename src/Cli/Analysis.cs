using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Cli;

/// <summary>What running the analyzers over one project gave: its diagnostics, and how long the compiler and the analyzers took.</summary>
internal sealed record ProjectAnalysis(
    Project Project,
    Compilation Compilation,
    ImmutableArray<Diagnostic> Diagnostics,
    int CompilerErrors,
    string? FirstCompilerError,
    TimeSpan CompileTime,
    TimeSpan AnalyzerTime,
    ImmutableArray<string> AnalyzerExceptions);

internal static class Analysis
{
    /// <summary>Runs <paramref name="analyzers"/> over the project with its own .editorconfig options (effective severities apply).</summary>
    public static async Task<ProjectAnalysis> RunAsync(Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken, bool warmTiming = false)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"no compilation for project '{project.Name}'");

        var stopwatch = Stopwatch.StartNew();
        var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var compileTime = stopwatch.Elapsed;

        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            project.AnalyzerOptions,
            onAnalyzerException: (exception, analyzer, _) =>
            {
                lock (exceptions)
                {
                    exceptions.Add($"{analyzer.GetType().Name}: {exception}");
                }
            },
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);

        var analyzerTime = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
            analyzerTime += telemetry.ExecutionTime;
        }

        if (warmTiming)
        {
            // The first run pays for JIT-compiling the analyzers and for binding; a build server pays neither twice.
            // Time a second, single-threaded run on a fresh copy of the compilation, compiler and analyzers alike.
            (compileTime, analyzerTime) = await MeasureWarmAsync(compilation, analyzers, project.AnalyzerOptions, cancellationToken).ConfigureAwait(false);
        }

        // AD0001 reaches us as a diagnostic too: count it as an analyzer exception, not a hit.
        foreach (var diagnostic in diagnostics.Where(d => d.Id == "AD0001"))
        {
            exceptions.Add(diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        }

        return new ProjectAnalysis(
            project,
            compilation,
            diagnostics.Where(d => d.Id != "AD0001" && d.Severity != DiagnosticSeverity.Hidden && d.Location.IsInSource).ToImmutableArray(),
            errors.Count,
            errors.FirstOrDefault()?.ToString(),
            compileTime,
            analyzerTime,
            exceptions.Distinct().ToImmutableArray());
    }

    private static async Task<(TimeSpan Compile, TimeSpan Analyzers)> MeasureWarmAsync(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions analyzerOptions, CancellationToken cancellationToken)
    {
        var singleThreaded = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
        var stopwatch = Stopwatch.StartNew();
        singleThreaded.Clone().GetDiagnostics(cancellationToken);
        var compileTime = stopwatch.Elapsed;

        var options = new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
        var withAnalyzers = singleThreaded.Clone().WithAnalyzers(analyzers, options);
        await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        var analyzerTime = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            analyzerTime += (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false)).ExecutionTime;
        }

        return (compileTime, analyzerTime);
    }
}
