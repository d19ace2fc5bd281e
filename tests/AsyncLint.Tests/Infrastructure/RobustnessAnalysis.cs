using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Emit;

namespace AsyncLint.Tests.Infrastructure;

/// <summary>The reference sets robustness code is compiled against: the real ones, and deliberately broken ones.</summary>
internal enum ReferenceSet
{
    /// <summary>.NET 10, every reference assembly.</summary>
    Net100,

    /// <summary>.NET 8, every reference assembly (C# 12).</summary>
    Net80,

    /// <summary>.NET 10 without System.Net.* and System.IO.* assemblies: HttpClient, sockets, pipes become error types.</summary>
    Net100WithoutIoAndNet,

    /// <summary>Only System.Runtime: no LINQ, no Console, no HTTP, no collections beyond the core.</summary>
    SystemRuntimeOnly,

    /// <summary>A tiny corlib compiled from source: Task exists but has no members (no GetAwaiter, no Delay), no Thread, no CancellationToken.</summary>
    MiniCorlib,

    /// <summary>No references at all: even object is an error type, and there is no Task.</summary>
    None,
}

internal static class RobustnessReferences
{
    private static readonly ConcurrentDictionary<ReferenceSet, ImmutableArray<MetadataReference>> Cache = new();

    public static ImmutableArray<MetadataReference> Get(ReferenceSet set) => Cache.GetOrAdd(set, Create);

    private static ImmutableArray<MetadataReference> Create(ReferenceSet set)
    {
        var net100 = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();
        return set switch
        {
            ReferenceSet.Net100 => net100,
            ReferenceSet.Net80 => Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToImmutableArray(),
            ReferenceSet.Net100WithoutIoAndNet => net100.Where(r => !FileName(r).StartsWith("System.Net", StringComparison.Ordinal)
                                                                   && !FileName(r).StartsWith("System.IO", StringComparison.Ordinal)).ToImmutableArray(),
            ReferenceSet.SystemRuntimeOnly => net100.Where(r => FileName(r) == "System.Runtime.dll").ToImmutableArray(),
            ReferenceSet.MiniCorlib => ImmutableArray.Create(MiniCorlib()),
            ReferenceSet.None => ImmutableArray<MetadataReference>.Empty,
            _ => throw new ArgumentOutOfRangeException(nameof(set)),
        };
    }

    private static string FileName(MetadataReference reference)
        => Path.GetFileName((reference as PortableExecutableReference)?.FilePath ?? reference.Display ?? "");

    /// <summary>A corlib with just enough to compile: Task and Task&lt;T&gt; are empty classes, nothing else async exists.</summary>
    private static MetadataReference MiniCorlib()
    {
        const string source = """
            namespace System
            {
                public class Object
                {
                    public virtual string ToString() => null;
                    public virtual bool Equals(object other) => false;
                    public virtual int GetHashCode() => 0;
                }
                public abstract class ValueType { }
                public abstract class Enum : ValueType { }
                public struct Void { }
                public struct Boolean { }
                public struct Byte { }
                public struct Char { }
                public struct Int16 { }
                public struct Int32 { }
                public struct Int64 { }
                public struct UInt32 { }
                public struct Double { }
                public struct IntPtr { }
                public struct RuntimeTypeHandle { }
                public struct RuntimeFieldHandle { }
                public struct RuntimeMethodHandle { }
                public sealed class String { public int Length => 0; }
                public abstract class Array { }
                public class Type { }
                public class Exception { }
                public class Attribute { }
                public abstract class Delegate { }
                public abstract class MulticastDelegate : Delegate { }
                public delegate void Action();
                public delegate TResult Func<TResult>();
                public interface IDisposable { void Dispose(); }
                public enum AttributeTargets { All = 32767 }
                [AttributeUsage(AttributeTargets.All)]
                public sealed class AttributeUsageAttribute : Attribute
                {
                    public AttributeUsageAttribute(AttributeTargets validOn) { }
                    public bool AllowMultiple { get; set; }
                    public bool Inherited { get; set; }
                }
            }
            namespace System.Collections
            {
                public interface IEnumerable { IEnumerator GetEnumerator(); }
                public interface IEnumerator { bool MoveNext(); object Current { get; } }
            }
            namespace System.Threading.Tasks
            {
                public class Task { }
                public class Task<TResult> : Task { }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "System.Runtime",
            [CSharpSyntaxTree.ParseText(source)],
            [],
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        EmitResult result = compilation.Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("The mini corlib does not compile:\n" + string.Join("\n", result.Diagnostics));
        }

        return MetadataReference.CreateFromImage(stream.ToArray(), filePath: "System.Runtime.dll");
    }
}

/// <summary>An analyzer that threw, or reported AD0001, with everything needed to reproduce it.</summary>
internal sealed record AnalyzerFailure(string Analyzer, string Detail);

internal sealed record AnalysisOutcome(ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<AnalyzerFailure> Failures);

/// <summary>Compiles code and runs every AsyncLint analyzer on it, catching every analyzer exception.</summary>
internal static class RobustnessAnalysis
{
    public static CSharpParseOptions ParseOptions(LanguageVersion version)
        => new(version, DocumentationMode.Parse, SourceCodeKind.Regular);

    public static OutputKind OutputKindFor(IEnumerable<SyntaxTree> trees)
        => trees.Any(t => t.GetRoot() is CompilationUnitSyntax root && root.Members.Any(m => m is GlobalStatementSyntax))
            ? OutputKind.ConsoleApplication
            : OutputKind.DynamicallyLinkedLibrary;

    /// <summary>Unsafe code allowed; nullable annotations on where the language version has them.</summary>
    public static CSharpCompilationOptions CompilationOptions(OutputKind kind, LanguageVersion languageVersion)
        => new(
            kind,
            allowUnsafe: true,
            nullableContextOptions: languageVersion.MapSpecifiedToEffectiveVersion() >= LanguageVersion.CSharp8 ? NullableContextOptions.Enable : NullableContextOptions.Disable);

    private static readonly ConcurrentDictionary<(ReferenceSet, OutputKind, LanguageVersion), CSharpCompilation> Templates = new();

    /// <summary>
    /// A compilation of <paramref name="trees"/>. It is derived from an empty template per reference set, so that the
    /// referenced assemblies are bound once per test run rather than once per snippet.
    /// </summary>
    public static CSharpCompilation Compile(IReadOnlyList<SyntaxTree> trees, ReferenceSet references)
    {
        var version = trees.Count > 0 ? ((CSharpParseOptions)trees[0].Options).LanguageVersion : LanguageVersion.Default;
        var kind = OutputKindFor(trees);
        var template = Templates.GetOrAdd((references, kind, version), key =>
        {
            var empty = CSharpCompilation.Create("Robustness", [], RobustnessReferences.Get(key.Item1), CompilationOptions(key.Item2, key.Item3));
            _ = empty.GetDiagnostics(); // binds the references once
            return empty;
        });
        // The same assembly name: a new name would make the compiler bind every reference again.
        return template.AddSyntaxTrees(trees);
    }

    /// <summary>
    /// Runs <paramref name="analyzers"/> with a fresh <see cref="CompilationWithAnalyzers"/>. Every exception an analyzer
    /// throws (the <c>onAnalyzerException</c> callback) and every AD0001 diagnostic becomes a failure.
    /// </summary>
    public static async Task<AnalysisOutcome> AnalyzeAsync(
        Compilation compilation,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        AnalyzerOptions? options = null,
        bool concurrent = true,
        CancellationToken cancellationToken = default)
    {
        var failures = new ConcurrentQueue<AnalyzerFailure>();
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                options ?? new AnalyzerOptions([]),
                (exception, analyzer, diagnostic) => failures.Enqueue(new AnalyzerFailure(
                    RobustnessComponents.Describe(analyzer),
                    $"{exception}\n  reported as: {diagnostic}")),
                concurrentAnalysis: concurrent,
                logAnalyzerExecutionTime: false,
                reportSuppressedDiagnostics: false));

        ImmutableArray<Diagnostic> diagnostics;
        try
        {
            diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            failures.Enqueue(new AnalyzerFailure("(analyzer driver)", e.ToString()));
            diagnostics = [];
        }

        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Id is "AD0001" or "AD0002")
            {
                failures.Enqueue(new AnalyzerFailure("(reported by the driver)", diagnostic.ToString()));
            }
        }

        return new AnalysisOutcome(
            diagnostics.Where(d => d.Id is not ("AD0001" or "AD0002")).ToImmutableArray(),
            failures.ToImmutableArray());
    }

    /// <summary>
    /// Compiler errors as "CS0103: The name 'x' does not exist..." strings: a multiset that survives line shifts.
    /// With <paramref name="emit"/>, the code is also emitted (to memory): some errors only appear when the compiler
    /// lowers async methods, such as a Span or ref local that would live across an await (CS4007, CS9217), and
    /// <see cref="Compilation.GetDiagnostics"/> alone never reports them.
    /// </summary>
    public static ImmutableArray<string> Errors(Compilation compilation, bool emit = false)
        => (emit ? compilation.Emit(new MemoryStream()).Diagnostics : compilation.GetDiagnostics())
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Distinct()
            .Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToImmutableArray();

    /// <summary>The errors of <paramref name="after"/> that <paramref name="before"/> did not have (multiset difference).</summary>
    public static ImmutableArray<string> NewErrors(ImmutableArray<string> before, ImmutableArray<string> after)
    {
        var remaining = before.GroupBy(e => e).ToDictionary(g => g.Key, g => g.Count());
        var added = ImmutableArray.CreateBuilder<string>();
        foreach (var error in after)
        {
            if (remaining.TryGetValue(error, out var count) && count > 0)
            {
                remaining[error] = count - 1;
            }
            else
            {
                added.Add(error);
            }
        }

        return added.ToImmutable();
    }

    /// <summary>How a failing diagnostic reads in a message: "ASYNC103 at (12,9): 'Thread.Sleep' blocks...".</summary>
    public static string Describe(Diagnostic diagnostic)
    {
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return $"{diagnostic.Id} at ({position.Line + 1},{position.Character + 1}): {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}

/// <summary>.editorconfig values as a host would hand them to analyzers, for option-robustness runs.</summary>
internal sealed class DictionaryAnalyzerConfigOptionsProvider : AnalyzerConfigOptionsProvider
{
    private readonly DictionaryOptions options;

    public DictionaryAnalyzerConfigOptionsProvider(IReadOnlyDictionary<string, string> values)
    {
        options = new DictionaryOptions(values);
    }

    public override AnalyzerConfigOptions GlobalOptions => options;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => options;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => options;

    private sealed class DictionaryOptions(IReadOnlyDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);

        public override IEnumerable<string> Keys => values.Keys;
    }
}

/// <summary>A deterministic pseudo-random source seeded from a stable string hash (string.GetHashCode is per-process).</summary>
internal static class StableSeed
{
    public static int Of(string text)
    {
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in text)
            {
                hash = (hash ^ c) * 16777619;
            }

            return hash & 0x7FFFFFFF;
        }
    }

    public static Random Random(string text) => new(Of(text));
}
