using System.Text.Json.Serialization;

namespace AsyncLint.Bench;

/// <summary>What a row of the table is.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RowKind>))]
public enum RowKind
{
    AsyncLintAnalyzer,
    AsyncLintTotal,
    Floor,
    Compiler,
    Peer,
    PeerSubset,
}

/// <summary>
/// One row: median execution time over the repetitions and its ratios. <see cref="RatioToFloor"/> is against the
/// analyzer's own floor for an AsyncLint analyzer and against AsyncLint's whole floor otherwise.
/// </summary>
public sealed record BenchRow(
    string Name,
    RowKind Kind,
    double MedianMs,
    double? RatioToAsyncLint,
    double? RatioToFloor,
    double? ShareOfCompile,
    int Diagnostics,
    int AnalyzerExceptions,
    int Analyzers,
    string? Detail)
{
    /// <summary>The fastest repetition (on a busy machine the least disturbed one); in the JSON, not in the table.</summary>
    public double MinMs { get; init; }
}

/// <summary>A peer's async analyzers against AsyncLint's: above 1, AsyncLint is cheaper.</summary>
public sealed record PeerComparison(string Peer, double RatioToAsyncLint);

/// <summary>The targets, measured: AsyncLint ≤ 2× floor, ≤ 2% of compile, below every peer's async analyzers.</summary>
public sealed record BenchTargets(double AsyncLintToFloor, double AsyncLintShareOfCompile, IReadOnlyList<PeerComparison> Peers)
{
    /// <summary>The same ratios on the minimum of each row over the repetitions.</summary>
    public double MinAsyncLintToFloor { get; init; }

    public double MinAsyncLintShareOfCompile { get; init; }

    public bool FloorMet => AsyncLintToFloor <= 2.0;

    public bool CompileShareMet => AsyncLintShareOfCompile <= 0.02;

    public bool PeersMet => Peers.All(p => p.RatioToAsyncLint > 1.0);
}

public sealed record BenchResult(
    string Input,
    int Files,
    int Lines,
    int CompilerErrors,
    int Repetitions,
    bool ConcurrentAnalysis,
    bool Isolated,
    int ProcessorCount,
    string RoslynVersion,
    IReadOnlyList<BenchRow> Rows,
    IReadOnlyDictionary<string, List<string>> Registrations,
    BenchTargets Targets)
{
    /// <summary>Per AsyncLint analyzer, each registered callback with its calls and time (a separate, wrapped run).</summary>
    public IReadOnlyDictionary<string, List<string>> Profile { get; init; } = new Dictionary<string, List<string>>();

    /// <summary>What the profile run allocated, in AsyncLint's callbacks and in all, and the collections during it.</summary>
    public ProfileAllocation? Allocation { get; init; }
}

/// <summary>
/// Memory in the profile run (AsyncLint alone, after the compile): the bytes its callbacks allocated, the bytes the
/// whole analysis run allocated (the driver's operation trees and semantic models included), and the gen0 collections
/// and pause time during the run. A collection's pause is charged to whichever callback is running when it starts, so
/// the callbacks' share of the run's allocation is roughly their share of the collections' cost.
/// </summary>
public sealed record ProfileAllocation(long CallbackBytes, long RunBytes, int Collections, TimeSpan Paused)
{
    public double CallbackShare => RunBytes > 0 ? (double)CallbackBytes / RunBytes : 0;
}
