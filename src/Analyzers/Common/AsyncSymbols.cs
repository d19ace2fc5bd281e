using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
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
    private readonly ConcurrentDictionary<SyntaxTree, PeerSuppression.FileDirectives> peerComments = new();

    /// <summary>Per async local function: is every use of it work handed to another thread (<see cref="AsyncContext"/>)? Asked for each blocking candidate in it.</summary>
    internal ConcurrentDictionary<IMethodSymbol, bool> LocalFunctionsRunOnAnotherThread { get; } = new(SymbolEqualityComparer.Default);
    private readonly Lazy<Dictionary<string, List<IAssemblySymbol>>> referencesByNamespace;

    /// <summary>
    /// The namespaces each referenced assembly declares, read once per assembly symbol. Successive compilations of a project
    /// (each build of the compiler server, each edit in the IDE) share their references' assembly symbols, so this is
    /// computed once per reference, not once per compilation.
    /// </summary>
    private static readonly ConditionalWeakTable<IAssemblySymbol, DeclaredNamespaces> NamespacesOf = new();

    private AsyncSymbols(Compilation compilation, INamedTypeSymbol task)
    {
        this.compilation = compilation;
        referencesByNamespace = new Lazy<Dictionary<string, List<IAssemblySymbol>>>(IndexReferences);
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
        // Task lives beside object (System.Runtime, mscorlib, netstandard) unless the project declares its own.
        const string TaskName = "System.Threading.Tasks.Task";
        var task = compilation.Assembly.GetTypeByMetadataName(TaskName)
            ?? Public(compilation.ObjectType.ContainingAssembly?.GetTypeByMetadataName(TaskName));
#pragma warning disable RS0030 // the one place allowed to look types up by metadata name
        task ??= compilation.GetTypeByMetadataName(TaskName);
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

    /// <summary>The file's <c>#pragma warning</c> directives and ReSharper mention, read once per file for every analyzer of the compilation.</summary>
    public PeerSuppression.FileDirectives PeerComments(SyntaxTree tree)
    {
        if (peerComments.TryGetValue(tree, out var directives))
        {
            return directives;
        }

        return peerComments.GetOrAdd(tree, PeerSuppression.FileDirectives.Read(tree));
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
    /// rules resolve about a hundred names, most of them absent (UI, ORM and test frameworks a project may not use): most
    /// of a small project's analyzer time. So the project's own assembly is asked first (a source definition wins, as in
    /// the compiler's lookup), then the one that holds Task (most framework types), then only the references that declare
    /// the type's namespace. A name no reference can hold costs a dictionary probe. Ambiguous or non-public finds are
    /// left to the compiler's lookup, which has the rules for those.
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
        if (!referencesByNamespace.Value.TryGetValue(ns, out var declaring))
        {
            return null;
        }

        // The assembly named after the namespace or the type (System.Console, System.Net.Http, System.Diagnostics.Process)
        // usually holds it: a broad namespace like System is declared by a hundred references, each asked in turn below.
        foreach (var assemblyName in AssemblyNamesFor(ns, metadataName.Substring(dot + 1)))
        {
            foreach (var assembly in declaring)
            {
                if (assembly.Identity.Name == assemblyName && Public(assembly.GetTypeByMetadataName(metadataName)) is { } named)
                {
                    return named;
                }
            }
        }

        INamedTypeSymbol? found = null;
        foreach (var assembly in declaring)
        {
            if (assembly.GetTypeByMetadataName(metadataName) is not { } candidate)
            {
                continue;
            }

            if (found is not null || Public(candidate) is null)
            {
#pragma warning disable RS0030 // the one place allowed to look types up by metadata name
                return compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
            }

            found = candidate;
        }

        return found;
    }

    /// <summary><c>System.Data.Common</c> for System.Data.Common.DbConnection, <c>System.Console</c> for Console,
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

    /// <summary>Namespace → the referenced assemblies that declare it (the first reference of each assembly name only).</summary>
    private Dictionary<string, List<IAssemblySymbol>> IndexReferences()
    {
        var map = new Dictionary<string, List<IAssemblySymbol>>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (!seen.Add(assembly.Identity.Name))
            {
                continue;
            }

            foreach (var ns in NamespacesOf.GetValue(assembly, static a => new DeclaredNamespaces(a)).Names)
            {
                if (!map.TryGetValue(ns, out var list))
                {
                    map.Add(ns, list = new List<IAssemblySymbol>(1));
                }

                list.Add(assembly);
            }
        }

        return map;
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

        // The names first: most types asked about are neither, and a name is a field read where equality is a call chain.
        if (named.Name is not ("Task" or "ValueTask"))
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

/// <summary>Every namespace an assembly declares, by full name ("" for the global namespace); only namespaces are read, never the types in them.</summary>
internal sealed class DeclaredNamespaces
{
    public DeclaredNamespaces(IAssemblySymbol assembly)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        names.Add(string.Empty);
        var pending = new Stack<(INamespaceSymbol Namespace, string Name)>();
        pending.Push((assembly.GlobalNamespace, string.Empty));
        while (pending.Count > 0)
        {
            var (current, name) = pending.Pop();
            foreach (var child in current.GetNamespaceMembers())
            {
                var childName = name.Length == 0 ? child.Name : name + "." + child.Name;
                names.Add(childName);
                pending.Push((child, childName));
            }
        }

        Names = names.ToImmutable();
    }

    public ImmutableArray<string> Names { get; }
}
