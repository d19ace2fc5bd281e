using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers;

/// <summary>
/// The well-known types every rule needs, resolved once per compilation and shared by every AsyncLint analyzer
/// (<see cref="TryCreate"/>). Type lookup by metadata name happens only here; family-specific types are resolved
/// through <see cref="Type"/> (also cached) by the family's own symbols object, itself shared through <see cref="Family{T}"/>.
/// </summary>
internal sealed class AsyncSymbols
{
    /// <summary>
    /// One instance per compilation for all analyzers: a lookup by metadata name searches every referenced assembly,
    /// and eleven analyzers each resolving the same types was most of their cost on a small project.
    /// The table holds compilations weakly; a null box records "no Task type here".
    /// </summary>
    private static readonly ConditionalWeakTable<Compilation, StrongBox<AsyncSymbols?>> PerCompilation = new();

    private readonly Compilation compilation;
    private readonly ConcurrentDictionary<string, INamedTypeSymbol?> byMetadataName = new();
    private readonly ConcurrentDictionary<Type, object> families = new();
    private readonly Lazy<Dictionary<string, IAssemblySymbol>> referencesByName;

    private AsyncSymbols(Compilation compilation, INamedTypeSymbol task)
    {
        this.compilation = compilation;
        referencesByName = new Lazy<Dictionary<string, IAssemblySymbol>>(IndexReferences);
        Task = task;
        TaskOfT = Type("System.Threading.Tasks.Task`1");
        ValueTask = Type("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = Type("System.Threading.Tasks.ValueTask`1");
        TaskFactory = Type("System.Threading.Tasks.TaskFactory");
        TaskFactoryOfT = Type("System.Threading.Tasks.TaskFactory`1");
        CancellationToken = Type("System.Threading.CancellationToken");
        CancellationTokenSource = Type("System.Threading.CancellationTokenSource");
        Thread = Type("System.Threading.Thread");
        ThreadPool = Type("System.Threading.ThreadPool");
        ObsoleteAttribute = Type("System.ObsoleteAttribute");
    }

    public Compilation Compilation => compilation;
    public INamedTypeSymbol Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? TaskFactory { get; }
    public INamedTypeSymbol? TaskFactoryOfT { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? CancellationTokenSource { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? ThreadPool { get; }
    public INamedTypeSymbol? ObsoleteAttribute { get; }

    /// <summary>The compilation's shared well-known types, or null where there is no Task type at all
    /// (nothing async can happen there, so no rule registers anything).</summary>
    public static AsyncSymbols? TryCreate(Compilation compilation)
        => PerCompilation.GetValue(compilation, static c => new StrongBox<AsyncSymbols?>(Create(c))).Value;

    private static AsyncSymbols? Create(Compilation compilation)
    {
#pragma warning disable RS0030 // the one place allowed to look types up by metadata name
        var task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
#pragma warning restore RS0030
        return task is null ? null : new AsyncSymbols(compilation, task);
    }

    /// <summary>
    /// A family's symbols object (one per type <typeparamref name="T"/>), created once per compilation and shared by
    /// the family's analyzers. <paramref name="create"/> may run more than once under a race; one result wins.
    /// </summary>
    public T Family<T>(Func<AsyncSymbols, T> create)
        where T : class
    {
        if (families.TryGetValue(typeof(T), out var existing))
        {
            return (T)existing;
        }

        return (T)families.GetOrAdd(typeof(T), create(this));
    }

    /// <summary>A type by metadata name, cached for the compilation. Call it at compilation start, not per operation.</summary>
    public INamedTypeSymbol? Type(string metadataName)
    {
        if (byMetadataName.TryGetValue(metadataName, out var known))
        {
            return known;
        }

        return byMetadataName.GetOrAdd(metadataName, Resolve(metadataName));
    }

    /// <summary>
    /// The compiler's lookup asks every referenced assembly (about 170 with the .NET 10 references, ~50 µs a name), and the
    /// rules resolve about a hundred names: most of a small project's analyzer time. Cheap probes come first, each one
    /// assembly: the project's own (a source definition wins, as in the compiler's lookup), the one that holds Task (most
    /// framework types), and references named after the type's namespace. A namespace that no reference declares has no
    /// such type. Only what is left goes through the full lookup.
    /// </summary>
    private INamedTypeSymbol? Resolve(string metadataName)
    {
        if (compilation.Assembly.GetTypeByMetadataName(metadataName) is { } own)
        {
            return own;
        }

        if (Public(Task.ContainingAssembly.GetTypeByMetadataName(metadataName)) is { } core)
        {
            return core;
        }

        var dot = metadataName.LastIndexOf('.');
        var ns = dot < 0 ? string.Empty : metadataName.Substring(0, dot);
        foreach (var assemblyName in AssemblyNamesFor(ns, metadataName.Substring(dot + 1)))
        {
            if (ReferencesByName.TryGetValue(assemblyName, out var assembly) && Public(assembly.GetTypeByMetadataName(metadataName)) is { } found)
            {
                return found;
            }
        }

#pragma warning disable RS0030 // the one place allowed to look types up by metadata name
        return NamespaceExists(ns) ? compilation.GetTypeByMetadataName(metadataName) : null;
#pragma warning restore RS0030
    }

    /// <summary><c>System.Data.Common</c> for System.Data.Common.DbConnection, <c>System.Threading.Thread</c> for Thread,
    /// <c>Microsoft.Extensions.Logging.Abstractions</c> for ILogger, <c>System.Net</c>-style parents.</summary>
    private static IEnumerable<string> AssemblyNamesFor(string ns, string typeName)
    {
        if (ns.Length == 0)
        {
            yield break;
        }

        yield return ns;
        var tick = typeName.IndexOf('`');
        yield return ns + "." + (tick < 0 ? typeName : typeName.Substring(0, tick));
        yield return ns + ".Abstractions";
        var parent = ns.LastIndexOf('.');
        if (parent > 0)
        {
            yield return ns.Substring(0, parent);
        }
    }

    /// <summary>The referenced assemblies by simple name (the first of each name), built on the first probe.</summary>
    private Dictionary<string, IAssemblySymbol> ReferencesByName => referencesByName.Value;

    private Dictionary<string, IAssemblySymbol> IndexReferences()
    {
        var map = new Dictionary<string, IAssemblySymbol>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!map.ContainsKey(assembly.Identity.Name))
            {
                map.Add(assembly.Identity.Name, assembly);
            }
        }

        return map;
    }

    /// <summary>Does some reference (or the project) declare this namespace? The global namespace always exists.</summary>
    private bool NamespaceExists(string ns)
    {
        if (ns.Length == 0)
        {
            return true;
        }

        INamespaceSymbol current = compilation.GlobalNamespace;
        foreach (var part in ns.Split('.'))
        {
            INamespaceSymbol? next = null;
            foreach (var member in current.GetMembers(part))
            {
                if (member is INamespaceSymbol child)
                {
                    next = child;
                    break;
                }
            }

            if (next is null)
            {
                return false;
            }

            current = next;
        }

        return true;
    }

    private static INamedTypeSymbol? Public(INamedTypeSymbol? type)
        => type is { DeclaredAccessibility: Accessibility.Public } ? type : null;

    /// <summary>Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public bool IsTaskOrValueTask(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        return SymbolEqualityComparer.Default.Equals(definition, Task)
            || SymbolEqualityComparer.Default.Equals(definition, TaskOfT)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTask)
            || SymbolEqualityComparer.Default.Equals(definition, ValueTaskOfT);
    }

    /// <summary>
    /// Task-like: Task, ValueTask and their generic forms, or any type with an instance <c>GetAwaiter()</c>
    /// (ConfiguredTaskAwaitable, YieldAwaitable, custom awaitables) whose awaiter has <c>IsCompleted</c> and <c>GetResult</c>.
    /// </summary>
    public bool IsAwaitable(ITypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (IsTaskOrValueTask(type))
        {
            return true;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            foreach (var member in current.GetMembers("GetAwaiter"))
            {
                if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 0, ReturnsVoid: false } getAwaiter
                    && getAwaiter.ReturnType.GetMembers("IsCompleted").Length > 0
                    && getAwaiter.ReturnType.GetMembers("GetResult").Length > 0)
                {
                    return true;
                }
            }
        }

        return false;
    }

    public bool IsCancellationToken(ITypeSymbol? type)
        => type is not null && SymbolEqualityComparer.Default.Equals(type, CancellationToken);

    public bool IsCancellationTokenSource(ITypeSymbol? type)
        => type is not null && SymbolEqualityComparer.Default.Equals(type, CancellationTokenSource);
}
