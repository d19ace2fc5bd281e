using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using AsyncLint.Bench.Floor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Bench;

/// <summary>What to measure and how often.</summary>
public sealed record BenchOptions
{
    public int Files { get; init; } = 2000;

    public int Seed { get; init; } = 42;

    public int Repetitions { get; init; } = 5;

    /// <summary>A folder of .cs files to measure instead of the generated codebase.</summary>
    public string? Folder { get; init; }

    /// <summary>A built project's output folder whose assemblies the folder's code references (with <see cref="Folder"/>).</summary>
    public string? ReferencesFolder { get; init; }

    /// <summary>Run the analysis driver (and the compiler) on several threads; the default is one thread, which makes
    /// every analyzer's time its own CPU time and the compiler's time comparable to the sum.</summary>
    public bool Concurrent { get; init; }

    public bool IncludePeers { get; init; } = true;

    /// <summary>Every rule of vs-threading and Meziantou, not only their async rules.</summary>
    public bool AllPeerRules { get; init; }

    /// <summary>One analysis driver per group instead of one for all groups.</summary>
    public bool Isolated { get; init; }

    /// <summary>Where the peers' DLLs are (default: peers/ next to the bench assembly).</summary>
    public string? PeersDirectory { get; init; }

    /// <summary>An AsyncLint.Analyzers.dll to measure instead of the one this bench was built with.</summary>
    public string? AsyncLintDll { get; init; }

    /// <summary>Progress lines (null: silent).</summary>
    public TextWriter? Log { get; init; }
}

/// <summary>
/// The bench's core: one input, parsed once; per repetition, the compiler alone on a fresh compilation, then each
/// analyzer group (AsyncLint, its floor, each peer package) in its own <see cref="CompilationWithAnalyzers"/> over a
/// fresh compilation of the same trees, with every rule of the group enabled and execution time logged per analyzer.
/// Groups run in a rotated order each repetition; a warm-up run of each group comes first (it also records what
/// AsyncLint registers, from which the floor is built). Medians over the repetitions.
/// </summary>
public static class BenchRunner
{
    public static async Task<BenchResult> RunAsync(BenchOptions options, CancellationToken cancellationToken = default)
    {
        var log = options.Log ?? TextWriter.Null;
        var input = options.Folder is null
            ? BenchInput.Generated(options.Files, options.Seed, options.Concurrent)
            : BenchInput.Folder(options.Folder, options.Concurrent, options.ReferencesFolder);
        log.WriteLine($"input: {input.Description}: {input.Files} files, {input.Lines} lines");

        var asyncLint = AnalyzerSets.AsyncLint(options.AsyncLintDll);
        var peers = options.IncludePeers ? AnalyzerSets.Peers(options.PeersDirectory, options.AllPeerRules) : [];
        log.WriteLine($"AsyncLint: {asyncLint.Analyzers.Length} analyzers; peers: {string.Join(", ", peers.Select(p => $"{p.Name} ({p.Analyzers.Length})"))}");

        // Warm-up of the compiler; its errors are reported (a folder compiled without its packages has some).
        var compilerErrors = input.NewCompilation().GetDiagnostics(cancellationToken).Count(d => d.Severity == DiagnosticSeverity.Error);
        log.WriteLine($"compiler errors: {compilerErrors}");

        // Warm-up of AsyncLint, through recorders: what each analyzer registers on this compilation makes its floor.
        var recorders = asyncLint.Analyzers.Select(a => new RecordingAnalyzer(a)).ToImmutableArray();
        await RunGroupAsync(Compile(input, recorders.CastArray<DiagnosticAnalyzer>(), out _, cancellationToken), recorders.CastArray<DiagnosticAnalyzer>(), options.Concurrent, cancellationToken);
        var floors = recorders.Select(r => new FloorAnalyzer(NameOf(r.Inner), r.Root, r.Inner.SupportedDiagnostics)).ToImmutableArray();
        var floorGroup = new AnalyzerGroup("floor", "do-nothing analyzers registering AsyncLint's callbacks", floors.CastArray<DiagnosticAnalyzer>(), []);
        var registrations = recorders.ToDictionary(r => NameOf(r.Inner), r => r.Root.Describe().ToList());
        foreach (var (name, lines) in registrations)
        {
            log.WriteLine($"{name} registers: {(lines.Count == 0 ? "nothing" : string.Join("; ", lines.Select(l => l.Trim())))}");
        }

        var groups = new List<AnalyzerGroup> { asyncLint, floorGroup };
        groups.AddRange(peers);

        // One driver for every group (the default: the compilation is bound once per repetition, and each analyzer's
        // time is still its own), or one driver per group (--isolated: each group also pays its own lazy costs).
        List<ImmutableArray<DiagnosticAnalyzer>> Batches(int rotation)
        {
            var rotated = groups.Skip(rotation % groups.Count).Concat(groups.Take(rotation % groups.Count)).ToList();
            return options.Isolated
                ? rotated.Select(g => g.Analyzers).ToList()
                : [rotated.SelectMany(g => g.Analyzers).ToImmutableArray()];
        }

        foreach (var batch in Batches(0))
        {
            log.WriteLine($"warm-up: {batch.Length} analyzers");
            await RunGroupAsync(Compile(input, batch, out _, cancellationToken), batch, options.Concurrent, cancellationToken);
        }

        var times = new Dictionary<DiagnosticAnalyzer, List<TimeSpan>>();
        var lastRuns = new Dictionary<DiagnosticAnalyzer, GroupRun>();
        var compilerTimes = new List<TimeSpan>();
        for (var repetition = 0; repetition < options.Repetitions; repetition++)
        {
            var batches = Batches(repetition);
            for (var b = 0; b < batches.Count; b++)
            {
                var batch = batches[b];
                var compilation = Compile(input, batch, out var compileTime, cancellationToken);
                if (b == 0)
                {
                    compilerTimes.Add(compileTime);
                }

                Collect();
                var run = await RunGroupAsync(compilation, batch, options.Concurrent, cancellationToken);
                foreach (var (analyzer, time) in run.Times)
                {
                    lastRuns[analyzer] = run;
                    (times.TryGetValue(analyzer, out var list) ? list : times[analyzer] = []).Add(time);
                }
            }

            log.WriteLine($"repetition {repetition + 1}/{options.Repetitions}: compiler {compilerTimes[^1].TotalMilliseconds:F0} ms, AsyncLint {Sum(asyncLint.Analyzers, times, repetition).TotalMilliseconds:F1} ms");
        }

        // The profile: AsyncLint alone once more, each of its callbacks timed by the recording wrapper (which callback costs what).
        Collect();
        var profilers = asyncLint.Analyzers.Select(a => new RecordingAnalyzer(a)).ToImmutableArray();
        var profiled = Compile(input, profilers.CastArray<DiagnosticAnalyzer>(), out _, cancellationToken);
        Collect();
        var callbackBytes = RecordingAnalyzer.AllocatedBytes;
        var runBytes = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        var paused = GC.GetTotalPauseDuration();
        await RunGroupAsync(profiled, profilers.CastArray<DiagnosticAnalyzer>(), options.Concurrent, cancellationToken);
        var allocation = new ProfileAllocation(
            RecordingAnalyzer.AllocatedBytes - callbackBytes,
            GC.GetTotalAllocatedBytes(precise: true) - runBytes,
            GC.CollectionCount(0) - collections,
            GC.GetTotalPauseDuration() - paused);
        var profile = profilers.ToDictionary(r => NameOf(r.Inner), r => r.Root.DescribeTimed().ToList());

        return BuildResult(options, input, compilerErrors, asyncLint, floors, peers, times, lastRuns, compilerTimes, registrations) with { Profile = profile, Allocation = allocation };
    }

    private static BenchResult BuildResult(
        BenchOptions options,
        BenchInput input,
        int compilerErrors,
        AnalyzerGroup asyncLint,
        ImmutableArray<FloorAnalyzer> floors,
        IReadOnlyList<AnalyzerGroup> peers,
        Dictionary<DiagnosticAnalyzer, List<TimeSpan>> times,
        Dictionary<DiagnosticAnalyzer, GroupRun> lastRuns,
        List<TimeSpan> compilerTimes,
        Dictionary<string, List<string>> registrations)
    {
        var repetitions = compilerTimes.Count;
        double MedianOf(IEnumerable<DiagnosticAnalyzer> analyzers)
            => Median(Enumerable.Range(0, repetitions).Select(r => Sum(analyzers, times, r).TotalMilliseconds));
        double MinOf(IEnumerable<DiagnosticAnalyzer> analyzers)
            => Enumerable.Range(0, repetitions).Select(r => Sum(analyzers, times, r).TotalMilliseconds).DefaultIfEmpty().Min();

        var compiler = Median(compilerTimes.Select(t => t.TotalMilliseconds));
        var asyncLintTotal = MedianOf(asyncLint.Analyzers);
        var floorTotal = MedianOf(floors);
        var asyncLintRun = asyncLint.Analyzers.IsEmpty ? null : lastRuns[asyncLint.Analyzers[0]];

        var rows = new List<BenchRow>();
        BenchRow Row(string name, RowKind kind, double ms, double? floor, GroupRun? run, IEnumerable<DiagnosticAnalyzer> analyzers, string? detail = null)
        {
            var list = analyzers.ToList();
            var ids = list.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            return new BenchRow(
                name,
                kind,
                ms,
                asyncLintTotal > 0 ? ms / asyncLintTotal : null,
                floor is > 0 ? ms / floor : null,
                compiler > 0 ? ms / compiler : null,
                run?.Diagnostics.Count(d => ids.Contains(d.Id)) ?? 0,
                run is null ? 0 : list.Sum(a => run.Exceptions.GetValueOrDefault(a)),
                list.Count,
                detail)
            { MinMs = MinOf(list) };
        }

        for (var i = 0; i < asyncLint.Analyzers.Length; i++)
        {
            var analyzer = asyncLint.Analyzers[i];
            rows.Add(Row(NameOf(analyzer), RowKind.AsyncLintAnalyzer, MedianOf([analyzer]), MedianOf([floors[i]]), asyncLintRun, [analyzer],
                string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct())));
        }

        rows.Add(Row("AsyncLint (all analyzers)", RowKind.AsyncLintTotal, asyncLintTotal, floorTotal, asyncLintRun, asyncLint.Analyzers));
        rows.Add(Row("floor (same callbacks, empty bodies)", RowKind.Floor, floorTotal, floorTotal, null, floors));
        rows.Add(new BenchRow("compiler (GetDiagnostics, no analyzers)", RowKind.Compiler, compiler, asyncLintTotal > 0 ? compiler / asyncLintTotal : null,
            floorTotal > 0 ? compiler / floorTotal : null, 1, compilerErrors, 0, 0, "errors in the Diagnostics column")
        { MinMs = compilerTimes.Select(t => t.TotalMilliseconds).DefaultIfEmpty().Min() });

        var peerAsync = new List<BenchRow>();
        foreach (var peer in peers)
        {
            var run = peer.Analyzers.IsEmpty ? null : lastRuns[peer.Analyzers[0]];
            var all = peer.Analyzers;
            var label = peer.AllAsync ? (peer.Subsets.Count > 0 ? $"{peer.Name} (async analyzers)" : peer.Name) : $"{peer.Name} (all rules)";
            var allRow = Row(label, RowKind.Peer, MedianOf(all), floorTotal, run, all, peer.Package);
            rows.Add(allRow);
            if (peer.AllAsync)
            {
                peerAsync.Add(allRow);
            }

            foreach (var subset in peer.Subsets)
            {
                var members = all.Where(subset.Contains).ToList();
                var subsetRow = Row($"{peer.Name} ({subset.Name})", RowKind.PeerSubset, MedianOf(members), floorTotal, run, members,
                    string.Join(", ", subset.Ids.Order(StringComparer.Ordinal)));
                rows.Add(subsetRow);
                if (!peer.AllAsync && peerAsync.Count < peers.Count && subset.Name == AnalyzerSets.AsyncSubsetName)
                {
                    peerAsync.Add(subsetRow);
                }
            }
        }

        var targets = new BenchTargets(
            asyncLintTotal / Math.Max(floorTotal, 1e-9),
            asyncLintTotal / Math.Max(compiler, 1e-9),
            peerAsync.Select(r => new PeerComparison(r.Name, r.MedianMs / Math.Max(asyncLintTotal, 1e-9))).ToList())
        {
            MinAsyncLintToFloor = MinOf(asyncLint.Analyzers) / Math.Max(MinOf(floors), 1e-9),
            MinAsyncLintShareOfCompile = MinOf(asyncLint.Analyzers) / Math.Max(compilerTimes.Select(t => t.TotalMilliseconds).DefaultIfEmpty().Min(), 1e-9),
        };

        return new BenchResult(
            input.Description,
            input.Files,
            input.Lines,
            compilerErrors,
            repetitions,
            options.Concurrent,
            options.Isolated,
            Environment.ProcessorCount,
            typeof(Compilation).Assembly.GetName().Version?.ToString() ?? "?",
            rows,
            registrations,
            targets);
    }

    /// <summary>
    /// A fresh compilation with every rule of <paramref name="analyzers"/> on (some are off by default, e.g. CA1849 and
    /// many Meziantou rules), compiled once (timed: the compiler's own time). The analysis driver then runs on a clone
    /// of it that shares its metadata symbols, as analyzers in a build run beside the compiler: so no analyzer is charged
    /// for loading the referenced assemblies' metadata merely because its compilation start happened to run first.
    /// </summary>
    private static Compilation Compile(BenchInput input, ImmutableArray<DiagnosticAnalyzer> analyzers, out TimeSpan compileTime, CancellationToken cancellationToken)
    {
        var severities = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct(StringComparer.Ordinal)
            .ToImmutableDictionary(id => id, _ => ReportDiagnostic.Warn);
        var compilation = input.NewCompilation().WithOptions(input.Options.WithSpecificDiagnosticOptions(severities));
        Collect();
        var stopwatch = Stopwatch.StartNew();
        _ = compilation.GetDiagnostics(cancellationToken);
        compileTime = stopwatch.Elapsed;
        return compilation;
    }

    private static async Task<GroupRun> RunGroupAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, bool concurrent, CancellationToken cancellationToken)
    {
        if (analyzers.IsEmpty)
        {
            return new GroupRun([], [], new Dictionary<DiagnosticAnalyzer, int>());
        }

        var exceptions = new ConcurrentDictionary<DiagnosticAnalyzer, int>();
        var withAnalyzers = compilation.WithAnalyzers(analyzers, new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (_, analyzer, _) => exceptions.AddOrUpdate(analyzer, 1, (_, n) => n + 1),
            concurrentAnalysis: concurrent,
            logAnalyzerExecutionTime: true,
            reportSuppressedDiagnostics: false));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken);
        var times = new List<(DiagnosticAnalyzer, TimeSpan)>(analyzers.Length);
        foreach (var analyzer in analyzers)
        {
            var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, cancellationToken);
            times.Add((analyzer, telemetry.ExecutionTime));
        }

        return new GroupRun(times, diagnostics, exceptions);
    }

    private static TimeSpan Sum(IEnumerable<DiagnosticAnalyzer> analyzers, Dictionary<DiagnosticAnalyzer, List<TimeSpan>> times, int repetition)
    {
        var total = TimeSpan.Zero;
        foreach (var analyzer in analyzers)
        {
            if (times.TryGetValue(analyzer, out var list) && repetition < list.Count)
            {
                total += list[repetition];
            }
        }

        return total;
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }

    internal static string NameOf(DiagnosticAnalyzer analyzer) => analyzer is FloorAnalyzer floor ? "floor of " + floor.Mirrors : analyzer.GetType().Name;

    private sealed record GroupRun(
        List<(DiagnosticAnalyzer Analyzer, TimeSpan Time)> Times,
        ImmutableArray<Diagnostic> Diagnostics,
        IReadOnlyDictionary<DiagnosticAnalyzer, int> Exceptions);
}
