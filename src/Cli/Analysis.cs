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
    ImmutableDictionary<string, TimeSpan> TimePerAnalyzer,
    ImmutableArray<string> AnalyzerExceptions,
    TimeSpan FirstAnalyzerTime,
    int WarmRuns,
    ImmutableArray<string> RulesTurnedOff);

internal static class Analysis
{
    /// <summary>
    /// Runs <paramref name="analyzers"/> over the project with its own .editorconfig options (effective severities apply,
    /// unless <paramref name="ignoreSeverityConfig"/> puts every rule back at its default severity).
    /// </summary>
    public static async Task<ProjectAnalysis> RunAsync(
        Project project, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken, bool warmTiming = false, Action<string>? progress = null, bool ignoreSeverityConfig = false)
    {
        var compilation = await project.GetCompilationAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new CliException($"no compilation for project '{project.Name}'");
        var analyzerOptions = ProjectProperties.WithTargetFrameworks(project);
        var descriptors = analyzers.SelectMany(a => a.SupportedDiagnostics).ToList();
        if (ignoreSeverityConfig)
        {
            (compilation, analyzerOptions) = SeverityConfiguration.IgnoringConfiguredSeverities(compilation, analyzerOptions, descriptors.Select(d => d.Id).ToImmutableHashSet());
        }

        var rulesTurnedOff = SeverityConfiguration.RulesTurnedOff(compilation, analyzerOptions, descriptors.DistinctBy(d => d.Id), cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        var errors = compilation.GetDiagnostics(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var compileTime = stopwatch.Elapsed;

        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            analyzerOptions,
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

        var perAnalyzer = await TimePerAnalyzerAsync(withAnalyzers, analyzers, cancellationToken).ConfigureAwait(false);
        var firstAnalyzerTime = TimeSpan.FromTicks(perAnalyzer.Values.Sum(t => t.Ticks));
        var warmRuns = 0;
        if (warmTiming)
        {
            // The first run pays for JIT-compiling the analyzers and for binding; a build server pays neither twice.
            // Time warm, single-threaded runs on fresh copies of the compilation, compiler and analyzers alike.
            (compileTime, perAnalyzer, warmRuns) = await MeasureWarmAsync(compilation, analyzers, analyzerOptions, progress, cancellationToken).ConfigureAwait(false);
        }

        var analyzerTime = TimeSpan.FromTicks(perAnalyzer.Values.Sum(t => t.Ticks));

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
            perAnalyzer,
            exceptions.Distinct().ToImmutableArray(),
            firstAnalyzerTime,
            warmRuns,
            rulesTurnedOff);
    }

    /// <summary>The steady state is the median of this many consecutive warm runs that agree.</summary>
    internal const int SteadyRuns = 3;

    /// <summary>Warm runs at least: the optimized code takes a few runs to arrive, and until then the times can agree at a plateau.</summary>
    internal const int MinWarmRuns = 5;

    /// <summary>Warm runs at most, when they never settle (a busy machine).</summary>
    internal const int MaxWarmRuns = 12;

    /// <summary>
    /// Warm runs until the analyzers' time settles, then the median of the last <see cref="SteadyRuns"/>. The runtime
    /// JIT-compiles the analyzers first without optimizations and recompiles the busy methods optimized a few runs later
    /// (<see cref="SteadyStateRuntime"/>), so the first warm runs of a mid-sized project can take several times the
    /// steady time. A build server, which keeps the analyzers loaded from one build to the next, runs the steady code;
    /// <see cref="ProjectAnalysis.FirstAnalyzerTime"/> keeps the cold figure.
    /// </summary>
    private static async Task<(TimeSpan Compile, ImmutableDictionary<string, TimeSpan> PerAnalyzer, int Runs)> MeasureWarmAsync(
        Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, AnalyzerOptions analyzerOptions, Action<string>? progress, CancellationToken cancellationToken)
    {
        var singleThreaded = compilation.WithOptions(compilation.Options.WithConcurrentBuild(false));
        var compileTimes = new List<TimeSpan>();
        var runs = new List<ImmutableDictionary<string, TimeSpan>>();
        while (runs.Count < MaxWarmRuns && !(runs.Count >= MinWarmRuns && IsSteady(runs.Skip(runs.Count - SteadyRuns).Select(Total).ToList())))
        {
            // The analyzers run on the compilation the compiler has just finished, as in a build, where they analyze the
            // compilation being compiled: the symbols' lazily computed parts (members, base types, attributes) are the
            // compiler's work either way, not the analyzers' (a fresh copy would charge them to whichever callback asks first).
            var compiled = singleThreaded.Clone();
            GC.Collect();
            var stopwatch = Stopwatch.StartNew();
            compiled.GetDiagnostics(cancellationToken);
            compileTimes.Add(stopwatch.Elapsed);

            // The compile leaves garbage behind; collected here, its collection is not charged to whichever callback
            // happens to allocate when the budget runs out (a few milliseconds: most of a small project's analyzer time).
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var options = new CompilationWithAnalyzersOptions(analyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
            var withAnalyzers = compiled.WithAnalyzers(analyzers, options);

            // A collection pauses whichever callback is running when it starts, for as long as it takes (tens of
            // milliseconds with a loaded workspace in memory): the log shows them so that an outlier can be told apart.
            var collections = GC.CollectionCount(0);
            var paused = GC.GetTotalPauseDuration();
            await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
            collections = GC.CollectionCount(0) - collections;
            paused = GC.GetTotalPauseDuration() - paused;
            runs.Add(await TimePerAnalyzerAsync(withAnalyzers, analyzers, cancellationToken).ConfigureAwait(false));
            progress?.Invoke($"warm run {runs.Count}: compiler {compileTimes[^1].TotalSeconds:F2} s, AsyncLint {TimeSpan.FromTicks(Total(runs[^1])).TotalMilliseconds:F1} ms"
                + $" (while analyzing: {collections} garbage collection(s), {paused.TotalMilliseconds:F0} ms paused, charged to whichever analyzer was running)");
        }

        // The run whose total analyzer time is the median of the last few stands for them (its per-analyzer times add up to it).
        var last = runs.Skip(runs.Count - SteadyRuns).ToList();
        var median = last.OrderBy(Total).ElementAt(last.Count / 2);
        var compile = compileTimes.Skip(compileTimes.Count - SteadyRuns).OrderBy(t => t).ElementAt(last.Count / 2);
        return (compile, median, runs.Count);
    }

    private static long Total(ImmutableDictionary<string, TimeSpan> run) => run.Values.Sum(t => t.Ticks);

    /// <summary>Consecutive totals within 15% of their median (or within a millisecond: a tiny project's times are all noise).</summary>
    internal static bool IsSteady(IReadOnlyList<long> totals)
    {
        var median = totals.OrderBy(t => t).ElementAt(totals.Count / 2);
        var tolerance = Math.Max(median * 0.15, TimeSpan.TicksPerMillisecond);
        return totals.All(t => Math.Abs(t - median) <= tolerance);
    }

    private static async Task<ImmutableDictionary<string, TimeSpan>> TimePerAnalyzerAsync(
        CompilationWithAnalyzers withAnalyzers, ImmutableArray<DiagnosticAnalyzer> analyzers, CancellationToken cancellationToken)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken).ConfigureAwait(false);
            builder[analyzer.GetType().Name] = telemetry.ExecutionTime;
        }

        return builder.ToImmutable();
    }
}
