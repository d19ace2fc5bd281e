using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

/// <summary>The async function an operation runs in: an async method, local function, lambda or anonymous method.</summary>
internal readonly struct AsyncFunction
{
    public AsyncFunction(IMethodSymbol symbol, IOperation? functionOperation, string description)
    {
        Symbol = symbol;
        FunctionOperation = functionOperation;
        Description = description;
    }

    /// <summary>The async method, local function or lambda symbol.</summary>
    public IMethodSymbol Symbol { get; }

    /// <summary>The <see cref="IAnonymousFunctionOperation"/> or <see cref="ILocalFunctionOperation"/>; null for the member itself.</summary>
    public IOperation? FunctionOperation { get; }

    /// <summary>How messages name it: <c>method 'LoadAsync'</c>, <c>lambda in 'Run'</c>.</summary>
    public string Description { get; }
}

/// <summary>"Is this operation inside an async context?", shared by every rule that needs the answer.</summary>
internal static class AsyncContext
{
    private const int SpreadKind = 128; // OperationKind.Spread (Roslyn 4.9+)

    /// <summary>
    /// The cheapest pre-check, from syntax alone: the innermost function around <paramref name="node"/> can await (an
    /// async method, lambda or local function, or top-level statements). Per-operation rules call it before anything
    /// else, so it switches on syntax kinds rather than testing types (every call walks a few parents). It is a superset
    /// of <see cref="TryGetAsyncFunction"/>'s answer: that still decides, where it matters.
    /// </summary>
    /// <param name="node">The node a rule would report.</param>
    /// <param name="throughInPlaceLambdas">
    /// Look past a synchronous lambda handed to a call (it may run right there: <see cref="InPlaceConsumer"/> decides).
    /// </param>
    public static bool MayAwaitAt(SyntaxNode node, bool throughInPlaceLambdas = false)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current.Kind())
            {
                case SyntaxKind.ParenthesizedLambdaExpression:
                case SyntaxKind.SimpleLambdaExpression:
                case SyntaxKind.AnonymousMethodExpression:
                    if (((AnonymousFunctionExpressionSyntax)current).AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                    {
                        return true;
                    }

                    // Handed to a call that may run it in place; not to Task.Run and its kin, whose lambdas never are.
                    if (throughInPlaceLambdas && current.Parent is ArgumentSyntax { Parent.Parent: { } call } && !IsThreadPoolCallByName(call))
                    {
                        continue;
                    }

                    return false;
                case SyntaxKind.LocalFunctionStatement:
                    return ((LocalFunctionStatementSyntax)current).Modifiers.Any(SyntaxKind.AsyncKeyword);
                case SyntaxKind.MethodDeclaration:
                    return ((MethodDeclarationSyntax)current).Modifiers.Any(SyntaxKind.AsyncKeyword);
                case SyntaxKind.ConstructorDeclaration:
                case SyntaxKind.DestructorDeclaration:
                case SyntaxKind.OperatorDeclaration:
                case SyntaxKind.ConversionOperatorDeclaration:
                case SyntaxKind.GetAccessorDeclaration:
                case SyntaxKind.SetAccessorDeclaration:
                case SyntaxKind.InitAccessorDeclaration:
                case SyntaxKind.AddAccessorDeclaration:
                case SyntaxKind.RemoveAccessorDeclaration:
                case SyntaxKind.UnknownAccessorDeclaration:
                case SyntaxKind.ArrowExpressionClause when current.Parent is BasePropertyDeclarationSyntax:
                case SyntaxKind.FieldDeclaration:
                case SyntaxKind.EnumMemberDeclaration:
                case SyntaxKind.Parameter:
                case SyntaxKind.Attribute:
                    // Constructors, operators, destructors, accessors, initializers, default values: never async.
                    return false;
                case SyntaxKind.GlobalStatement:
                case SyntaxKind.CompilationUnit:
                    return true;
            }
        }

        return true;
    }

    /// <summary>
    /// Finds the function whose body directly contains <paramref name="operation"/> and says whether it is async.
    /// A non-async lambda or local function ends the async context (it may run later or elsewhere), and so does
    /// any lambda handed to Task.Run, TaskFactory.StartNew, ThreadPool.QueueUserWorkItem or a new Thread:
    /// that is the deliberate "run the blocking work on another thread" pattern.
    /// </summary>
    /// <param name="throughInPlaceLambdas">
    /// The blocking rules: a synchronous lambda that runs right where it is written (<see cref="InPlaceConsumer"/>:
    /// <c>urls.Select(u =&gt; http.GetStringAsync(u).Result).ToList()</c>, <c>list.ForEach(…)</c>) blocks the async
    /// function around it, which is then the answer.
    /// </param>
    public static bool TryGetAsyncFunction(IOperation operation, ISymbol containingSymbol, AsyncSymbols symbols, out AsyncFunction function, bool throughInPlaceLambdas = false)
    {
        function = default;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    if (!lambda.Symbol.IsAsync && throughInPlaceLambdas && InPlaceConsumer(lambda) is not null)
                    {
                        continue;
                    }

                    if (!lambda.Symbol.IsAsync || IsHandedToAnotherThread(lambda, symbols))
                    {
                        return false;
                    }

                    function = new AsyncFunction(lambda.Symbol, lambda, DescribeLambda(lambda, containingSymbol));
                    return true;

                case ILocalFunctionOperation localFunction:
                    if (!localFunction.Symbol.IsAsync || IsOnlyRunOnAnotherThread(localFunction, symbols))
                    {
                        return false;
                    }

                    function = new AsyncFunction(localFunction.Symbol, localFunction, $"local function '{localFunction.Symbol.Name}'");
                    return true;
            }
        }

        if (containingSymbol is IMethodSymbol { IsAsync: true } method)
        {
            function = new AsyncFunction(method, null, DescribeMember(method));
            return true;
        }

        return false;
    }

    /// <summary>
    /// <c>Main</c> or the top-level statements: the process's own thread, which has nothing else to do while the host runs
    /// (<c>app.Run();</c> at the end of an async <c>Program.cs</c>, a wait for the shutdown signal). No pool thread is held.
    /// </summary>
    public static bool IsEntryPoint(ISymbol? containingSymbol)
        => containingSymbol is IMethodSymbol { IsStatic: true, Name: "Main" or "<Main>$" };

    /// <summary>The innermost function (async or not) whose body contains the operation: a lambda, a local function or null for the member.</summary>
    public static IOperation? EnclosingFunctionOperation(IOperation operation)
    {
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The body of the method, lambda or local function that holds <paramref name="operation"/>.</summary>
    public static IOperation? EnclosingFunctionBody(IOperation operation)
    {
        switch (EnclosingFunctionOperation(operation))
        {
            case IAnonymousFunctionOperation lambda:
                return lambda.Body;
            case ILocalFunctionOperation local:
                return (IOperation?)local.Body ?? local.IgnoredBody;
        }

        return MemberRoot(operation);
    }

    /// <summary>The root of the operation tree that holds <paramref name="operation"/>: the whole body of its member.</summary>
    public static IOperation MemberRoot(IOperation operation)
    {
        var root = operation;
        while (root.Parent is { } parent)
        {
            root = parent;
        }

        return root;
    }

    /// <summary>
    /// The operation that runs the synchronous <paramref name="lambda"/> right where it is written, or null when it may run
    /// later or elsewhere. In place: <c>List&lt;T&gt;.ForEach</c> and <c>Array.ForEach</c>, and a LINQ to Objects operator
    /// whose query is consumed in the same expression: by an operator that returns a value (<c>Sum</c>, <c>Any</c>,
    /// <c>First</c>, <c>ToList</c>, <c>ToDictionary</c>…), by <c>foreach</c>, <c>string.Join</c>/<c>Concat</c>, a
    /// collection constructor, <c>AddRange</c> or a collection expression's spread. The answer is that consumer (for
    /// <c>foreach</c> and a spread: the query itself, which is evaluated once, there). A query stored, returned or handed elsewhere is deferred: not in place.
    /// </summary>
    public static IOperation? InPlaceConsumer(IAnonymousFunctionOperation lambda)
    {
        var parent = SkipConversions(lambda.Parent);
        if (lambda.Symbol.IsAsync || parent is not IArgumentOperation { Parent: IInvocationOperation call })
        {
            return null;
        }

        var method = call.TargetMethod;
        if (method.Name == "ForEach"
            && method.ContainingType is { } type
            && ((type.Name == "List" && type.ContainingNamespace.IsNamespace("System.Collections.Generic"))
                || (type.Name == "Array" && method.IsStatic && type.ContainingNamespace.IsNamespace("System"))))
        {
            return call;
        }

        return IsLinqToObjects(method) ? ConsumerOfQuery(call) : null;
    }

    /// <summary>The outermost operation of the function around <paramref name="operation"/> that runs it, past every in-place lambda on the way.</summary>
    public static IOperation InPlacePosition(IOperation operation)
    {
        var position = operation;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            if (current is ILocalFunctionOperation)
            {
                break;
            }

            if (current is IAnonymousFunctionOperation lambda)
            {
                if (InPlaceConsumer(lambda) is not { } consumer)
                {
                    break;
                }

                position = consumer;
                current = consumer;
            }
        }

        return position;
    }

    private static IOperation? ConsumerOfQuery(IInvocationOperation call)
    {
        for (var current = call; ;)
        {
            if (!ReturnsDeferredQuery(current.TargetMethod))
            {
                return current;
            }

            switch (SkipConversions(current.Parent))
            {
                case IArgumentOperation { Parent: IInvocationOperation next } argument:
                    var method = next.TargetMethod;
                    if (IsLinqToObjects(method) && argument.Parameter?.Ordinal == 0)
                    {
                        current = next;
                        continue;
                    }

                    var isStringJoin = method.Name is "Join" or "Concat" && method.ContainingType?.SpecialType == SpecialType.System_String;
                    var isAddRange = method.Name is "AddRange" or "UnionWith" && method.ContainingType?.ContainingNamespace.IsNamespace("System.Collections.Generic") == true;
                    return isStringJoin || isAddRange ? next : null;

                case IArgumentOperation { Parent: IObjectCreationOperation creation }
                    when creation.Type?.ContainingNamespace.IsNamespace("System.Collections.Generic") == true:
                    return creation;

                case IForEachLoopOperation { IsAsynchronous: false }:
                    return current;

                // [.. tasks.Select(t => t.Result)]: a collection expression enumerates what it spreads right away.
                case { Kind: (OperationKind)SpreadKind }:
                    return current;

                default:
                    return null;
            }
        }
    }

    private static bool IsLinqToObjects(IMethodSymbol method)
        => method.ContainingType is { Name: "Enumerable" } type && type.ContainingNamespace.IsNamespace("System.Linq");

    /// <summary><c>Select</c>, <c>Where</c>, <c>OrderBy</c>…: an <c>IEnumerable&lt;T&gt;</c> whose lambdas run only when it is enumerated.</summary>
    private static bool ReturnsDeferredQuery(IMethodSymbol method)
        => method.ReturnType is INamedTypeSymbol { Name: "IEnumerable" or "IOrderedEnumerable" };

    private static IOperation? SkipConversions(IOperation? operation)
    {
        // A query expression (from t in tasks select t.Result) is its method calls under an ITranslatedQueryOperation.
        while (operation is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation or ITranslatedQueryOperation)
        {
            operation = operation.Parent;
        }

        return operation;
    }

    /// <summary>
    /// An async local function that only ever runs as work handed to another thread: every use of it is
    /// <c>Task.Run(() =&gt; Emit(i))</c>, <c>Task.Run(async () =&gt; await Emit(i))</c> (the lambda's whole body) or
    /// <c>Task.Run(Emit)</c>. Its body then runs on the pool thread that call provides, as if written in the lambda,
    /// which <see cref="IsHandedToAnotherThread"/> already leaves alone. A direct call anywhere keeps it an async context.
    /// </summary>
    private static bool IsOnlyRunOnAnotherThread(ILocalFunctionOperation localFunction, AsyncSymbols symbols)
    {
        var cache = symbols.LocalFunctionsRunOnAnotherThread;
        if (!cache.TryGetValue(localFunction.Symbol, out var answer))
        {
            answer = EveryUseRunsOnAnotherThread(localFunction, symbols);
            cache.TryAdd(localFunction.Symbol, answer);
        }

        return answer;
    }

    private static bool EveryUseRunsOnAnotherThread(ILocalFunctionOperation localFunction, AsyncSymbols symbols)
    {
        // Its uses are in the function that declares it: an enclosing lambda or local function, or else the member.
        var scope = EnclosingFunctionOperation(localFunction);
        if (scope is null)
        {
            for (scope = localFunction; scope.Parent is not null; scope = scope.Parent)
            {
            }
        }

        var function = localFunction.Symbol;
        var used = false;
        foreach (var operation in scope.Descendants())
        {
            switch (operation)
            {
                case IInvocationOperation call when SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, function):
                    if (!IsWholeBodyOfThreadWork(call, symbols))
                    {
                        return false;
                    }

                    used = true;
                    break;
                case IMethodReferenceOperation reference when SymbolEqualityComparer.Default.Equals(reference.Method.OriginalDefinition, function):
                    if (!IsThreadWork(SkipConversions(reference.Parent), symbols))
                    {
                        return false;
                    }

                    used = true;
                    break;
            }
        }

        return used;
    }

    /// <summary><c>() =&gt; Emit(i)</c>, <c>async () =&gt; await Emit(i)</c>: the call is all the lambda does, and the lambda is thread work.</summary>
    private static bool IsWholeBodyOfThreadWork(IInvocationOperation call, AsyncSymbols symbols)
    {
        IOperation? current = call.Parent;
        while (current is IConversionOperation or IAwaitOperation or IReturnOperation or IExpressionStatementOperation
               || current is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" })
        {
            current = current.Parent;
        }

        // An expression-bodied lambda that returns nothing ends with an implicit return of its own.
        return current is IBlockOperation { Parent: IAnonymousFunctionOperation lambda } block
               && (block.Operations.Length == 1
                   || (block.Operations.Length == 2 && block.Operations[1] is IReturnOperation { IsImplicit: true, ReturnedValue: null }))
               && IsHandedToAnotherThread(lambda, symbols);
    }

    /// <summary>True for a lambda passed (directly or through a delegate conversion) to a thread-pool or thread API.</summary>
    public static bool IsHandedToAnotherThread(IAnonymousFunctionOperation lambda, AsyncSymbols symbols)
        => IsThreadWork(SkipConversions(lambda.Parent), symbols);

    /// <summary>An argument (or an unbound call still being typed) of a thread-pool or thread API.</summary>
    private static bool IsThreadWork(IOperation? parent, AsyncSymbols symbols)
    {
        // A call whose lambda is still being typed (errors in its body) may not bind at all: the lambda then hangs
        // under an invalid operation. Judge that call by its name so that the squiggles do not flicker while typing.
        var unbound = parent as IInvalidOperation ?? (parent as IArgumentOperation)?.Parent as IInvalidOperation;
        if (unbound is not null)
        {
            return IsThreadPoolCallByName(unbound.Syntax);
        }

        if (parent is not IArgumentOperation argument)
        {
            return false;
        }

        switch (argument.Parent)
        {
            case IInvocationOperation invocation:
                var target = invocation.TargetMethod;
                var type = target.ContainingType?.OriginalDefinition;
                if (type.Is(symbols.Task))
                {
                    return target.Name == "Run";
                }

                if (type.Is(symbols.TaskFactory) || type.Is(symbols.TaskFactoryOfT))
                {
                    return target.Name == "StartNew";
                }

                return type.Is(symbols.ThreadPool)
                    && target.Name is "QueueUserWorkItem" or "UnsafeQueueUserWorkItem";

            case IObjectCreationOperation creation:
                return creation.Type.Is(symbols.Thread);

            default:
                return false;
        }
    }

    /// <summary><c>Task.Run(…)</c>, <c>….StartNew(…)</c>, <c>ThreadPool.QueueUserWorkItem(…)</c> or <c>new Thread(…)</c>, by syntax only.</summary>
    private static bool IsThreadPoolCallByName(SyntaxNode syntax) => syntax switch
    {
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } => member.Name.Identifier.ValueText switch
        {
            "Run" => member.Expression is IdentifierNameSyntax { Identifier.ValueText: "Task" }
                     || member.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Task" },
            "StartNew" or "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" => true,
            _ => false,
        },
        ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "Thread" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Thread" } } => true,
        _ => false,
    };

    private static string DescribeMember(IMethodSymbol method)
    {
        if (method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName)
        {
            return "top-level statements";
        }

        return method.MethodKind switch
        {
            MethodKind.LambdaMethod => "lambda",
            MethodKind.LocalFunction => $"local function '{method.Name}'",
            _ => $"method '{method.Name}'",
        };
    }

    private static string DescribeLambda(IAnonymousFunctionOperation lambda, ISymbol containingSymbol)
    {
        var kind = lambda.Syntax is AnonymousMethodExpressionSyntax ? "anonymous method" : "lambda";
        return containingSymbol is IMethodSymbol method && method.Name != WellKnownMemberNames.TopLevelStatementsEntryPointMethodName
            ? $"{kind} in '{NameOf(method)}'"
            : kind;
    }

    private static string NameOf(IMethodSymbol method) => method.MethodKind switch
    {
        MethodKind.Constructor or MethodKind.StaticConstructor => method.ContainingType.Name,
        MethodKind.PropertyGet or MethodKind.PropertySet => method.AssociatedSymbol?.Name ?? method.Name,
        _ => method.Name,
    };

    /// <summary>
    /// True where an <c>await</c> may not be written: inside a <c>lock</c> body, an <c>unsafe</c> or <c>fixed</c>
    /// block, a catch filter, or a query clause other than the first <c>from</c>. Rules still report there, but
    /// offer no fix. Where an operation is at hand, <see cref="AwaitPosition.WhyAwaitIsForbidden"/> also knows about
    /// ref-struct locals that would live across the await; prefer it.
    /// </summary>
    public static bool IsAwaitForbiddenAt(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case LockStatementSyntax lockStatement when lockStatement.Statement.Span.Contains(node.Span):
                case UnsafeStatementSyntax:
                case CatchFilterClauseSyntax:
                case FixedStatementSyntax:
                    return true;
                case QueryBodySyntax:
                case QueryClauseSyntax and not FromClauseSyntax:
                case FromClauseSyntax from when from.Parent is QueryBodySyntax:
                    return true;
                case AnonymousFunctionExpressionSyntax:
                case LocalFunctionStatementSyntax:
                case BaseMethodDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}
