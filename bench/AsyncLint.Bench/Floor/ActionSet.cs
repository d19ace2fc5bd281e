using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Bench.Floor;

/// <summary>
/// What one analyzer registered in one context (its Initialize, a compilation start, a block or symbol start):
/// every registration in order, with its kinds. Start actions keep what they registered in turn, per compilation
/// start slot or per owning symbol, so that the floor can register exactly the same callbacks in the same places.
/// </summary>
public sealed class ActionSet
{
    private readonly Lock gate = new();
    private readonly ActionSet? previous;

    public ActionSet(ActionSet? previous = null)
    {
        this.previous = previous;
    }

    public bool ConcurrentExecution { get; private set; }

    public GeneratedCodeAnalysisFlags? GeneratedCodeAnalysis { get; private set; }

    public IList<Registration> Registrations { get; } = new List<Registration>();

    internal void SetConcurrentExecution()
    {
        lock (gate)
        {
            ConcurrentExecution = true;
        }
    }

    internal void SetGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags flags)
    {
        lock (gate)
        {
            GeneratedCodeAnalysis = flags;
        }
    }

    /// <summary>Adds a registration; where the previous recording of the same context had one of the same kind at this
    /// position, that one is kept instead, so that start actions registered by an earlier Initialize record into it too.</summary>
    internal T Add<T>(T registration)
        where T : Registration
    {
        lock (gate)
        {
            var position = Registrations.Count;
            if (previous is not null && previous.Snapshot() is { } before && position < before.Length
                && before[position] is T same && same.Kind == registration.Kind)
            {
                registration = same;
            }

            Registrations.Add(registration);
        }

        return registration;
    }

    internal Registration[] Snapshot()
    {
        lock (gate)
        {
            return [.. Registrations];
        }
    }

    /// <summary>One line per registration, nested starts indented: "CompilationStart", "  operation Invocation".</summary>
    public IEnumerable<string> Describe(string indent = "") => Lines(indent).Select(l => l.Text);

    /// <summary>The same lines with how often each callback ran and how long it took in all (the profile).</summary>
    public IEnumerable<string> DescribeTimed(string indent = "")
        => Lines(indent).Select(l => $"{l.Text,-60} {l.Calls,9} calls {TimeSpan.FromTicks(l.Elapsed.Ticks).TotalMilliseconds,10:F1} ms");

    internal IEnumerable<(string Text, long Calls, TimeSpan Elapsed)> Lines(string indent)
    {
        foreach (var registration in Snapshot())
        {
            yield return (indent + registration.Describe(), registration.Calls, registration.Elapsed);
            foreach (var nested in registration.NestedLines(indent + "  "))
            {
                yield return nested;
            }
        }
    }
}

/// <summary>The kind of callback a registration asks for.</summary>
public enum ActionKind
{
    Compilation,
    CompilationEnd,
    SemanticModel,
    SyntaxTree,
    AdditionalFile,
    Symbol,
    SymbolEnd,
    SyntaxNode,
    Operation,
    OperationBlock,
    OperationBlockEnd,
    CodeBlock,
    CodeBlockEnd,
    CompilationStart,
    SymbolStart,
    OperationBlockStart,
    CodeBlockStart,
}

/// <summary>One registration of an action (leaf kinds carry their operation/syntax/symbol kinds).</summary>
public class Registration
{
    public Registration(ActionKind kind)
    {
        Kind = kind;
    }

    public ActionKind Kind { get; }

    public ImmutableArray<OperationKind> OperationKinds { get; init; } = [];

    public ImmutableArray<SyntaxKind> SyntaxKinds { get; init; } = [];

    public ImmutableArray<SymbolKind> SymbolKinds { get; init; } = [];

    public virtual string Describe() => Kind switch
    {
        ActionKind.Operation => "operation " + string.Join(", ", OperationKinds),
        ActionKind.SyntaxNode => "syntax node " + string.Join(", ", SyntaxKinds),
        ActionKind.Symbol or ActionKind.SymbolStart => Kind + " " + string.Join(", ", SymbolKinds),
        _ => Kind.ToString(),
    };

    private long calls;
    private long elapsedTimestampTicks;

    public long Calls => Interlocked.Read(ref calls);

    public TimeSpan Elapsed => TimeSpan.FromSeconds((double)Interlocked.Read(ref elapsedTimestampTicks) / System.Diagnostics.Stopwatch.Frequency);

    internal void Record(long timestampTicks)
    {
        Interlocked.Increment(ref calls);
        Interlocked.Add(ref elapsedTimestampTicks, timestampTicks);
    }

    internal virtual IEnumerable<(string Text, long Calls, TimeSpan Elapsed)> NestedLines(string indent) => [];
}

/// <summary>A compilation start action: what it registered on the latest compilation it ran on.</summary>
public sealed class CompilationStartRegistration : Registration
{
    private ActionSet? latest;

    public CompilationStartRegistration()
        : base(ActionKind.CompilationStart)
    {
    }

    public ActionSet? Latest => Volatile.Read(ref latest);

    internal ActionSet Begin()
    {
        var set = new ActionSet(previous: Latest);
        Volatile.Write(ref latest, set);
        return set;
    }

    internal override IEnumerable<(string Text, long Calls, TimeSpan Elapsed)> NestedLines(string indent) => Latest?.Lines(indent) ?? [];
}

/// <summary>
/// A symbol/operation block/code block start action: what it registered for each owning symbol it ran on.
/// The owner is keyed by its declaration (syntax tree + position), which every clone of the compilation shares.
/// </summary>
public sealed class NestedStartRegistration : Registration
{
    public NestedStartRegistration(ActionKind kind)
        : base(kind)
    {
    }

    public ConcurrentDictionary<OwnerKey, ActionSet> PerOwner { get; } = new();

    internal ActionSet Begin(ISymbol owner)
    {
        var key = OwnerKey.Of(owner);
        var set = new ActionSet(previous: PerOwner.GetValueOrDefault(key));
        PerOwner[key] = set;
        return set;
    }

    internal override IEnumerable<(string Text, long Calls, TimeSpan Elapsed)> NestedLines(string indent)
    {
        // The union of what the owners registered: per line, how many owners registered it, its calls and time.
        var lines = new SortedDictionary<string, (int Owners, long Calls, TimeSpan Elapsed)>(StringComparer.Ordinal);
        foreach (var set in PerOwner.Values)
        {
            foreach (var (text, calls, elapsed) in set.Lines(""))
            {
                var (owners, sumCalls, sumElapsed) = lines.GetValueOrDefault(text);
                lines[text] = (owners + 1, sumCalls + calls, sumElapsed + elapsed);
            }
        }

        return lines.Select(pair => ($"{indent}{pair.Key} (in {pair.Value.Owners} of {PerOwner.Count} owners)", pair.Value.Calls, pair.Value.Elapsed));
    }
}

/// <summary>Where an owning symbol is declared: stable across the compilation clones that analysis drivers make.</summary>
public readonly record struct OwnerKey(SyntaxTree? Tree, int Position, SymbolKind Kind, string Name)
{
    public static OwnerKey Of(ISymbol symbol)
    {
        var locations = symbol.Locations;
        var location = locations.IsDefaultOrEmpty ? null : locations[0];
        return new OwnerKey(location?.SourceTree, location?.SourceSpan.Start ?? -1, symbol.Kind, symbol.MetadataName);
    }
}
