using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// The types the ASYNC104/ASYNC105 twin rules need, resolved once per compilation at compilation start
/// (through <see cref="AsyncSymbols.Type"/>, the one place that looks types up by metadata name).
/// </summary>
internal sealed class BlockingSymbols
{
    public BlockingSymbols(AsyncSymbols symbols)
    {
        Async = symbols;
        MemoryStream = symbols.Type("System.IO.MemoryStream");
        UnmanagedMemoryStream = symbols.Type("System.IO.UnmanagedMemoryStream");
        StringReader = symbols.Type("System.IO.StringReader");
        StringWriter = symbols.Type("System.IO.StringWriter");
        Stream = symbols.Type("System.IO.Stream");
        TextReader = symbols.Type("System.IO.TextReader");
        TextWriter = symbols.Type("System.IO.TextWriter");
        BinaryReader = symbols.Type("System.IO.BinaryReader");
        BinaryWriter = symbols.Type("System.IO.BinaryWriter");
        Console = symbols.Type("System.Console");
        TimeSpan = symbols.Type("System.TimeSpan");
        Span = symbols.Type("System.Span`1");
        ReadOnlySpan = symbols.Type("System.ReadOnlySpan`1");
        Memory = symbols.Type("System.Memory`1");
        ReadOnlyMemory = symbols.Type("System.ReadOnlyMemory`1");
        ArraySegment = symbols.Type("System.ArraySegment`1");
        StringBuilder = symbols.Type("System.Text.StringBuilder");
        ArrayBufferWriter = symbols.Type("System.Buffers.ArrayBufferWriter`1");
        HttpContent = symbols.Type("System.Net.Http.HttpContent");
        StreamContent = symbols.Type("System.Net.Http.StreamContent");
        HttpClient = symbols.Type("System.Net.Http.HttpClient");
    }

    public AsyncSymbols Async { get; }

    /// <summary>Receivers whose synchronous "I/O" only copies memory (the built-in in-memory list).</summary>
    public INamedTypeSymbol? MemoryStream { get; }

    public INamedTypeSymbol? UnmanagedMemoryStream { get; }

    public INamedTypeSymbol? StringReader { get; }

    public INamedTypeSymbol? StringWriter { get; }

    /// <summary>Wrapper types: a reader, writer or stream created over an in-memory object is in memory too.</summary>
    public INamedTypeSymbol? Stream { get; }

    public INamedTypeSymbol? TextReader { get; }

    public INamedTypeSymbol? TextWriter { get; }

    public INamedTypeSymbol? BinaryReader { get; }

    public INamedTypeSymbol? BinaryWriter { get; }

    /// <summary><c>Console.Out</c>/<c>Error</c>/<c>In</c> are synchronized wrappers whose "async" methods run synchronously.</summary>
    public INamedTypeSymbol? Console { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? Span { get; }

    public INamedTypeSymbol? ReadOnlySpan { get; }

    public INamedTypeSymbol? Memory { get; }

    public INamedTypeSymbol? ReadOnlyMemory { get; }

    public INamedTypeSymbol? ArraySegment { get; }

    /// <summary>Memory sinks: a writer created over one (<c>XmlWriter.Create(builder)</c>) only writes to memory.</summary>
    public INamedTypeSymbol? StringBuilder { get; }

    public INamedTypeSymbol? ArrayBufferWriter { get; }

    /// <summary>Request content built from values reads back from memory; a <see cref="StreamContent"/> reads its stream.</summary>
    public INamedTypeSymbol? HttpContent { get; }

    public INamedTypeSymbol? StreamContent { get; }

    /// <summary>Its sends buffer the response's content unless told otherwise (<see cref="BufferedHttpResponse"/>).</summary>
    public INamedTypeSymbol? HttpClient { get; }

    /// <summary>True for the built-in in-memory types and anything derived from them (RecyclableMemoryStream, …).</summary>
    public bool IsBuiltInInMemoryType(ITypeSymbol? type)
        => type.InheritsFromOrEquals(MemoryStream)
           || type.InheritsFromOrEquals(StringBuilder)
           || type.InheritsFromOrEquals(ArrayBufferWriter)
           || type.InheritsFromOrEquals(UnmanagedMemoryStream)
           || type.InheritsFromOrEquals(StringReader)
           || type.InheritsFromOrEquals(StringWriter);

    /// <summary>A stream, reader or writer that wraps the object passed first to its constructor.</summary>
    public bool IsWrapperType(ITypeSymbol? type)
        => type.InheritsFromOrEquals(Stream)
           || type.InheritsFromOrEquals(TextReader)
           || type.InheritsFromOrEquals(TextWriter)
           || type.InheritsFromOrEquals(BinaryReader)
           || type.InheritsFromOrEquals(BinaryWriter);
}

/// <summary>The property keys ASYNC104/ASYNC105 hand to their code fix, beyond <see cref="DiagnosticProperties"/>.</summary>
public static class AsyncTwinProperties
{
    /// <summary><c>True</c> when the twin takes a trailing CancellationToken (the in-scope token is forwarded when present).</summary>
    public const string TokenAccepted = "TokenAccepted";

    /// <summary>The twin's CancellationToken parameter name, for a named argument when a positional one would land elsewhere.</summary>
    public const string TokenParameterName = "TokenParameterName";

    /// <summary><c>True</c> when the token can be appended as the next positional argument.</summary>
    public const string TokenPositional = "TokenPositional";

    /// <summary><c>True</c> when the twin returns Task/ValueTask (so <c>.ConfigureAwait(false)</c> may be appended).</summary>
    public const string ConfigureAwait = "ConfigureAwait";

    /// <summary>The <see cref="DiagnosticProperties.Kind"/> of a plain <c>using</c> whose dispose writes: the fix adds <c>await</c>.</summary>
    public const string AwaitUsingKind = "AwaitUsing";
}
