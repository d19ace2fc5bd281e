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
    /// <summary>
    /// The cheapest pre-check, from syntax alone: the innermost function around <paramref name="node"/> can await (an
    /// async method, lambda or local function, or top-level statements). Per-operation rules call it before anything
    /// else, so it switches on syntax kinds rather than testing types (every call walks a few parents). It is a superset
    /// of <see cref="TryGetAsyncFunction"/>'s answer: that still decides, where it matters.
    /// </summary>
    public static bool MayAwaitAt(SyntaxNode node)
    {
        for (SyntaxNode? current = node; current is not null; current = current.Parent)
        {
            switch (current.Kind())
            {
                case SyntaxKind.ParenthesizedLambdaExpression:
                case SyntaxKind.SimpleLambdaExpression:
                case SyntaxKind.AnonymousMethodExpression:
                    return ((AnonymousFunctionExpressionSyntax)current).AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
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
    public static bool TryGetAsyncFunction(IOperation operation, ISymbol containingSymbol, AsyncSymbols symbols, out AsyncFunction function)
    {
        function = default;
        for (var current = operation.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IAnonymousFunctionOperation lambda:
                    if (!lambda.Symbol.IsAsync || IsHandedToAnotherThread(lambda, symbols))
                    {
                        return false;
                    }

                    function = new AsyncFunction(lambda.Symbol, lambda, DescribeLambda(lambda, containingSymbol));
                    return true;

                case ILocalFunctionOperation localFunction:
                    if (!localFunction.Symbol.IsAsync)
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

    /// <summary>True for a lambda passed (directly or through a delegate conversion) to a thread-pool or thread API.</summary>
    public static bool IsHandedToAnotherThread(IAnonymousFunctionOperation lambda, AsyncSymbols symbols)
    {
        IOperation? parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

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
