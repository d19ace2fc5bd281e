using System.Runtime.CompilerServices;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// A synchronous method that exists to block on the task it is given: the project's own
/// <c>static T RunSync&lt;T&gt;(Func&lt;Task&lt;T&gt;&gt; work) =&gt; Task.Run(work).GetAwaiter().GetResult()</c> or
/// <c>static void BlockingWait(this Task task) =&gt; task.GetAwaiter().GetResult()</c>, and Nito.AsyncEx's
/// <c>WaitAndUnwrapException()</c> and <c>AsyncContext.Run(...)</c>. Called from async code it blocks exactly as the read
/// in its body would (ASYNC101 reports the call); the caller can await the argument instead.
/// </summary>
/// <remarks>
/// A project helper is read from its syntax, once per method: its body (outside any branch, loop or lambda) returns or
/// runs a blocking read (<c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>) of a task parameter, or of a
/// task-returning delegate parameter it invokes (directly, or through <c>Task.Run</c>/<c>StartNew(...).Unwrap()</c>).
/// A body that also asks whether the task is complete (<c>IsCompleted</c>, <c>Status</c>) is a different helper: it
/// reads a finished task.
/// </remarks>
internal sealed class BlockingHelpers
{
    private static readonly BlockingHelper NotAHelper = new(-1, false, false, string.Empty);

    private readonly AsyncSymbols symbols;

    // Keyed by the definition's identity (one public symbol per definition in a compilation): a structural symbol hash
    // walks the containing types, and this is asked for every call of a method of the project.
    private readonly ConditionalWeakTable<IMethodSymbol, BlockingHelper> helpers = new();
    private readonly ConditionalWeakTable<IMethodSymbol, BlockingHelper>.CreateValueCallback read;

    private BlockingHelpers(AsyncSymbols symbols)
    {
        this.symbols = symbols;
        read = Read;
    }

    /// <summary>One per compilation, shared by ASYNC101 (which reports a helper's call) and ASYNC106 (which leaves it to ASYNC101).</summary>
    public static BlockingHelpers Create(AsyncSymbols symbols) => new(symbols);

    /// <summary>What the called method blocks on, or null when it is not a blocking helper. One lookup per call: the answer is kept per method.</summary>
    public BlockingHelper? Find(IInvocationOperation invocation)
    {
        // A method with source (a metadata method answers DeclaringSyntaxReferences from its own object, where Locations
        // and ContainingAssembly walk up to its module: cold objects on every call of a hot callback), or a library bridge
        // by name; then one answer per method.
        var method = invocation.TargetMethod;
        if (method.DeclaringSyntaxReferences.IsEmpty
            && method.Name != "WaitAndUnwrapException" && !(method.Name == "Run" && method.ContainingType?.Name == "AsyncContext"))
        {
            return null;
        }

        var helper = helpers.GetValue(method.OriginalDefinition, read);
        return ReferenceEquals(helper, NotAHelper) ? null : helper;
    }

    /// <summary>
    /// The definition's parameters and return type (a constructed generic call, every LINQ operator, would build substituted
    /// ones), then the known library bridges, then the project's own source.
    /// </summary>
    private BlockingHelper Read(IMethodSymbol definition)
    {
        if (definition.Parameters.IsEmpty || symbols.IsTaskOrValueTask(definition.ReturnType) || !HasTaskParameter(definition) || definition.IsAsync)
        {
            return NotAHelper;
        }

        return KnownLibraryHelper(definition)
               ?? (definition.DeclaringSyntaxReferences.IsEmpty ? NotAHelper : ReadSource(definition));
    }

    /// <summary>The argument the helper blocks on (the task, or the delegate it invokes).</summary>
    public static IArgumentOperation? ArgumentOf(IInvocationOperation invocation, BlockingHelper helper)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == helper.ParameterOrdinal)
            {
                return argument;
            }
        }

        return null;
    }

    private bool HasTaskParameter(IMethodSymbol method)
    {
        foreach (var parameter in method.Parameters)
        {
            if (IsTask(parameter) || IsTaskDelegate(parameter))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsTask(IParameterSymbol parameter) => symbols.IsTaskOrValueTask(parameter.Type);

    /// <summary>
    /// A delegate that returns a task (<c>Func&lt;Task&lt;T&gt;&gt;</c>, <c>Func&lt;CancellationToken, ValueTask&gt;</c>). Read from the
    /// definition's <c>Invoke</c> and the type arguments: asking a constructed <c>Func&lt;T, bool&gt;</c> of every LINQ call for its
    /// substituted <c>Invoke</c> would build one.
    /// </summary>
    private bool IsTaskDelegate(IParameterSymbol parameter)
    {
        if (parameter.Type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate } type
            || type.OriginalDefinition.DelegateInvokeMethod is not { ReturnType: var returned })
        {
            return false;
        }

        return returned is ITypeParameterSymbol { TypeParameterKind: TypeParameterKind.Type, Ordinal: var ordinal } && ordinal < type.TypeArguments.Length
            ? symbols.IsTaskOrValueTask(type.TypeArguments[ordinal])
            : symbols.IsTaskOrValueTask(returned);
    }

    /// <summary>Nito.AsyncEx's sync-over-async bridges: <c>task.WaitAndUnwrapException()</c>, <c>AsyncContext.Run(() => ...)</c>.</summary>
    private BlockingHelper? KnownLibraryHelper(IMethodSymbol method)
    {
        if (method.Name == "WaitAndUnwrapException" && method.IsExtensionMethod && method.Parameters.Length == 1
            && method.ContainingNamespace.IsNamespace("Nito.AsyncEx.Synchronous"))
        {
            return new BlockingHelper(0, invokesDelegate: false, returnsTheRead: true, "WaitAndUnwrapException()");
        }

        if (method.Name == "Run" && method.IsStatic && method.Parameters.Length == 1 && IsTaskDelegate(method.Parameters[0])
            && method.ContainingType.Name == "AsyncContext" && method.ContainingNamespace.IsNamespace("Nito.AsyncEx"))
        {
            return new BlockingHelper(0, invokesDelegate: true, returnsTheRead: true, "AsyncContext.Run(...)");
        }

        return null;
    }

    private BlockingHelper ReadSource(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return NotAHelper;
        }

        var (body, expressionBody) = method.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            MethodDeclarationSyntax declaration => (declaration.Body, declaration.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            _ => (null, null),
        };

        var reads = new List<(ExpressionSyntax Read, bool Returned)>();
        if (expressionBody is not null)
        {
            reads.Add((expressionBody, true));
        }
        else if (body is not null)
        {
            CollectTopLevelReads(body, method.ReturnsVoid, reads);
        }

        foreach (var (read, returned) in reads)
        {
            if (BlockingRead(read) is not ({ } task, { } wait) || Parameter(task, method) is not ({ } parameter, var invokes))
            {
                continue;
            }

            if (AsksWhetherComplete(body ?? (SyntaxNode?)expressionBody, parameter.Name))
            {
                return NotAHelper;
            }

            return new BlockingHelper(parameter.Ordinal, invokes, returned, wait);
        }

        return NotAHelper;
    }

    /// <summary>
    /// The statements the body always reaches the read of (no branch, loop or lambda around it): <c>return read;</c>,
    /// <c>read;</c> and <c>var x = read;</c>, also inside a <c>try</c> or <c>using</c> block (a helper that swaps the
    /// synchronization context around the wait). <c>Returned</c>: the helper's value is the read's, or it returns nothing.
    /// </summary>
    private static void CollectTopLevelReads(BlockSyntax block, bool returnsVoid, List<(ExpressionSyntax, bool)> reads)
    {
        foreach (var statement in block.Statements)
        {
            switch (statement)
            {
                case ReturnStatementSyntax { Expression: { } returned }:
                    reads.Add((returned, true));
                    break;
                case ExpressionStatementSyntax expression:
                    reads.Add((expression.Expression, returnsVoid));
                    break;
                case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } when variables[0].Initializer is { } initializer:
                    reads.Add((initializer.Value, false));
                    break;
                case TryStatementSyntax @try:
                    CollectTopLevelReads(@try.Block, returnsVoid, reads);
                    break;
                case UsingStatementSyntax { Statement: BlockSyntax usingBody }:
                    CollectTopLevelReads(usingBody, returnsVoid, reads);
                    break;
                case BlockSyntax nested:
                    CollectTopLevelReads(nested, returnsVoid, reads);
                    break;
            }
        }
    }

    /// <summary><c>x.Result</c>, <c>x.Wait()</c>, <c>x.GetAwaiter().GetResult()</c> (also after <c>ConfigureAwait</c>): the blocked-on <c>x</c>.</summary>
    private static (ExpressionSyntax? Task, string? Wait) BlockingRead(ExpressionSyntax expression)
    {
        switch (Unwrapped(expression))
        {
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result", Expression: var task }:
                return (task, ".Result");
            case InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait", Expression: var task } }:
                return (task, ".Wait()");
            case InvocationExpressionSyntax
            {
                ArgumentList.Arguments.Count: 0,
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter", Expression: var awaitable } },
                },
            }:
                return (AwaitSyntax.WithoutConfigureAwait(awaitable), ".GetAwaiter().GetResult()");
            default:
                return (null, null);
        }
    }

    /// <summary>
    /// The parameter a blocked-on expression comes from: the task parameter itself, or a task delegate parameter called
    /// (<c>work()</c>, <c>work.Invoke()</c>) or handed to <c>Task.Run</c>/<c>StartNew</c> (<c>Task.Run(work)</c>,
    /// <c>Task.Run(() =&gt; work())</c>, <c>factory.StartNew(work).Unwrap()</c>).
    /// </summary>
    private (IParameterSymbol? Parameter, bool Invokes) Parameter(ExpressionSyntax task, IMethodSymbol method)
    {
        switch (Unwrapped(task))
        {
            case IdentifierNameSyntax name:
                return Named(method, name) is { } parameter && IsTask(parameter) ? (parameter, false) : (null, false);

            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Unwrap", Expression: var wrapped } }:
                return Parameter(wrapped, method);

            case InvocationExpressionSyntax call:
                var delegateName = call.Expression switch
                {
                    IdentifierNameSyntax direct => direct,
                    MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Invoke", Expression: IdentifierNameSyntax invoked } => invoked,
                    MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Run" or "StartNew" } when call.ArgumentList.Arguments.Count > 0
                        => StartedDelegate(call.ArgumentList.Arguments[0].Expression),
                    _ => null,
                };
                return delegateName is not null && Named(method, delegateName) is { } work && IsTaskDelegate(work) ? (work, true) : (null, false);

            default:
                return (null, false);
        }
    }

    /// <summary><c>work</c>, <c>() =&gt; work()</c>, <c>async () =&gt; await work()</c>: the delegate a <c>Run</c> starts.</summary>
    private static IdentifierNameSyntax? StartedDelegate(ExpressionSyntax started)
    {
        var body = Unwrapped(started) switch
        {
            IdentifierNameSyntax name => name,
            AnonymousFunctionExpressionSyntax { ExpressionBody: { } expression } => expression,
            _ => null,
        };

        if (body is AwaitExpressionSyntax awaited)
        {
            body = awaited.Expression;
        }

        return Unwrapped(body) switch
        {
            IdentifierNameSyntax name => name,
            InvocationExpressionSyntax { Expression: IdentifierNameSyntax invoked } => invoked,
            _ => null,
        };
    }

    private static IParameterSymbol? Named(IMethodSymbol method, IdentifierNameSyntax name)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == name.Identifier.ValueText)
            {
                return parameter;
            }
        }

        return null;
    }

    /// <summary><c>task.IsCompleted</c>, <c>task.Status</c>...: the helper reads a task it checks is finished.</summary>
    private static bool AsksWhetherComplete(SyntaxNode? body, string parameterName)
    {
        if (body is null)
        {
            return false;
        }

        foreach (var node in body.DescendantNodes())
        {
            if (node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver, Name.Identifier.ValueText: var member }
                && receiver.Identifier.ValueText == parameterName
                && member is "IsCompleted" or "IsCompletedSuccessfully" or "Status" or "IsFaulted" or "IsCanceled")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The expression inside parentheses and <c>!</c>.</summary>
    private static ExpressionSyntax? Unwrapped(ExpressionSyntax? expression)
    {
        while (expression is not null)
        {
            expression = HelperSource.WithoutSuppression(expression);
            if (expression is not ParenthesizedExpressionSyntax parenthesized)
            {
                return expression;
            }

            expression = parenthesized.Expression;
        }

        return null;
    }
}

/// <summary>What a blocking helper waits on: its parameter at <see cref="ParameterOrdinal"/>, a task or a delegate it invokes.</summary>
internal sealed class BlockingHelper
{
    public BlockingHelper(int parameterOrdinal, bool invokesDelegate, bool returnsTheRead, string wait)
    {
        ParameterOrdinal = parameterOrdinal;
        InvokesDelegate = invokesDelegate;
        ReturnsTheRead = returnsTheRead;
        Wait = wait;
    }

    public int ParameterOrdinal { get; }

    /// <summary>The parameter is a delegate the helper calls (<c>RunSync(() =&gt; LoadAsync())</c>), not the task itself.</summary>
    public bool InvokesDelegate { get; }

    /// <summary>The helper's value is the awaited value (or it returns none), so <c>await</c> can replace the call.</summary>
    public bool ReturnsTheRead { get; }

    /// <summary>The blocking read in its body, for the message: <c>.GetAwaiter().GetResult()</c>.</summary>
    public string Wait { get; }
}
