using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Analyzers.FanOut;

/// <summary>The types the fan-out family reasons about, resolved once per compilation.</summary>
internal sealed class FanOutSymbols
{
    /// <summary>Types that are not safe for concurrent use: two overlapping operations on one of them corrupt it or throw.</summary>
    private static readonly ImmutableArray<string> NonConcurrentTypeNames = ImmutableArray.Create(
        "System.IO.Stream",
        "System.IO.TextWriter",
        "System.IO.TextReader",
        "System.IO.BinaryReader",
        "System.IO.BinaryWriter",
        "System.Data.Common.DbConnection",
        "System.Data.Common.DbCommand",
        "System.Data.Common.DbTransaction",
        "System.Data.Common.DbDataReader",
        "System.Data.Common.DbBatch",
        "System.Data.IDbConnection",
        "System.Data.IDbCommand",
        "System.Data.IDbTransaction",
        "System.Data.IDataReader",
        "System.Net.Sockets.Socket",
        "System.Net.Sockets.TcpClient",
        "System.Net.Sockets.UdpClient",
        "System.Net.WebSockets.WebSocket",
        "System.Net.Http.HttpContent",
        "System.Threading.Channels.ChannelWriter`1",
        "System.Threading.Channels.ChannelReader`1",
        "System.IO.Pipelines.PipeWriter",
        "System.IO.Pipelines.PipeReader",
        "System.Threading.SemaphoreSlim",
        "System.Xml.XmlReader",
        "System.Xml.XmlWriter",
        "System.Text.Json.Utf8JsonWriter",
        "Microsoft.EntityFrameworkCore.DbContext",
        "Microsoft.EntityFrameworkCore.DbSet`1",

        // Archives write their entries into one underlying stream, one entry at a time (an open ZipArchiveEntry stream
        // blocks the archive for the next).
        "System.IO.Compression.ZipArchive",
        "System.IO.Compression.ZipArchiveEntry",
        "System.Formats.Tar.TarWriter",
        "System.Formats.Tar.TarReader",

        // A RabbitMQ channel carries one request at a time (its client documents channels as not for concurrent use).
        "RabbitMQ.Client.IModel",
        "RabbitMQ.Client.IChannel");

    /// <summary>A database connection: a class that keeps one is a data scope.</summary>
    private static readonly ImmutableArray<string> ConnectionTypeNames = ImmutableArray.Create(
        "System.Data.Common.DbConnection",
        "System.Data.IDbConnection");

    /// <summary>Concrete types documented as safe for concurrent calls on one instance.</summary>
    private static readonly ImmutableArray<string> ThreadSafeTypeNames = ImmutableArray.Create(
        "System.Net.Http.HttpClient",
        "System.Net.Http.HttpMessageInvoker",
        "System.Net.Http.HttpMessageHandler");

    // Resolved on first use: most compilations never reach an independence question.
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> nonConcurrent;
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> threadSafe;
    private readonly Lazy<ImmutableArray<INamedTypeSymbol>> connectionTypes;
    private readonly ConcurrentDictionary<ITypeSymbol, bool> nonConcurrentCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, bool> orderedNames = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> capturingLocalFunctions = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> heldTaskReaders = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> promptingMethods = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> synchronousAsyncMethods = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> staticStateCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<HeldStateKey, ImmutableArray<ITypeSymbol>> heldStateAt = new();
    private readonly ConcurrentDictionary<HeldStateKey, DeclaredState> declaredStateAt = new();
    private readonly ConcurrentDictionary<ITypeSymbol, bool> serviceFacadeCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<ITypeSymbol, bool> dataStateCache = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IAssemblySymbol, ImmutableDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>>> implementationIndex = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> sourceImplementations = new(SymbolEqualityComparer.Default);
    private readonly Lazy<Dictionary<string, List<string>>> typesByBaseName;
    private readonly Lazy<Dictionary<string, List<INamedTypeSymbol>>> derivedTypesByName;

    private readonly Lazy<bool> usesEntityFramework;
    private readonly Lazy<bool> usesOnlyMongoDb;
    private readonly Lazy<bool> isTestProject;

    public FanOutSymbols(AsyncSymbols symbols)
    {
        Symbols = symbols;
        usesEntityFramework = new Lazy<bool>(() => symbols.Type("Microsoft.EntityFrameworkCore.DbContext") is not null);
        usesOnlyMongoDb = new Lazy<bool>(() => !usesEntityFramework.Value && symbols.Type("MongoDB.Driver.IMongoCollection`1") is not null);
        isTestProject = new Lazy<bool>(() => TestMethods.IsTestProject(symbols));
        typesByBaseName = new Lazy<Dictionary<string, List<string>>>(() => IndexBaseLists(symbols.Compilation));
        derivedTypesByName = new Lazy<Dictionary<string, List<INamedTypeSymbol>>>(BindDerivedTypes);
        nonConcurrent = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => Resolve(symbols, NonConcurrentTypeNames));
        threadSafe = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => Resolve(symbols, ThreadSafeTypeNames));
        connectionTypes = new Lazy<ImmutableArray<INamedTypeSymbol>>(() => Resolve(symbols, ConnectionTypeNames));
        StringBuilder = symbols.Type("System.Text.StringBuilder");
        Memory = symbols.Type("System.Memory`1");
        ArraySegment = symbols.Type("System.ArraySegment`1");
        NonGenericCollection = symbols.Type("System.Collections.ICollection");
        GenericCollection = symbols.Type("System.Collections.Generic.ICollection`1");
        GenericSet = symbols.Type("System.Collections.Generic.ISet`1");
        GenericDictionary = symbols.Type("System.Collections.Generic.IDictionary`2");
        GenericEnumerable = symbols.Type("System.Collections.Generic.IEnumerable`1");
        Logger = symbols.Type("Microsoft.Extensions.Logging.ILogger");
        Interlocked = symbols.Type("System.Threading.Interlocked");
        Enumerable = symbols.Type("System.Linq.Enumerable");
        Uri = symbols.Type("System.Uri");
        Queryable = symbols.Type("System.Linq.IQueryable");

        // Member-name sets, not the members: building Task's or Parallel's member symbols at compilation start cost a
        // cold build tens of milliseconds in projects that never use them. Both names are static methods only.
        HasWhenEach = symbols.Task.MemberNames.Contains("WhenEach");

        var parallel = symbols.Type("System.Threading.Tasks.Parallel");
        HasParallelForEachAsync = parallel is not null && parallel.MemberNames.Contains("ForEachAsync")
            && symbols.Type("System.Threading.Tasks.ParallelOptions") is not null;
    }

    public AsyncSymbols Symbols { get; }

    public INamedTypeSymbol? StringBuilder { get; }

    public INamedTypeSymbol? Memory { get; }

    public INamedTypeSymbol? ArraySegment { get; }

    public INamedTypeSymbol? NonGenericCollection { get; }

    public INamedTypeSymbol? GenericCollection { get; }

    public INamedTypeSymbol? GenericSet { get; }

    public INamedTypeSymbol? GenericDictionary { get; }

    public INamedTypeSymbol? GenericEnumerable { get; }

    public INamedTypeSymbol? Logger { get; }

    public INamedTypeSymbol? Interlocked { get; }

    public INamedTypeSymbol? Enumerable { get; }

    public INamedTypeSymbol? Uri { get; }

    /// <summary><c>System.Linq.IQueryable</c>: in a data scope, a query bound to the request's one DbContext.</summary>
    public INamedTypeSymbol? Queryable { get; }

    public bool HasWhenEach { get; }

    public bool HasParallelForEachAsync { get; }

    /// <summary>The compilation references EF Core: its application services usually share the request's one DbContext.</summary>
    public bool UsesEntityFramework => usesEntityFramework.Value;

    /// <summary>The compilation references a test framework (xUnit, NUnit, MSTest, TUnit).</summary>
    public bool IsTestProject => isTestProject.Value;

    /// <summary>
    /// A test is a script: its steps run in order so that a failure points at one of them, and the time saved is not
    /// worth a test that overlaps its own steps. The fan-out rules report there only when <c>asynclint.fan_out_in_tests</c> asks.
    /// </summary>
    public bool IsSilentInTests(AnalyzerOptions options, SyntaxTree tree)
        => IsTestProject && !AsyncLintOptions.ReadBool(options, tree, AsyncLintOptions.FanOutInTests);

    /// <summary>
    /// Code in <paramref name="containingType"/> works in one data scope: the project uses EF Core, or the class itself keeps
    /// a DbContext, a database connection, a repository or a unit of work (a layered application whose data layer is in
    /// another project). There, the application services it calls were resolved in the same request scope and share
    /// that scope's context.
    /// </summary>
    public bool InDataScope(INamedTypeSymbol? containingType)
        => UsesEntityFramework || (containingType is not null && KeepsDataState(containingType));

    private bool KeepsDataState(INamedTypeSymbol type)
        => dataStateCache.GetOrAdd(type.OriginalDefinition, t =>
        {
            foreach (var held in HeldStateTypes(t))
            {
                if (Independence.IsDataContext(held) || IsDatabaseConnection(held))
                {
                    return true;
                }
            }

            return false;
        });

    /// <summary>
    /// A disposable facade of application services (<c>IApi : IDisposable</c> with <c>Posts</c>, <c>Pages</c>, <c>Sites</c>;
    /// a unit of work with its repositories): two or more properties typed as a <c>…Service</c> or <c>…Repository</c>, on
    /// an object that is disposed with its scope. The services it hands out were built together over that scope's data
    /// context; operations reached through it are steps on that scope, not independent requests. A facade that owns no
    /// scope (a client app's locator of HTTP services) is not one.
    /// </summary>
    public bool IsServiceFacade(ITypeSymbol type)
        => type.TypeKind is TypeKind.Interface or TypeKind.Class
           && serviceFacadeCache.GetOrAdd(type.OriginalDefinition, t =>
           {
               if (!IsDisposable(t))
               {
                   return false;
               }

               var count = 0;
               foreach (var member in t.GetMembers())
               {
                   if (member is IPropertySymbol { IsStatic: false, Parameters.Length: 0 } property
                       && property.Type.TypeKind is TypeKind.Interface or TypeKind.Class
                       && (property.Type.Name.EndsWith("Service", StringComparison.Ordinal)
                           || property.Type.Name.EndsWith("Repository", StringComparison.Ordinal))
                       && ++count == 2)
                   {
                       return true;
                   }
               }

               return false;
           });

    private bool IsDatabaseConnection(ITypeSymbol type)
    {
        foreach (var connection in connectionTypes.Value)
        {
            if (type.IsOrImplements(connection))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDisposable(ITypeSymbol type)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.SpecialType == SpecialType.System_IDisposable
                || (implemented.Name == "IAsyncDisposable" && implemented.ContainingNamespace.IsNamespace("System")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True for a type on the built-in non-concurrent list (or derived from / implementing one of them).</summary>
    public bool IsNonConcurrent(ITypeSymbol type)
        => nonConcurrentCache.GetOrAdd(type, t =>
        {
            foreach (var candidate in nonConcurrent.Value)
            {
                if (t.IsOrImplements(candidate))
                {
                    return true;
                }
            }

            return false;
        });

    /// <summary><see cref="Independence.CapturesState"/>, once per local function (each of its calls asks).</summary>
    public bool CapturesState(IMethodSymbol localFunction, SemanticModel? model)
    {
        if (!capturingLocalFunctions.TryGetValue(localFunction, out var captures))
        {
            captures = Independence.CapturesState(localFunction, model);
            capturingLocalFunctions.TryAdd(localFunction, captures);
        }

        return captures;
    }

    /// <summary>
    /// An async method of this project that only awaits tasks already held somewhere: <c>static async
    /// Task&lt;Data&gt; GetData(Input input) { var output = (Output)input; return await output.DataTask; }</c>, a wrapper's
    /// <c>GetValueAsync</c> over its stored <c>DataTask</c>. Every awaited operand reads a variable or a member chain and
    /// calls nothing, and the body creates no lambda: calling it starts no work, so awaiting several in turn waits for
    /// tasks that run together already. The body calls nothing else (a call could start the work it then awaits). Virtual
    /// and abstract methods are not read (another body may run).
    /// </summary>
    public bool AwaitsOnlyHeldTasks(IMethodSymbol method)
        => heldTaskReaders.GetOrAdd(method.OriginalDefinition, static m =>
        {
            if (!m.IsAsync || m.IsVirtual || m.IsAbstract || m.IsOverride || m.IsExtern || m.ContainingType?.TypeKind == TypeKind.Interface
                || m.SingleSourceBody() is not { } body)
            {
                return false;
            }

            var awaited = false;
            foreach (var node in body.DescendantNodes())
            {
                switch (node)
                {
                    case AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax:
                        return false;

                    // var pending = client.GetAsync(url); return await pending;: a call in the body may start the work.
                    // Waiting on a signal the object holds and passing it on starts nothing (await _ready.WaitAsync(ct);
                    // _ready.Release();): the readiness of work already running.
                    case InvocationExpressionSyntax call when !IsConfigureAwait(call) && !IsHeldSignalStep(call):
                        return false;
                    case AwaitExpressionSyntax { Expression: var operand }:
                        if (!ReadsAHeldValue(operand) && !IsAwaitedSignal(operand))
                        {
                            return false;
                        }

                        awaited = true;
                        break;
                }
            }

            return awaited;
        });

    /// <summary>
    /// An async method of this project whose body never awaits (<c>#pragma warning disable CS1998</c> around a parser kept
    /// async for its callers): it runs to the end before it returns a completed task, so starting several at once runs
    /// the same work in the same order. Not a stub, a body that is one <c>return</c> (<c>async Task&lt;int&gt; GetA() { return
    /// 1; }</c>) or an expression, which stands for real work, as in a sample; not virtual or abstract (another body may run).
    /// Read once per method.
    /// </summary>
    public bool NeverAwaits(IMethodSymbol method)
        => synchronousAsyncMethods.GetOrAdd(method.OriginalDefinition, static m =>
        {
            // A stub is one return (or throw), or an expression body: it stands for real work, as in a sample.
            if (!m.IsAsync || !m.RunsOnlyItsOwnBody() || m.SingleSourceBody() is not BlockSyntax { Statements.Count: >= 1 } body
                || (body.Statements.Count == 1 && body.Statements[0] is ReturnStatementSyntax or ThrowStatementSyntax))
            {
                return false;
            }

            foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is AwaitExpressionSyntax
                    || node is CommonForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                    || node is UsingStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword }
                    || node is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.AwaitKeyword })
                {
                    return false;
                }
            }

            return true;
        });

    /// <summary>
    /// An async method of this project that puts a question to the person at the screen: its body (not its lambdas) awaits
    /// a prompt or a dialog (<c>await new ConfirmationPrompt("Add tests?").ShowAsync(console, ct)</c>, <c>await
    /// DisplayAlertAsync(…)</c>, <c>await dialogs.ConfirmAsync(…)</c>). Two such helpers in a row are a conversation: run
    /// together they would draw two questions at once and share the keystrokes. Read from the syntax, once per method.
    /// </summary>
    public bool AsksThePerson(IMethodSymbol method)
        => promptingMethods.GetOrAdd(method.OriginalDefinition, static m =>
        {
            if (!m.IsAsync || !m.RunsOnlyItsOwnBody() || m.SingleSourceBody() is not { } body)
            {
                return false;
            }

            foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is AwaitExpressionSyntax { Expression: var operand }
                    && AwaitSyntax.WithoutConfigureAwait(operand) is InvocationExpressionSyntax call
                    && IsQuestion(call))
                {
                    return true;
                }
            }

            return false;
        });

    private static readonly ImmutableHashSet<string> QuestionVerbs = ImmutableHashSet.Create(
        StringComparer.Ordinal, "Prompt", "Ask", "Confirm", "Alert", "DisplayAlert", "DisplayPrompt", "DisplayActionSheet", "ShowDialog", "ShowMessage");

    /// <summary><c>XAsync</c> of <see cref="QuestionVerbs"/>, or <c>ShowAsync</c> of a prompt or dialog (<c>new TextPrompt&lt;string&gt;(…).ShowAsync</c>).</summary>
    private static bool IsQuestion(InvocationExpressionSyntax call)
    {
        var (name, receiver) = call.Expression switch
        {
            MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression),
            IdentifierNameSyntax identifier => (identifier.Identifier.ValueText, (ExpressionSyntax?)null),
            GenericNameSyntax generic => (generic.Identifier.ValueText, null),
            _ => (string.Empty, null),
        };
        var verb = name.EndsWith("Async", StringComparison.Ordinal) ? name.Substring(0, name.Length - 5) : name;
        if (QuestionVerbs.Contains(verb) || (verb.Length > 0 && QuestionVerbs.Contains(FirstWord(verb))))
        {
            return true;
        }

        var receiverType = receiver is ObjectCreationExpressionSyntax { Type: var type } ? LastName(type) : null;
        return verb == "Show" && receiverType is not null
               && (receiverType.EndsWith("Prompt", StringComparison.Ordinal) || receiverType.EndsWith("Dialog", StringComparison.Ordinal));

        static string FirstWord(string text)
        {
            var stop = 1;
            while (stop < text.Length && !char.IsUpper(text[stop]))
            {
                stop++;
            }

            return text.Substring(0, stop);
        }

        static string LastName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => LastName(qualified.Right),
            GenericNameSyntax generic => generic.Identifier.ValueText,
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            _ => string.Empty,
        };
    }

    private static bool IsConfigureAwait(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" };

    private static bool IsAwaitedSignal(ExpressionSyntax operand)
        => AwaitSyntax.WithoutConfigureAwait(operand) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAsync" } } call
           && IsHeldSignalStep(call);

    /// <summary><c>_ready.WaitAsync(ct)</c>, <c>_ready.Release()</c>: a wait on, or a release of, a signal read from a field or local.</summary>
    private static bool IsHeldSignalStep(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAsync" or "Release", Expression: var signal }
           && ReadsAHeldValue(signal);

    /// <summary><c>output.DataTask</c>, <c>_registered</c>, <c>this.pending.ConfigureAwait(false)</c>: a read that calls nothing.</summary>
    private static bool ReadsAHeldValue(ExpressionSyntax operand)
    {
        while (true)
        {
            switch (operand)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    operand = parenthesized.Expression;
                    continue;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } }:
                    operand = configured;
                    continue;
                case IdentifierNameSyntax or ThisExpressionSyntax:
                    return true;
                case MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Expression: var owner }:
                    operand = owner;
                    continue;
                case CastExpressionSyntax cast:
                    operand = cast.Expression;
                    continue;
                default:
                    return false;
            }
        }
    }

    /// <summary><see cref="Independence.IsOrderedName"/>, split into words once per method name in the compilation.</summary>
    public bool IsOrderedName(string name)
    {
        if (!orderedNames.TryGetValue(name, out var ordered))
        {
            ordered = Independence.IsOrderedName(name);
            orderedNames.TryAdd(name, ordered);
        }

        return ordered;
    }

    /// <summary>
    /// True for a type declared here whose static fields or properties hold an object on the non-concurrent list
    /// (<c>static class Database { static DbConnection connection; ... }</c>): its static methods are steps on that one object.
    /// </summary>
    public bool HoldsNonConcurrentStaticState(INamedTypeSymbol type)
        => staticStateCache.GetOrAdd(type.OriginalDefinition, t =>
        {
            if (t.DeclaringSyntaxReferences.IsEmpty)
            {
                return false;
            }

            foreach (var member in t.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol { IsStatic: true } field => field.Type,
                    IPropertySymbol { IsStatic: true } property => property.Type,
                    _ => null,
                };
                if (memberType is not null && IsNonConcurrent(memberType))
                {
                    return true;
                }
            }

            return false;
        });

    /// <summary>
    /// For a class declared here: the types of its instance fields and properties that are unsafe to share (the
    /// non-concurrent list, or a context object such as a DbContext), also those its base classes declared here keep,
    /// and the contexts kept by a class declared here that it holds, two hops deep (a manager that keeps a provider that
    /// keeps the DbContext). Two services that each reach one of the same type were most likely handed the same scoped
    /// instance by dependency injection. For an interface: what its implementations keep, as one hop away.
    /// </summary>
    public ImmutableArray<ITypeSymbol> HeldStateTypes(ITypeSymbol type)
    {
        var definition = type.OriginalDefinition;

        // An interface holds what its implementations hold; as one hop away, only contexts count (two implementations
        // that each keep a stream or a semaphore of their own share nothing).
        return HeldStateAt(definition, definition.TypeKind == TypeKind.Interface ? 1 : 0, filtered: false);
    }

    /// <summary>
    /// An interface (<c>IProductAttributeMaterializer</c>, <c>IRequestEngine</c>, <c>IUrlHelper</c>) whose implementations
    /// found here keep a data context: a DbContext, a repository, a unit of work or a database connection. Whatever the
    /// interface is called, a call on it is a step on the request's one scoped context.
    /// </summary>
    public bool KeepsDataStateBehind(ITypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Interface)
        {
            return false;
        }

        foreach (var held in HeldStateTypes(type))
        {
            if (Independence.IsDataContext(held) || IsDatabaseConnection(held))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// What <paramref name="type"/> keeps at <paramref name="hops"/> from the class asked about: a class its fields and
    /// properties (<see cref="CollectHeldState"/>), an interface what its implementations keep
    /// (<see cref="CollectImplementationState"/>). Memoized per type and distance: every service of a large model
    /// (hundreds of classes that all keep the same context and its managers) reaches the same few types, and walking them
    /// again for each class was most of ASYNC301's time on such a project. <paramref name="filtered"/>: read through an
    /// interface's implementations in a MongoDB-only project, where a repository is no shared context.
    /// </summary>
    private ImmutableArray<ITypeSymbol> HeldStateAt(ITypeSymbol type, int hops, bool filtered)
        => heldStateAt.GetOrAdd(new HeldStateKey(type, hops, filtered), key =>
        {
            var into = new HeldStateBuilder();
            if (key.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface } contract)
            {
                CollectImplementationState(contract, key.Hops, key.Filtered, into);
            }
            else
            {
                CollectHeldState(key.Type, key.Hops, key.Filtered, into);
            }

            return into.ToImmutable();
        });

    /// <summary>
    /// What the classes implementing <paramref name="contract"/> keep: a class declared here shows its fields (and those of
    /// the classes it keeps); one from a referenced assembly shows its constructors' parameters (what dependency injection
    /// hands it) and its visible fields and properties.
    /// </summary>
    private void CollectImplementationState(INamedTypeSymbol contract, int hops, bool filtered, HeldStateBuilder into)
    {
        // A repository seen through an interface's implementations stands for one scoped context, except in a project
        // whose data layer is MongoDB and not EF Core: a collection there (grandnode's IRepository<T>) is safe to use from
        // two operations at once. A layer that sees neither (an application project whose EF Core is in its
        // infrastructure project) keeps the cautious reading.
        filtered |= usesOnlyMongoDb.Value;
        foreach (var implementation in Implementations(contract))
        {
            if (!implementation.DeclaringSyntaxReferences.IsEmpty)
            {
                into.AddRange(HeldStateAt(implementation, hops, filtered));
            }
            else
            {
                CollectVisibleState(implementation, IsUnsafeState(filtered), into);
            }
        }
    }

    private static System.Func<ITypeSymbol, bool> IsUnsafeState(bool filtered)
        => filtered ? IsContextOutsideUnitOfWork : Independence.IsContextObjectPredicate;

    private static readonly System.Func<ITypeSymbol, bool> IsContextOutsideUnitOfWork
        = type => Independence.IsContextObjectPredicate(type) && !Independence.IsUnitOfWorkParticipant(type);

    private static void CollectVisibleState(INamedTypeSymbol implementation, System.Func<ITypeSymbol, bool> isUnsafeState, HeldStateBuilder into)
    {
        // Up to the framework: a base class such as ControllerBase shows an HttpContext that is no state of this service.
        for (var current = implementation;
             current is { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } && !SymbolExtensions.IsFrameworkAssembly(current.ContainingAssembly);
             current = current.BaseType)
        {
            foreach (var member in current.GetMembers())
            {
                switch (member)
                {
                    case IMethodSymbol { MethodKind: MethodKind.Constructor, IsStatic: false } constructor:
                        foreach (var parameter in constructor.Parameters)
                        {
                            AddIfUnsafe(parameter.Type, isUnsafeState, into);
                        }

                        break;
                    case IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field:
                        AddIfUnsafe(field.Type, isUnsafeState, into);
                        break;
                    case IPropertySymbol { IsStatic: false } property:
                        AddIfUnsafe(property.Type, isUnsafeState, into);
                        break;
                }
            }
        }
    }

    private static void AddIfUnsafe(ITypeSymbol type, System.Func<ITypeSymbol, bool> isUnsafeState, HeldStateBuilder into)
    {
        if (type.TypeKind != TypeKind.Error && isUnsafeState(type))
        {
            into.Add(type.OriginalDefinition);
        }
    }

    /// <summary>
    /// The classes that implement <paramref name="contract"/>, declared in this compilation or beside the interface in its
    /// own assembly (a layered application's core project); framework assemblies are not searched.
    /// </summary>
    private IEnumerable<INamedTypeSymbol> Implementations(INamedTypeSymbol contract)
    {
        var definition = contract.OriginalDefinition;
        foreach (var implementation in SourceImplementations(definition))
        {
            yield return implementation;
        }

        var own = Symbols.Compilation.Assembly;
        var home = definition.ContainingAssembly;
        if (home is not null && !SymbolEqualityComparer.Default.Equals(home, own) && !SymbolExtensions.IsFrameworkAssembly(home)
            && ImplementationIndex(home).TryGetValue(definition, out var beside))
        {
            foreach (var implementation in beside)
            {
                yield return implementation;
            }
        }
    }

    /// <summary>
    /// The classes of this compilation that implement <paramref name="definition"/>, directly or through a base class or
    /// a derived interface. Found from the base lists in the syntax: only the types whose base list names the interface
    /// (or a type already found) are bound, where walking every type's symbol made a large project pay for all of them.
    /// </summary>
    private ImmutableArray<INamedTypeSymbol> SourceImplementations(INamedTypeSymbol definition)
        => sourceImplementations.GetOrAdd(definition, d =>
        {
            var found = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var searchedNames = new HashSet<string>(StringComparer.Ordinal) { d.Name };
            var wave = new List<string> { d.Name };

            // Level by level of derivation, one declaration-table lookup per level for all its names (a lookup per name
            // made a schema of thousands of types deriving from one interface quadratic: 3 s for one project). Once a
            // compilation has asked about a few interfaces, every type declared with a base list is bound once instead:
            // a model of hundreds of interfaces (PnP.Core) paid a walk of every declaration for each. A project that asks
            // about a few keeps the walks and binds nothing it does not need.
            var bindAll = System.Threading.Interlocked.Increment(ref implementationQueries) > LookupsBeforeBindingAll;
            while (wave.Count > 0)
            {
                var declaredNames = new HashSet<string>(StringComparer.Ordinal);
                foreach (var baseName in wave)
                {
                    if (typesByBaseName.Value.TryGetValue(baseName, out var names))
                    {
                        declaredNames.UnionWith(names);
                    }
                }

                wave = new List<string>();
                if (declaredNames.Count == 0)
                {
                    break;
                }

                foreach (var type in bindAll ? BoundTypesNamed(declaredNames) : LookUpTypesNamed(declaredNames))
                {
                    if (!seen.Add(type) || !Implements(type, d))
                    {
                        continue;
                    }

                    if (type.TypeKind == TypeKind.Class && !type.IsStatic)
                    {
                        found.Add(type);
                    }

                    if (searchedNames.Add(type.Name))
                    {
                        wave.Add(type.Name);
                    }
                }
            }

            return found.ToImmutable();
        });

    /// <summary>How many interfaces' implementations a compilation looks up by walking the declarations before it binds them all.</summary>
    private const int LookupsBeforeBindingAll = 8;

    private int implementationQueries;

    private IEnumerable<INamedTypeSymbol> LookUpTypesNamed(HashSet<string> names)
    {
        foreach (var symbol in Symbols.Compilation.GetSymbolsWithName(names.Contains, SymbolFilter.Type))
        {
            if (symbol is INamedTypeSymbol type)
            {
                yield return type;
            }
        }
    }

    private IEnumerable<INamedTypeSymbol> BoundTypesNamed(HashSet<string> names)
    {
        foreach (var name in names)
        {
            if (derivedTypesByName.Value.TryGetValue(name, out var types))
            {
                foreach (var type in types)
                {
                    yield return type;
                }
            }
        }
    }

    /// <summary>
    /// The types of this compilation declared with a base list, by name, bound in one walk of the declaration table once
    /// a compilation has asked about more than <see cref="LookupsBeforeBindingAll"/> interfaces.
    /// </summary>
    private Dictionary<string, List<INamedTypeSymbol>> BindDerivedTypes()
    {
        var declaredNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var names in typesByBaseName.Value.Values)
        {
            declaredNames.UnionWith(names);
        }

        var byName = new Dictionary<string, List<INamedTypeSymbol>>(StringComparer.Ordinal);
        foreach (var type in LookUpTypesNamed(declaredNames))
        {
            if (!byName.TryGetValue(type.Name, out var list))
            {
                list = new List<INamedTypeSymbol>(1);
                byName.Add(type.Name, list);
            }

            list.Add(type);
        }

        return byName;
    }

    private static bool Implements(INamedTypeSymbol type, INamedTypeSymbol definition)
    {
        foreach (var implemented in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, definition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>For every simple name written in a base list (<c>IRepository</c> in <c>: IRepository&lt;User&gt;</c>), the types declared with it.</summary>
    private static Dictionary<string, List<string>> IndexBaseLists(Compilation compilation)
    {
        var index = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is CompilationUnitSyntax root)
            {
                IndexBaseLists(root.Members, index);
            }
        }

        return index;
    }

    /// <summary>
    /// Namespaces and types only, read through their member lists: on the bench a DescendantNodes walk with the same
    /// stopping rule cost eight times as much (it was most of ASYNC301's time on a large compilation).
    /// </summary>
    private static void IndexBaseLists(SyntaxList<MemberDeclarationSyntax> members, Dictionary<string, List<string>> index)
    {
        // By kind, not by type test: most members are methods and properties, and a type test of each walks its class chain.
        foreach (var member in members)
        {
            switch ((SyntaxKind)member.RawKind)
            {
                case SyntaxKind.NamespaceDeclaration or SyntaxKind.FileScopedNamespaceDeclaration:
                    IndexBaseLists(((BaseNamespaceDeclarationSyntax)member).Members, index);
                    break;
                case SyntaxKind.ClassDeclaration or SyntaxKind.StructDeclaration or SyntaxKind.InterfaceDeclaration
                    or SyntaxKind.RecordDeclaration or SyntaxKind.RecordStructDeclaration:
                    var declaration = (TypeDeclarationSyntax)member;
                    if (declaration.BaseList is { } baseList)
                    {
                        IndexBaseList(declaration.Identifier.ValueText, baseList, index);
                    }

                    IndexBaseLists(declaration.Members, index);
                    break;
            }
        }
    }

    private static void IndexBaseList(string declaredName, BaseListSyntax baseList, Dictionary<string, List<string>> index)
    {
        foreach (var baseType in baseList.Types)
        {
            var name = baseType.Type switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                _ => null,
            };
            if (name is null)
            {
                continue;
            }

            if (!index.TryGetValue(name, out var declared))
            {
                // A list, not a set: a partial type may come twice, which the readers' sets absorb; most names have one or two.
                declared = new List<string>(2);
                index.Add(name, declared);
            }

            declared.Add(declaredName);
        }
    }

    /// <summary>Every class of a referenced assembly by the interfaces it implements; built once per assembly, when first asked.</summary>
    private ImmutableDictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>> ImplementationIndex(IAssemblySymbol assembly)
        => implementationIndex.GetOrAdd(assembly, static a =>
        {
            var found = new Dictionary<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>.Builder>(SymbolEqualityComparer.Default);
            var pending = new Stack<INamespaceOrTypeSymbol>();
            pending.Push(a.GlobalNamespace);
            while (pending.Count > 0)
            {
                var container = pending.Pop();
                foreach (var member in container.GetMembers())
                {
                    if (member is INamespaceSymbol ns)
                    {
                        pending.Push(ns);
                        continue;
                    }

                    if (member is not INamedTypeSymbol type)
                    {
                        continue;
                    }

                    if (type.TypeKind == TypeKind.Class && !type.IsStatic)
                    {
                        foreach (var implemented in type.AllInterfaces)
                        {
                            var key = implemented.OriginalDefinition;
                            if (!found.TryGetValue(key, out var list))
                            {
                                list = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
                                found.Add(key, list);
                            }

                            list.Add(type);
                        }
                    }

                    if (type.GetTypeMembers().Length > 0)
                    {
                        pending.Push(type);
                    }
                }
            }

            var index = ImmutableDictionary.CreateBuilder<INamedTypeSymbol, ImmutableArray<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            foreach (var pair in found)
            {
                index.Add(pair.Key, pair.Value.ToImmutable());
            }

            return index.ToImmutable();
        });

    /// <summary>
    /// A class declared here: what the members of it and of its base classes declared here keep. Each class of the chain is
    /// read once, as its definition (<see cref="DeclaredStateAt"/>); only members typed by one of its type parameters are
    /// read again with the type argument this chain gives (<c>Repository&lt;AppDbContext&gt;</c>'s <c>TContext context</c>).
    /// Reading the members of every constructed base class instead (<c>BaseDataModel&lt;IWeb&gt;</c>, <c>BaseDataModel&lt;IList&gt;</c>,
    /// hundreds of them in a large model) built a substituted copy of each member of each, most of ASYNC301's time there.
    /// </summary>
    private void CollectHeldState(ITypeSymbol type, int hops, bool filtered, HeldStateBuilder into)
    {
        for (var current = type as INamedTypeSymbol; current is { TypeKind: TypeKind.Class } && !current.DeclaringSyntaxReferences.IsEmpty; current = current.BaseType)
        {
            var definition = current.OriginalDefinition;
            var declared = DeclaredStateAt(definition, hops, filtered);
            into.AddRange(declared.Held);
            foreach (var parameter in declared.TypedByTypeParameter)
            {
                var argument = parameter.Ordinal < current.TypeArguments.Length ? current.TypeArguments[parameter.Ordinal] : parameter;
                CollectMemberState(argument, definition, hops, filtered, into);
            }
        }
    }

    /// <summary>What the members a class declares itself keep, with the type parameters that type some of its members.</summary>
    private DeclaredState DeclaredStateAt(INamedTypeSymbol definition, int hops, bool filtered)
        => declaredStateAt.GetOrAdd(new HeldStateKey(definition, hops, filtered), key =>
        {
            var owner = (INamedTypeSymbol)key.Type;
            var into = new HeldStateBuilder();
            var typeParameters = ImmutableArray.CreateBuilder<ITypeParameterSymbol>();
            foreach (var member in owner.GetMembers())
            {
                var memberType = member switch
                {
                    IFieldSymbol { IsStatic: false, IsImplicitlyDeclared: false } field => field.Type,
                    IPropertySymbol { IsStatic: false } property => property.Type,
                    _ => null,
                };
                if (memberType is ITypeParameterSymbol parameter
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, owner))
                {
                    // Read with the type argument of each class that derives from this one.
                    if (!typeParameters.Contains(parameter))
                    {
                        typeParameters.Add(parameter);
                    }

                    continue;
                }

                if (memberType is not null)
                {
                    CollectMemberState(memberType, owner, key.Hops, key.Filtered, into);
                }
            }

            return new DeclaredState(into.ToImmutable(), typeParameters.ToImmutable());
        });

    /// <summary>What one field or property of <paramref name="owner"/>, of type <paramref name="memberType"/>, keeps.</summary>
    private void CollectMemberState(ITypeSymbol memberType, INamedTypeSymbol owner, int hops, bool filtered, HeldStateBuilder into)
    {
        if (memberType.TypeKind == TypeKind.Error)
        {
            return;
        }

        // Further away only a context (a DbContext, a repository) is shared by injection; two helpers that each keep a
        // stream of their own share nothing.
        if ((hops == 0 && IsNonConcurrent(memberType)) || IsUnsafeState(filtered)(memberType))
        {
            into.Add(memberType.OriginalDefinition);
        }
        else if (hops < 2 && memberType.TypeKind == TypeKind.Class && !memberType.DeclaringSyntaxReferences.IsEmpty
                 && !memberType.OriginalDefinition.Equals(owner.OriginalDefinition, SymbolEqualityComparer.Default))
        {
            into.AddRange(HeldStateAt(memberType.OriginalDefinition, hops + 1, filtered));
        }
        else if (hops < 2 && memberType is INamedTypeSymbol { TypeKind: TypeKind.Interface } contract
                 && contract.ContainingAssembly is { } home && !SymbolExtensions.IsFrameworkAssembly(home)
                 && !Independence.IsNamedForSettings(contract))
        {
            // An injected interface (IPriceEngine, ILinkHelper) is what its implementations found here keep. Not a settings
            // service (ISettingsService<T>): it hands out cached settings, as a settings read in a group is taken
            // (Independence.IsSettingsRead), so an API client that reads its settings is no step on the context the
            // settings were once loaded from.
            into.AddRange(HeldStateAt(contract.OriginalDefinition, hops + 1, filtered));
        }
    }

    /// <summary>True for a type listed in <c>asynclint.non_concurrent_types</c> (or derived from one of them).</summary>
    public bool IsConfiguredNonConcurrent(ITypeSymbol type, ImmutableArray<string> configured)
    {
        foreach (var name in configured)
        {
            if (Symbols.Type(name) is { } listed && type.IsOrImplements(listed))
            {
                return true;
            }
        }

        return false;
    }

    public bool IsThreadSafe(ITypeSymbol type)
    {
        foreach (var candidate in threadSafe.Value)
        {
            if (type.InheritsFromOrEquals(candidate))
            {
                return true;
            }
        }

        return type.ContainingNamespace.IsNamespace("System.Collections.Concurrent");
    }

    /// <summary>
    /// A buffer or mutable collection: two operations handed the same one may write into it at once
    /// (arrays, Memory, ArraySegment, StringBuilder, ICollection). Strings and other immutable values are not.
    /// </summary>
    public bool IsBufferLike(ITypeSymbol type)
    {
        if (type.SpecialType == SpecialType.System_String)
        {
            return false;
        }

        if (type is IArrayTypeSymbol)
        {
            return true;
        }

        var definition = type.OriginalDefinition;
        if (definition.Is(Memory) || definition.Is(ArraySegment) || type.Is(StringBuilder))
        {
            return true;
        }

        if (IsThreadSafe(type))
        {
            return false;
        }

        return type.IsOrImplements(NonGenericCollection) || type.IsOrImplements(GenericCollection);
    }

    /// <summary>Values that cannot be mutated through a shared reference: primitives, enums, strings, Uri, tokens.</summary>
    public bool IsImmutableValue(ITypeSymbol type)
        => type.SpecialType != SpecialType.None
           || type.TypeKind == TypeKind.Enum
           || type.Is(Uri)
           || Symbols.IsCancellationToken(type)
           || (type.IsValueType && type.IsReadOnly);

    private static ImmutableArray<INamedTypeSymbol> Resolve(AsyncSymbols symbols, ImmutableArray<string> names)
    {
        var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
        foreach (var name in names)
        {
            if (symbols.Type(name) is { } type)
            {
                builder.Add(type);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>A type read at a distance from the class asked about, with or without the MongoDB-only filter.</summary>
    private readonly struct HeldStateKey : System.IEquatable<HeldStateKey>
    {
        public HeldStateKey(ITypeSymbol type, int hops, bool filtered)
        {
            Type = type;
            Hops = hops;
            Filtered = filtered;
        }

        public ITypeSymbol Type { get; }

        public int Hops { get; }

        public bool Filtered { get; }

        public bool Equals(HeldStateKey other)
            => Hops == other.Hops && Filtered == other.Filtered && SymbolEqualityComparer.Default.Equals(Type, other.Type);

        public override bool Equals(object? obj) => obj is HeldStateKey other && Equals(other);

        public override int GetHashCode() => (SymbolEqualityComparer.Default.GetHashCode(Type) * 7) + (Hops * 2) + (Filtered ? 1 : 0);
    }

    /// <summary>The held types in the order found, each once.</summary>
    private sealed class HeldStateBuilder
    {
        private readonly ImmutableArray<ITypeSymbol>.Builder types = ImmutableArray.CreateBuilder<ITypeSymbol>();
        private readonly HashSet<ITypeSymbol> seen = new(SymbolEqualityComparer.Default);

        public void Add(ITypeSymbol type)
        {
            if (seen.Add(type))
            {
                types.Add(type);
            }
        }

        public void AddRange(ImmutableArray<ITypeSymbol> held)
        {
            foreach (var type in held)
            {
                Add(type);
            }
        }

        public ImmutableArray<ITypeSymbol> ToImmutable() => types.ToImmutable();
    }

    /// <summary>What the members a class declares keep, and the type parameters of the class that type its other members.</summary>
    private sealed class DeclaredState
    {
        public DeclaredState(ImmutableArray<ITypeSymbol> held, ImmutableArray<ITypeParameterSymbol> typedByTypeParameter)
        {
            Held = held;
            TypedByTypeParameter = typedByTypeParameter;
        }

        public ImmutableArray<ITypeSymbol> Held { get; }

        public ImmutableArray<ITypeParameterSymbol> TypedByTypeParameter { get; }
    }
}
