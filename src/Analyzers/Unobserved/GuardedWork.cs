using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// Background work that cannot fault: <c>Task.Run</c>/<c>Task.Factory.StartNew</c> handed a delegate whose whole body is a
/// try with a catch-all that swallows (<see cref="GuardedBody.IsFullyGuarded"/>), directly or as a one-call lambda
/// or method group naming a source method written that way, or a lambda that only signals: completes a promise with
/// <c>TrySet…</c> (also after a delay), cancels a token source, or asks the host to stop. Dropping that task loses no exception, and in a
/// synchronous method not waiting is the point (a timer tick, a cache warm-up, a background start in a constructor, a
/// promise completed off the calling thread, a shutdown endpoint that answers before the host stops).
/// Syntax and symbols only; it runs when a diagnostic is about to be reported.
/// </summary>
internal static class GuardedWork
{
    public static bool StartsGuardedWork(IInvocationOperation call, Func<ITypeSymbol?, bool> isPromise)
    {
        var method = call.TargetMethod;

        // Task.Factory.StartNew(LoopAsync, …).Unwrap(): the inner task of the work started, the same as Task.Run(LoopAsync).
        if (method is { Name: "Unwrap", IsExtensionMethod: true } && IsTasksType(method.ContainingType, "TaskExtensions")
            && call.Arguments.Length == 1 && Peel(call.Arguments[0].Value) is IInvocationOperation started)
        {
            return StartsGuardedWork(started, isPromise);
        }

        if (!(method.Name == "Run" && IsTasksType(method.ContainingType, "Task"))
            && !(method.Name == "StartNew" && IsTasksType(method.ContainingType, "TaskFactory")))
        {
            return false;
        }

        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.Type.TypeKind != TypeKind.Delegate)
            {
                continue;
            }

            return Peel(argument.Value) switch
            {
                IAnonymousFunctionOperation lambda => GuardedBody.IsFullyGuarded(lambda.Syntax, lambda.SemanticModel) || CallsOnlyGuardedMethod(lambda)
                                                      || OnlyCompletesAPromise(lambda, isPromise) || OnlyStopsTheHost(lambda)
                                                      || OnlyCancels(lambda) || CallsOnlyAsyncVoidMethod(lambda),
                IMethodReferenceOperation reference => IsGuardedSourceMethod(reference.Method) || IsCancelMethod(reference.Method)
                                                       || IsAsyncVoid(reference.Method),
                _ => false,
            };
        }

        return false;
    }

    /// <summary>
    /// A call to a method of this compilation that cannot fault: <c>async</c> with a fully guarded body, or an overload that
    /// only forwards to a same-named one, in a family where every overload is one or the other (Akka's
    /// <c>task.PipeTo(actor)</c>, which awaits the task inside a catch-all that turns the failure into a message).
    /// </summary>
    public static bool IsGuardedSourceCall(IMethodSymbol method)
    {
        if (method.DeclaringSyntaxReferences.IsEmpty || method.ReturnsVoid)
        {
            return false;
        }

        return method.IsAsync ? IsGuardedSourceMethod(method) : ForwardsToAGuardedOverload(method);
    }

    /// <summary>
    /// <c>() =&gt; promise.TrySetResult(value)</c>, also through a cast (<c>((TaskCompletionSource&lt;T&gt;)state).TrySetException(e)</c>):
    /// completing a promise off the current thread, so that its continuations do not run inline. <c>TrySet…</c> does not
    /// throw, and <c>Set…</c> throws only when the promise is already complete, when its waiter has its outcome anyway.
    /// </summary>
    private static bool OnlyCompletesAPromise(IAnonymousFunctionOperation lambda, Func<ITypeSymbol?, bool> isPromise)
        => IsPromiseCompletion(SingleCall(lambda), isPromise) || IsPromiseCompletion(SoleGuardedCall(lambda, isPromise), isPromise)
           || DelaysThenCompletesAPromise(lambda, isPromise);

    /// <summary>
    /// The one call a lambda makes, also under a lock or a null test (<c>() =&gt; { lock (gate) tcs.TrySetResult(null); }</c>,
    /// <c>() =&gt; { lock (gate) { if (source != null) source.Cancel(); } }</c>, <c>source?.Cancel()</c>): the lock and the test
    /// only make the call safe against a concurrent reset of the field. A test that calls something is not a null test.
    /// </summary>
    /// <param name="isPromise">Where the call completes a promise: a <c>using</c> of the promise itself may wrap it.</param>
    private static IInvocationOperation? SoleGuardedCall(IAnonymousFunctionOperation lambda, Func<ITypeSymbol?, bool>? isPromise = null)
        => Statements(lambda) is { Length: 1 } statements ? SoleGuardedCall(statements[0], isPromise, depth: 0) : null;

    private static IInvocationOperation? SoleGuardedCall(IOperation statement, Func<ITypeSymbol?, bool>? isPromise, int depth)
    {
        // Blocks count as levels: lock { if (…) { call } } is four deep.
        if (depth > 6)
        {
            return null;
        }

        switch (statement)
        {
            case IBlockOperation { Operations: { Length: 1 } inner }:
                return SoleGuardedCall(inner[0], isPromise, depth + 1);
            case ILockOperation { LockedValue: ILocalReferenceOperation or IFieldReferenceOperation or IInstanceReferenceOperation, Body: var locked }:
                return SoleGuardedCall(locked, isPromise, depth + 1);
            case IConditionalOperation { WhenFalse: null, Condition: var condition, WhenTrue: var checkedBody }
                when !condition.DescendantsAndSelf().Any(static o => o is IInvocationOperation):
                return SoleGuardedCall(checkedBody, isPromise, depth + 1);

            // if (!waiter.TrySetResult(response)) log.Debug($"…"): the completion, its outcome only logged.
            case IConditionalOperation { WhenFalse: null, Condition: IUnaryOperation { OperatorKind: UnaryOperatorKind.Not, Operand: var tried }, WhenTrue: var logged }
                when IsLogStatement(logged):
                return CallOf(tried);

            // using (waiter) { … }: disposing the promise itself (its token registration) around the completion.
            case IUsingOperation { Resources: ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation, Body: var used } @using
                when isPromise is not null && isPromise(@using.Resources.Type):
                return SoleGuardedCall(used, isPromise, depth + 1);
            case IExpressionStatementOperation { Operation: var value }:
                return CallOf(value is IConditionalAccessOperation { WhenNotNull: var whenNotNull } ? whenNotNull : value);
            default:
                return null;
        }
    }

    /// <summary><c>Log.Debug($"…")</c>, <c>logger.LogWarning(…)</c> (also in a block of its own): loggers never throw by convention.</summary>
    private static bool IsLogStatement(IOperation statement)
    {
        if (statement is IBlockOperation { Operations: { Length: 1 } only })
        {
            statement = only[0];
        }

        return statement is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod: var log } call }
               && LoggingNames.IsLoggingVerb(log.Name)
               && (LoggingNames.NamesLogger(log.ContainingType.Name) || (call.Instance?.Type is { } logger && LoggingNames.NamesLogger(logger.Name))
                   || call.Instance is { } instance && instance.VariableSymbol() is { } symbol && LoggingNames.NamesLogger(symbol.Name));
    }

    private static bool IsPromiseCompletion(IInvocationOperation? call, Func<ITypeSymbol?, bool> isPromise)
        => call is { TargetMethod.Name: var name, Instance: { } promise }
           && isPromise(promise.Type)
           && (name is "TrySetResult" or "TrySetException" or "TrySetCanceled"
               // Set… given an outcome it computes (SetResult(read())) may fault before the promise is completed.
               || (name is "SetResult" or "SetException" or "SetCanceled"
                   && call.Arguments.All(static argument => !argument.Value.DescendantsAndSelf().Any(static o => o is IInvocationOperation))));

    /// <summary>
    /// <c>async () =&gt; { await Task.Delay(TimeSpan.FromSeconds(5)); done?.TrySetResult(1); }</c>: a deadline that completes
    /// a promise later. A delay without a token does not fault, and neither does <c>TrySet…</c>.
    /// </summary>
    private static bool DelaysThenCompletesAPromise(IAnonymousFunctionOperation lambda, Func<ITypeSymbol?, bool> isPromise)
    {
        if (!lambda.Symbol.IsAsync
            || Statements(lambda) is not { Length: 2 } statements
            || statements[0] is not IExpressionStatementOperation { Operation: IAwaitOperation delayed }
            || CallOf(delayed) is not { TargetMethod: { Name: "Delay", Parameters.Length: 1 } delay }
            || !IsTasksType(delay.ContainingType, "Task")
            || statements[1] is not IExpressionStatementOperation { Operation: var completion })
        {
            return false;
        }

        // done?.TrySetResult(1): the call under the null test.
        return IsPromiseCompletion(
            completion is IConditionalAccessOperation { WhenNotNull: IInvocationOperation whenNotNull } ? whenNotNull : completion as IInvocationOperation,
            isPromise);
    }

    /// <summary>
    /// <c>() =&gt; lifetime.StopApplication()</c>: a shutdown endpoint lets its response go out before the host stops. The
    /// hosting lifetime's <c>StopApplication</c> only cancels its stopping token and logs what the callbacks throw.
    /// </summary>
    private static bool OnlyStopsTheHost(IAnonymousFunctionOperation lambda)
        => SingleCall(lambda) is { TargetMethod: { Name: "StopApplication", Parameters.Length: 0 } stop, Instance: not null }
           && stop.ContainingType is { Name: "IHostApplicationLifetime" or "IApplicationLifetime" } lifetime
           && (lifetime.ContainingNamespace.IsNamespace("Microsoft.Extensions.Hosting") || lifetime.ContainingNamespace.IsNamespace("Microsoft.AspNetCore.Hosting"));

    /// <summary>
    /// <c>() =&gt; source.Cancel()</c> (also under a null test or a lock), or <c>() =&gt; { try { source.Cancel(); } finally { source.Dispose(); } }</c>: cancellation
    /// moved off this thread so that the token's callbacks do not run inline (under a lock, or hanging the caller). What
    /// those callbacks throw belongs to whoever registered them; no work of this caller is lost.
    /// </summary>
    private static bool OnlyCancels(IAnonymousFunctionOperation lambda)
    {
        var statements = Statements(lambda);
        if (statements.Length == 1 && statements[0] is ITryOperation { Catches.Length: 0, Finally: { } cleanup, Body.Operations: { Length: 1 } tried })
        {
            return IsCancel(CallOf((tried[0] as IExpressionStatementOperation)?.Operation), out var source)
                   && cleanup.Operations.Length == 1
                   && cleanup.Operations[0] is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "Dispose", Arguments.Length: 0, Instance: { } disposed } }
                   && SameReference(disposed, source);
        }

        return IsCancel(SoleGuardedCall(lambda), out _);
    }

    private static bool IsCancel(IInvocationOperation? call, out IOperation? source)
    {
        source = call?.Instance;
        return call is not null && IsCancelMethod(call.TargetMethod);
    }

    private static bool IsCancelMethod(IMethodSymbol method)
        => method is { Name: "Cancel", ContainingType: { Name: "CancellationTokenSource" } type }
           && type.ContainingNamespace.IsNamespace("System.Threading");

    private static bool SameReference(IOperation one, IOperation? other) => (Peel(one), Peel(other)) switch
    {
        (ILocalReferenceOperation a, ILocalReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Local, b.Local),
        (IFieldReferenceOperation a, IFieldReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Field, b.Field),
        (IParameterReferenceOperation a, IParameterReferenceOperation b) => SymbolEqualityComparer.Default.Equals(a.Parameter, b.Parameter),
        _ => false,
    };

    /// <summary>The one call a lambda's body makes (<c>() =&gt; F()</c>, <c>() =&gt; { F(); }</c>, <c>async () =&gt; await F()</c>).</summary>
    private static IInvocationOperation? SingleCall(IAnonymousFunctionOperation lambda)
        => Statements(lambda) is { Length: 1 } statements
            ? CallOf(statements[0] switch
            {
                IReturnOperation { ReturnedValue: { } returned } => returned,
                IExpressionStatementOperation statement => statement.Operation,
                _ => null,
            })
            : null;

    /// <summary>A lambda's statements without the implicit return that ends a void or expression-bodied one.</summary>
    private static ImmutableArray<IOperation> Statements(IAnonymousFunctionOperation lambda)
    {
        var statements = lambda.Body.Operations;
        return statements.Length > 0 && statements[statements.Length - 1] is IReturnOperation { ReturnedValue: null, IsImplicit: true }
            ? statements.RemoveAt(statements.Length - 1)
            : statements;
    }

    /// <summary>The call a value makes, under an <c>await</c>, <c>ConfigureAwait(…)</c> and conversions.</summary>
    private static IInvocationOperation? CallOf(IOperation? value)
    {
        if (value is IAwaitOperation awaited)
        {
            value = awaited.Operation;
        }

        value = Peel(value);
        if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            value = Peel(configured);
        }

        return value as IInvocationOperation;
    }

    /// <summary><c>() =&gt; WarmUpAsync()</c>, <c>async () =&gt; await WarmUpAsync().ConfigureAwait(false)</c>.</summary>
    private static bool CallsOnlyGuardedMethod(IAnonymousFunctionOperation lambda)
        // The arguments are evaluated outside the guard: they must not call anything.
        => SingleCall(lambda) is { } invocation
           && invocation.Arguments.All(static argument => CallsNothing(argument.Value))
           && IsGuardedSourceMethod(invocation.TargetMethod);

    /// <summary>
    /// Evaluating the value calls nothing. A lambda in it is only created, not run (<c>Try.IgnoringError(() =&gt; queue.Dispose())</c>
    /// hands the call to the guard that runs it).
    /// </summary>
    internal static bool CallsNothing(IOperation value)
    {
        if (value is IInvocationOperation or IObjectCreationOperation)
        {
            return false;
        }

        foreach (var child in value.ChildOperations)
        {
            if (child is not IAnonymousFunctionOperation && !CallsNothing(child))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// <c>Task.Run(() =&gt; Stop(session))</c> over an <c>async void Stop</c>: the task ends at the method's first await and
    /// can never hold its exception (an async void method raises it on its context). Awaiting the task would wait for
    /// nothing; the finding is the async void method itself (ASYNC203).
    /// </summary>
    private static bool CallsOnlyAsyncVoidMethod(IAnonymousFunctionOperation lambda)
        => SingleCall(lambda) is { } invocation
           && invocation.Arguments.All(static argument => CallsNothing(argument.Value))
           && IsAsyncVoid(invocation.TargetMethod);

    private static bool IsAsyncVoid(IMethodSymbol method) => method.IsAsync && method.ReturnsVoid;

    /// <summary>A method of this compilation, <c>async</c> or void, whose whole body is a guarding try.</summary>
    private static bool IsGuardedSourceMethod(IMethodSymbol method)
    {
        if (!method.IsAsync && !method.ReturnsVoid)
        {
            // A catch around a Task-returning body observes only what is thrown before the task is returned.
            return false;
        }

        return HasGuardedBody(method) || ForwardsToAGuardedOverload(method);
    }

    private static bool HasGuardedBody(IMethodSymbol method)
    {
        foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
        {
            if (GuardedBody.IsFullyGuarded(reference.GetSyntax()))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>=&gt; PipeTo(task, recipient, false)</c>, <c>public static async Task SafeExecute(Func&lt;Task&gt; action, ILogger logger =
    /// null) =&gt; await SafeExecute(action, logger, () =&gt; "caller");</c>: the whole body hands its arguments (names,
    /// literals, lambdas: nothing is called) to an overload of the same name, and every overload of that name is an
    /// <c>async</c> or void method with a fully guarded body or forwards the same way, one at least being guarded.
    /// Whichever overload the call binds to, nothing escapes it.
    /// </summary>
    private static bool ForwardsToAGuardedOverload(IMethodSymbol method)
    {
        if (!ForwardsToItsOwnName(method))
        {
            return false;
        }

        var guarded = false;
        foreach (var member in method.ContainingType.GetMembers(method.Name))
        {
            if (member is not IMethodSymbol overload)
            {
                return false;
            }

            if ((overload.IsAsync || overload.ReturnsVoid) && HasGuardedBody(overload))
            {
                guarded = true;
            }
            else if (!ForwardsToItsOwnName(overload))
            {
                return false;
            }
        }

        return guarded;

        // The whole body: Name(args), await Name(args)[.ConfigureAwait(…)], or the return of either.
        static bool ForwardsToItsOwnName(IMethodSymbol method)
        {
            if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            var value = MethodBodySyntax.SoleReturnedValue(declaration) ?? MethodBodySyntax.SoleStatementExpression(declaration);
            if (value is AwaitExpressionSyntax awaited)
            {
                value = AwaitSyntax.WithoutConfigureAwait(awaited.Expression);
            }

            return value is InvocationExpressionSyntax { Expression: SimpleNameSyntax name } call
                   && name.Identifier.ValueText == method.Name
                   && call.ArgumentList.Arguments.All(static a => !a.Expression.DescendantNodesAndSelf(static n => n is not AnonymousFunctionExpressionSyntax)
                       .Any(static n => n is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax));
        }
    }

    /// <summary>The value under conversions and delegate creations (<c>Task.Run(Work)</c> → the method reference).</summary>
    public static IOperation? Peel(IOperation? value)
    {
        while (value is IConversionOperation or IDelegateCreationOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IDelegateCreationOperation)value).Target;
        }

        return value;
    }

    /// <summary><c>System.Threading.Tasks.Task</c>, <c>TaskFactory</c>…, by name.</summary>
    public static bool IsTasksType(INamedTypeSymbol? type, string name)
        => type?.Name == name && type.ContainingNamespace.IsNamespace("System.Threading.Tasks");
}
