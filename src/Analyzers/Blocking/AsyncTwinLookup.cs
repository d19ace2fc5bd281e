using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>One async counterpart of a synchronous method, and what calling it instead takes.</summary>
internal sealed class AsyncTwin
{
    public AsyncTwin(
        IMethodSymbol method,
        int tokenOrdinal,
        bool tokenRequired,
        int optionalExtras,
        ulong arrayArgumentOrdinals,
        bool resultIsVoid,
        bool hasConfigureAwait)
    {
        Method = method;
        TokenOrdinal = tokenOrdinal;
        TokenRequired = tokenRequired;
        OptionalExtras = optionalExtras;
        ArrayArgumentOrdinals = arrayArgumentOrdinals;
        ResultIsVoid = resultIsVoid;
        HasConfigureAwait = hasConfigureAwait;
    }

    /// <summary>The twin (constructed with the synchronous method's own type parameters when generic).</summary>
    public IMethodSymbol Method { get; }

    /// <summary>The ordinal of the trailing CancellationToken parameter, or -1.</summary>
    public int TokenOrdinal { get; }

    public bool TokenRequired { get; }

    /// <summary>How many optional parameters (other than the token) the twin adds after the synchronous ones.</summary>
    public int OptionalExtras { get; }

    /// <summary>
    /// Bit i set: the synchronous parameter i is a span or array and the twin's is a Memory/ArraySegment; the call
    /// site must pass an array there (which converts to both), never a span.
    /// </summary>
    public ulong ArrayArgumentOrdinals { get; }

    /// <summary>The twin's awaited result is void while the synchronous method returns a value: only a discarded call matches.</summary>
    public bool ResultIsVoid { get; }

    /// <summary>The twin returns Task or ValueTask.</summary>
    public bool HasConfigureAwait { get; }

    public bool AcceptsToken => TokenOrdinal >= 0;
}

/// <summary>
/// "Does this synchronous method have an async counterpart on this receiver type?" — found by lookup, not by a
/// list: an accessible <c>XAsync</c> (or <c>XTaskAsync</c>) on the receiver's type, its base types and interfaces
/// (the containing static class for static and extension methods) with the same parameters (types, ref kinds,
/// order), optionally followed by optional parameters and a trailing CancellationToken, returning an awaitable
/// whose result is the synchronous method's return type. Cached per (type, method) for the compilation.
/// </summary>
internal sealed class AsyncTwinLookup
{
    private readonly BlockingSymbols symbols;
    private readonly ConcurrentDictionary<TwinKey, ImmutableArray<AsyncTwin>> twins = new();
    private readonly ConcurrentDictionary<TwinNameKey, bool> twinNames = new();
    private readonly ConcurrentDictionary<ITypeSymbol, bool> frameworkIo = new(SymbolEqualityComparer.Default);

    public AsyncTwinLookup(BlockingSymbols symbols)
    {
        this.symbols = symbols;
    }

    /// <summary>
    /// The counterparts of <paramref name="method"/> called on <paramref name="searchType"/>, best first
    /// (fewest extra parameters); empty when there is none. One dictionary lookup after the first call.
    /// </summary>
    public ImmutableArray<AsyncTwin> Find(ITypeSymbol searchType, IMethodSymbol method)
    {
        // The common miss: no type in the search order has a member named XAsync/XTaskAsync at all. Member names do
        // not depend on type arguments, so this is asked once per (unconstructed start type, name), and Compute would
        // return empty for every such call anyway (it finds twins only among those members).
        var start = StartType(searchType, method);
        var nameKey = new TwinNameKey(start.OriginalDefinition, method.Name);
        if (!twinNames.TryGetValue(nameKey, out var hasTwinName))
        {
            hasTwinName = HasTwinNamedMember(searchType, method);
            twinNames.TryAdd(nameKey, hasTwinName);
        }

        if (!hasTwinName)
        {
            return ImmutableArray<AsyncTwin>.Empty;
        }

        var key = new TwinKey(searchType, method.ConstructedFrom);
        if (twins.TryGetValue(key, out var found))
        {
            return found;
        }

        found = Compute(searchType, method.ConstructedFrom);
        twins.TryAdd(key, found);
        return found;
    }

    /// <summary>
    /// The evidence that the call does I/O or waits: the type (or a base type or interface) lives in a framework
    /// I/O or wait namespace (System.IO, System.Net, System.Data, System.Xml, System.Text.Json) or is
    /// System.Diagnostics.Process / System.Threading.SemaphoreSlim. Cached per type.
    /// </summary>
    public bool IsFrameworkIoType(ITypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        if (frameworkIo.TryGetValue(type, out var known))
        {
            return known;
        }

        var result = false;
        for (var current = type; current is not null && !result; current = current.BaseType)
        {
            result = IsFrameworkIoDeclaration(current);
        }

        if (!result)
        {
            foreach (var @interface in type.AllInterfaces)
            {
                if (IsFrameworkIoDeclaration(@interface))
                {
                    result = true;
                    break;
                }
            }
        }

        frameworkIo.TryAdd(type, result);
        return result;
    }

    private static bool IsFrameworkIoDeclaration(ITypeSymbol type)
    {
        // The namespace's three outermost names, read without building its display string (asked for every base type
        // and interface of every receiver type the first time it is seen).
        INamespaceSymbol? first = null, second = null, third = null;
        var depth = 0;
        for (var current = type.ContainingNamespace; current is { IsGlobalNamespace: false }; current = current.ContainingNamespace)
        {
            third = second;
            second = first;
            first = current;
            depth++;
        }

        if (first?.Name != "System" || second is null)
        {
            return false;
        }

        return second.Name switch
        {
            "Diagnostics" => depth == 2 && type.Name == "Process",
            "Threading" => depth == 2 && type.Name == "SemaphoreSlim",
            "IO" or "Net" or "Data" or "Xml" => true,
            "Text" => third?.Name == "Json",
            _ => false,
        };
    }

    private ImmutableArray<AsyncTwin> Compute(ITypeSymbol searchType, IMethodSymbol sync)
    {
        List<AsyncTwin>? found = null;
        bool? synchronous = null;
        foreach (var suffix in Suffixes)
        {
            var twinName = sync.Name + suffix;
            foreach (var type in SearchOrder(searchType, sync))
            {
                foreach (var member in type.GetMembers(twinName))
                {
                    if (member is not IMethodSymbol candidate)
                    {
                        continue;
                    }

                    // Most methods have no member of the twin's name: only those pay for the checks below.
                    synchronous ??= IsSynchronous(sync);
                    if (synchronous == false)
                    {
                        return ImmutableArray<AsyncTwin>.Empty;
                    }

                    if (TryMatch(sync, candidate) is { } twin && !IsOverriddenIn(found, candidate))
                    {
                        (found ??= new List<AsyncTwin>()).Add(twin);
                    }
                }
            }

            // XTaskAsync only where no XAsync qualifies (WebClient: DownloadStringAsync is the event-based API).
            if (found is not null)
            {
                break;
            }
        }

        if (found is null)
        {
            return ImmutableArray<AsyncTwin>.Empty;
        }

        found.Sort(static (a, b) => a.OptionalExtras.CompareTo(b.OptionalExtras));
        return found.ToImmutableArray();
    }

    private static readonly ImmutableArray<string> Suffixes = ImmutableArray.Create("Async", "TaskAsync");

    private static bool HasTwinNamedMember(ITypeSymbol searchType, IMethodSymbol sync)
    {
        foreach (var suffix in Suffixes)
        {
            var twinName = sync.Name + suffix;
            foreach (var type in SearchOrder(searchType, sync))
            {
                // MemberNames is a set the compiler keeps per type; GetMembers would build symbols for every match.
                if (type is INamedTypeSymbol named ? named.MemberNames.Contains(twinName) : !type.GetMembers(twinName).IsEmpty)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ITypeSymbol StartType(ITypeSymbol searchType, IMethodSymbol sync)
        => sync.IsStatic || searchType is not INamedTypeSymbol ? sync.ContainingType : searchType;

    /// <summary>A synchronous method worth looking up: not already async, not a Task API (ASYNC101/102 own those).</summary>
    private bool IsSynchronous(IMethodSymbol sync)
    {
        if (sync.ReturnsByRef || sync.ReturnsByRefReadonly || sync.ReturnType.IsRefLikeType || symbols.Async.IsAwaitable(sync.ReturnType))
        {
            return false;
        }

        return sync.ContainingType is { } type
            && !SymbolEqualityComparer.Default.Equals(type.ContainingNamespace, symbols.Async.Task.ContainingNamespace);
    }

    /// <summary>The receiver type, its base types and (for interfaces) the interfaces it extends; the containing type for static methods.</summary>
    private static IEnumerable<ITypeSymbol> SearchOrder(ITypeSymbol searchType, IMethodSymbol sync)
    {
        var start = StartType(searchType, sync);
        for (ITypeSymbol? current = start; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        if (!sync.IsStatic && start.TypeKind == TypeKind.Interface)
        {
            foreach (var @interface in start.AllInterfaces)
            {
                yield return @interface;
            }
        }
    }

    private static bool IsOverriddenIn(List<AsyncTwin>? found, IMethodSymbol candidate)
    {
        if (found is null)
        {
            return false;
        }

        foreach (var twin in found)
        {
            for (var overridden = twin.Method.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
            {
                if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, candidate.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private AsyncTwin? TryMatch(IMethodSymbol sync, IMethodSymbol candidate)
    {
        if (candidate.IsStatic != sync.IsStatic
            || candidate.IsExtensionMethod != sync.IsExtensionMethod
            || candidate.Arity != sync.Arity
            || candidate.Parameters.Length < sync.Parameters.Length
            || candidate.MethodKind != MethodKind.Ordinary)
        {
            return null;
        }

        if (candidate.Arity > 0)
        {
            var typeArguments = new ITypeSymbol[sync.Arity];
            sync.TypeArguments.CopyTo(typeArguments);
            candidate = candidate.Construct(typeArguments);
        }

        // The [Obsolete] twin of a current method is no advice; when both are obsolete (WebClient) it still is.
        if (IsObsolete(candidate) && !IsObsolete(sync))
        {
            return null;
        }

        ulong arrayOrdinals = 0;
        var syncParameters = sync.Parameters;
        var twinParameters = candidate.Parameters;
        for (var i = 0; i < syncParameters.Length; i++)
        {
            var s = syncParameters[i];
            var t = twinParameters[i];
            if (s.RefKind != t.RefKind || s.IsParams != t.IsParams)
            {
                return null;
            }

            if (SymbolEqualityComparer.Default.Equals(s.Type, t.Type))
            {
                continue;
            }

            // string[] → IEnumerable<string> (File.WriteAllLines): the same argument converts to the twin's parameter.
            if (s.RefKind == RefKind.None && IsImplicitReferenceConversion(s.Type, t.Type))
            {
                continue;
            }

            if (i < 64 && s.RefKind == RefKind.None && IsArrayToMemoryPair(s.Type, t.Type))
            {
                arrayOrdinals |= 1UL << i;
                continue;
            }

            return null;
        }

        var tokenOrdinal = -1;
        var tokenRequired = false;
        var optionalExtras = 0;
        for (var j = syncParameters.Length; j < twinParameters.Length; j++)
        {
            var extra = twinParameters[j];
            if (symbols.Async.IsCancellationToken(extra.Type) && extra.RefKind == RefKind.None && j == twinParameters.Length - 1)
            {
                tokenOrdinal = j;
                tokenRequired = !extra.IsOptional;
            }
            else if (extra.IsOptional && !extra.IsParams)
            {
                optionalExtras++;
            }
            else
            {
                // X() does not match XAsync(int): a required extra parameter is a different operation.
                return null;
            }
        }

        if (!TryGetAwaitResult(candidate.ReturnType, out var result, out var hasConfigureAwait))
        {
            return null;
        }

        var resultIsVoid = false;
        if (!sync.ReturnsVoid)
        {
            if (result is null)
            {
                resultIsVoid = true;
            }
            else if (!SymbolEqualityComparer.Default.Equals(result, sync.ReturnType)
                     && !IsImplicitReferenceConversion(result, sync.ReturnType))
            {
                return null;
            }
        }

        return new AsyncTwin(candidate, tokenOrdinal, tokenRequired, optionalExtras, arrayOrdinals, resultIsVoid, hasConfigureAwait);
    }

    private bool IsImplicitReferenceConversion(ITypeSymbol from, ITypeSymbol to)
    {
        if (!from.IsReferenceType || !to.IsReferenceType)
        {
            return false;
        }

        var conversion = symbols.Async.Compilation.ClassifyCommonConversion(from, to);
        return conversion.IsImplicit && conversion.IsReference;
    }

    /// <summary>
    /// <c>Span&lt;T&gt;</c>/<c>ReadOnlySpan&lt;T&gt;</c>/<c>T[]</c> against <c>Memory&lt;T&gt;</c>/<c>ReadOnlyMemory&lt;T&gt;</c>/
    /// <c>ArraySegment&lt;T&gt;</c>: an array argument converts to either, so <c>stream.Read(buffer)</c> has the twin
    /// <c>ReadAsync(buffer)</c> even though the parameters' types differ.
    /// </summary>
    private bool IsArrayToMemoryPair(ITypeSymbol syncType, ITypeSymbol twinType)
    {
        var element = syncType switch
        {
            IArrayTypeSymbol { IsSZArray: true } array => array.ElementType,
            INamedTypeSymbol { TypeArguments.Length: 1 } span
                when span.OriginalDefinition.Is(symbols.Span) || span.OriginalDefinition.Is(symbols.ReadOnlySpan) => span.TypeArguments[0],
            _ => null,
        };

        if (element is null || twinType is not INamedTypeSymbol { TypeArguments.Length: 1 } memory)
        {
            return false;
        }

        var definition = memory.OriginalDefinition;
        var writable = syncType is IArrayTypeSymbol || syncType.OriginalDefinition.Is(symbols.Span);
        var matchesKind = definition.Is(symbols.ArraySegment) || definition.Is(symbols.Memory)
            || (definition.Is(symbols.ReadOnlyMemory) && !writable);
        return matchesKind && SymbolEqualityComparer.Default.Equals(memory.TypeArguments[0], element);
    }

    /// <summary>Awaitable, and what <c>await</c> produces (null for void).</summary>
    private bool TryGetAwaitResult(ITypeSymbol type, out ITypeSymbol? result, out bool hasConfigureAwait)
    {
        result = null;
        hasConfigureAwait = false;
        if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error)
        {
            return false;
        }

        var async = symbols.Async;
        var definition = named.OriginalDefinition;
        if (definition.Is(async.Task) || definition.Is(async.ValueTask))
        {
            hasConfigureAwait = true;
            return true;
        }

        if (definition.Is(async.TaskOfT) || definition.Is(async.ValueTaskOfT))
        {
            hasConfigureAwait = true;
            result = named.TypeArguments[0];
            return true;
        }

        for (ITypeSymbol? current = named; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("GetAwaiter"))
            {
                if (member is not IMethodSymbol { IsStatic: false, Parameters.Length: 0, ReturnsVoid: false } getAwaiter)
                {
                    continue;
                }

                foreach (var getResult in getAwaiter.ReturnType.GetMembers("GetResult"))
                {
                    if (getResult is IMethodSymbol { Parameters.Length: 0 } method
                        && getAwaiter.ReturnType.GetMembers("IsCompleted").Length > 0)
                    {
                        result = method.ReturnsVoid ? null : method.ReturnType;
                        return true;
                    }
                }
            }
        }

        return false;
    }

    private bool IsObsolete(IMethodSymbol method)
    {
        var obsolete = symbols.Async.ObsoleteAttribute;
        if (obsolete is null)
        {
            return false;
        }

        foreach (var attribute in method.OriginalDefinition.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, obsolete))
            {
                return true;
            }
        }

        foreach (var attribute in method.ContainingType.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, obsolete))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>(unconstructed start type, method name) — the type by symbol identity, the name ordinally.</summary>
    private readonly struct TwinNameKey : IEquatable<TwinNameKey>
    {
        private readonly ITypeSymbol type;
        private readonly string name;

        public TwinNameKey(ITypeSymbol type, string name)
        {
            this.type = type;
            this.name = name;
        }

        public bool Equals(TwinNameKey other)
            => string.Equals(name, other.name, StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(type, other.type);

        public override bool Equals(object? obj) => obj is TwinNameKey other && Equals(other);

        public override int GetHashCode()
            => unchecked((SymbolEqualityComparer.Default.GetHashCode(type) * 397) ^ StringComparer.Ordinal.GetHashCode(name));
    }

    /// <summary>(receiver type, method) — compared by symbol identity.</summary>
    private readonly struct TwinKey : IEquatable<TwinKey>
    {
        private readonly ITypeSymbol type;
        private readonly IMethodSymbol method;

        public TwinKey(ITypeSymbol type, IMethodSymbol method)
        {
            this.type = type;
            this.method = method;
        }

        public bool Equals(TwinKey other)
            => SymbolEqualityComparer.Default.Equals(type, other.type) && SymbolEqualityComparer.Default.Equals(method, other.method);

        public override bool Equals(object? obj) => obj is TwinKey other && Equals(other);

        public override int GetHashCode()
            => unchecked((SymbolEqualityComparer.Default.GetHashCode(type) * 397) ^ SymbolEqualityComparer.Default.GetHashCode(method));
    }
}
