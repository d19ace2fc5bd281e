using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A function body from which no exception can escape: a guard — a <c>try</c> whose catch-all (<c>catch</c>,
/// <c>catch (Exception)</c>, no filter but a fatal-exception check) and <c>finally</c> never throw (a rethrow of fatal
/// exceptions aside), a worker loop on a plain condition whose body
/// is guarded in turn, a <c>foreach</c> over a collection read as it is whose body is guarded, element by element, or a
/// split on a failure the callback was handed (<c>if (error != null) Disconnect(error); else { try { … } catch (Exception e) { Disconnect(e); } }</c>)
/// — with only quiet steps before it (a local set to a literal, <c>using var _ = field;</c>, <c>Interlocked.Increment(ref n);</c>,
/// a service scope or logger of the work's own (<c>using var scope = factory.CreateScope();</c>, <c>GetRequiredService&lt;T&gt;()</c>),
/// <c>if (stopping) return;</c>, a flag set, a log call, a <c>lock</c> around such steps, an argument check, one task
/// started from an <c>…Async</c> call that the guard awaits, the state parameter cast into a local that only the guard
/// uses) and, after it, quiet steps or a completion signal (<c>stopped.Set()</c>, <c>done.TrySetResult(…)</c>, and, where a
/// semantic model tells a TaskCompletionSource, <c>done.SetResult(reply)</c>). An async void callback, background loop or
/// outcome-forwarding helper written this way is deliberate, guarded fire-and-forget: nothing it does can be lost.
/// Syntax only (the model, when given, only types a completed promise): it runs when a diagnostic is about to be reported.
/// </summary>
internal static class GuardedBody
{
    /// <param name="function">A method, local function or anonymous function declaration.</param>
    /// <param name="model">The model of the function's tree, when the caller has one: then <c>tcs.SetResult(value)</c> on a
    /// TaskCompletionSource counts as a completion signal after the guard. Without it only <c>TrySet…</c> does.</param>
    /// <param name="handedContinuation">The parameter that holds an awaiting method's continuation, when the function is an
    /// awaiter's continuation pump (called only from <c>OnCompleted</c> of the awaiter protocol): then the last step after
    /// the guard may hand it on (<c>continuation(state);</c>, see <see cref="HandsOnTheContinuation"/>).</param>
    public static bool IsFullyGuarded(SyntaxNode? function, SemanticModel? model = null, string? handedContinuation = null)
    {
        var body = function switch
        {
            BaseMethodDeclarationSyntax method => method.Body,
            LocalFunctionStatementSyntax local => local.Body,
            AnonymousFunctionExpressionSyntax lambda => lambda.Block,
            _ => null,
        };

        return body is not null && IsGuardedBlock(body, new Scope(function!, model, handedContinuation), depth: 0);
    }

    private static bool IsGuardedBlock(BlockSyntax block, Scope scope, int depth)
    {
        if (depth > 2)
        {
            return false;
        }

        var statements = block.Statements;
        var guard = 0;
        string? startedTask = null;
        var stateCast = -1;
        while (guard < statements.Count && !IsGuard(statements[guard], scope, depth))
        {
            if (IsQuietStep(statements[guard]) || IsArgumentGuard(statements[guard]))
            {
                guard++;
                continue;
            }

            // ExecutionContext? flow = null; if ((flags & FlowExecutionContext) != 0) { flow = ExecutionContext.Capture(); }:
            // a continuation pump capturing the contexts the awaiter protocol asks it to flow to the continuation.
            if (depth == 0 && scope.Continuation is not null && CapturesAContext(statements[guard], scope.Model))
            {
                guard++;
                continue;
            }

            // One task started before the guard and awaited inside it: its failure lands in the guard's catch.
            if (startedTask is null && StartedTaskName(statements[guard]) is { } name)
            {
                startedTask = name;
                guard++;
                continue;
            }

            // var promise = (TaskCompletionSource<int>)state;: the callback's state unpacked, checked below to be used only by the guard.
            if (stateCast < 0 && StateCastName(statements[guard], scope.Function) is not null)
            {
                stateCast = guard;
                guard++;
                continue;
            }

            return false;
        }

        if (guard == statements.Count || (startedTask is not null && !Awaits(statements[guard], startedTask)))
        {
            return false;
        }

        // After the guard: quiet steps, completion signals, and further guards (each step of work in a catch-all of its own).
        for (var i = guard + 1; i < statements.Count; i++)
        {
            if (!IsQuietStep(statements[i]) && !IsSignal(statements[i], scope.Model) && !IsGuard(statements[i], scope, depth)
                && !RearmsItsLoop(statements[i], scope.Function) && !PublishesThroughSelfGuardingMethods(statements[i], scope.Model)
                && !(depth == 0 && i == statements.Count - 1 && scope.Continuation is { } continuation && HandsOnTheContinuation(statements[i], continuation, scope)))
            {
                return false;
            }
        }

        return stateCast < 0 || OnlyTheGuardUses(statements, StateCastName(statements[stateCast], scope.Function)!, stateCast, guard);
    }

    /// <summary>
    /// No statement but the declaration at <paramref name="declared"/>, the guard at <paramref name="guard"/> and the
    /// contract checks before it (<c>Fx.Assert(self.link != null, "…")</c>) names the local.
    /// </summary>
    private static bool OnlyTheGuardUses(SyntaxList<StatementSyntax> statements, string local, int declared, int guard)
    {
        for (var i = 0; i < statements.Count; i++)
        {
            if (i == declared || i == guard || (i < guard && IsArgumentGuard(statements[i])))
            {
                continue;
            }

            foreach (var token in statements[i].DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == local)
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// <c>var promise = (TaskCompletionSource&lt;int&gt;)state;</c> or <c>var self = state as Cache;</c>, a parameter of the
    /// function cast into one local: the name of that local, or null. The cast calls nothing; it fails only when the caller
    /// hands the callback a state of another type (<c>(T)</c> throws, <c>as</c> yields null for the guard to trip on), the
    /// same broken contract an argument check stands for: the code that registers the callback chose the state.
    /// </summary>
    private static string? StateCastName(StatementSyntax statement, SyntaxNode function)
    {
        if (statement is not LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.None, UsingKeyword.RawKind: (int)SyntaxKind.None, Declaration.Variables: { Count: 1 } variables }
            || variables[0].Initializer?.Value is not { } value)
        {
            return null;
        }

        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression;
        }

        var source = value switch
        {
            CastExpressionSyntax cast => cast.Expression,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression } @as => @as.Left,
            _ => null,
        };
        // (Cache)state!: the null-forgiving operator only quiets the compiler.
        while (source is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } forgiven)
        {
            source = forgiven.Operand;
        }

        return source is IdentifierNameSyntax { Identifier.ValueText: var name } && IsParameterOf(function, name)
            ? variables[0].Identifier.ValueText
            : null;
    }

    private static bool IsParameterOf(SyntaxNode function, string name) => function switch
    {
        BaseMethodDeclarationSyntax method => Declares(method.ParameterList, name),
        LocalFunctionStatementSyntax local => Declares(local.ParameterList, name),
        ParenthesizedLambdaExpressionSyntax lambda => Declares(lambda.ParameterList, name),
        AnonymousMethodExpressionSyntax anonymous => anonymous.ParameterList is { } list && Declares(list, name),
        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText == name,
        _ => false,
    };

    private static bool Declares(ParameterListSyntax parameters, string name)
    {
        foreach (var parameter in parameters.Parameters)
        {
            if (parameter.Identifier.ValueText == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsGuard(StatementSyntax statement, Scope scope, int depth) => statement switch
    {
        TryStatementSyntax @try => HasSwallowingCatchAll(@try) && (@try.Finally is null || !Throws(@try.Finally.Block)),

        // PARSE: try { … } catch (Exception e) { log }: a label changes nothing about the guard it names.
        LabeledStatementSyntax labeled => IsGuard(labeled.Statement, scope, depth),
        WhileStatementSyntax { Statement: BlockSyntax loopBody } loop => IsQuietValue(loop.Condition)
                                                                         && IsGuardedBlock(loopBody, scope, depth + 1),

        // foreach (var handler in handlers) { try { handler(); } catch (Exception e) { log } }: guarded one element at a time.
        ForEachStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.None, Statement: BlockSyntax elementBody } each
            => IsQuietSequence(each.Expression) && IsGuardedBlock(elementBody, scope, depth + 1),

        // if (restartWeb) { try { … } catch (Exception e) { log } }: a guarded step taken or skipped on a quiet condition.
        IfStatementSyntax { Else: null } optional => IsQuietValue(optional.Condition) && IsGuardedBranch(optional.Statement, scope, depth),

        // using (message) { try { … } catch (Exception) { } }: disposing what the callback was handed, around the guard
        // (as the quiet step `using var _ = field;` before one).
        UsingStatementSyntax { Declaration: null, Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or IdentifierNameSyntax } } disposing
            => IsGuardedBranch(disposing.Statement, scope, depth),

        // using (var scope = factory.CreateScope()) { …; try { … } catch (Exception e) { log } }, using (logger.BeginScope(…)) { … }:
        // the work's service scope or log scope around the guard, as the quiet steps before one.
        UsingStatementSyntax { Declaration.Variables: { Count: 1 } scoped } scopedUsing
            when scoped[0].Initializer?.Value is InvocationExpressionSyntax opened && IsServiceScopeStep(opened)
            => IsGuardedBranch(scopedUsing.Statement, scope, depth),
        UsingStatementSyntax { Declaration: null, Expression: InvocationExpressionSyntax opened } scopedUsing
            when IsServiceScopeStep(opened)
            => IsGuardedBranch(scopedUsing.Statement, scope, depth),

        // using (cts.Token.Register(listener.Stop)) while (…) { try { … } catch (Exception e) { log } }: a registration that
        // stops the guarded loop's blocking call on cancellation, disposed after it.
        UsingStatementSyntax { Declaration: null, Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Register" or "UnsafeRegister", Expression: var token } } registration } registered
            when IsPlainRead(token) && registration.ArgumentList.Arguments.All(static a => IsQuietValue(a.Expression) || a.Expression is AnonymousFunctionExpressionSyntax)
            => IsGuardedBranch(registered.Statement, scope, depth),

        // if (error != null) { Disconnect(error); } else { try { … } catch (Exception e) { Disconnect(e); } }
        IfStatementSyntax { Else: { } otherwise } split => IsQuietValue(split.Condition)
                                                           && ((IsGuardedBranch(split.Statement, scope, depth) && IsGuardedBranch(otherwise.Statement, scope, depth))
                                                               || IsFailureSplit(split.Statement, otherwise.Statement, scope, depth)
                                                               || IsFailureSplit(otherwise.Statement, split.Statement, scope, depth)),
        _ => false,
    };

    private static bool IsGuardedBranch(StatementSyntax branch, Scope scope, int depth)
        => branch is BlockSyntax block ? IsGuardedBlock(block, scope, depth + 1) : IsGuard(branch, scope, depth + 1);

    /// <summary>
    /// One branch hands a failure the callback was given to the handler the other branch's catch-all calls
    /// (<c>Disconnect(error);</c> beside <c>catch (Exception e) { Disconnect(e); }</c>), with quiet arguments and nothing
    /// else but log calls and <c>return;</c>; the other branch is guarded. The handler is trusted as far as the catch-all
    /// trusts it: if it threw, it would escape from the catch as well.
    /// </summary>
    private static bool IsFailureSplit(StatementSyntax handoff, StatementSyntax guarded, Scope scope, int depth)
    {
        if (!IsGuardedBranch(guarded, scope, depth))
        {
            return false;
        }

        var handled = false;
        foreach (var step in handoff is BlockSyntax steps ? steps.Statements : SyntaxFactory.SingletonList(handoff))
        {
            if (step is ReturnStatementSyntax { Expression: null }
                || (step is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax log } && IsLogCall(log)))
            {
                continue;
            }

            if (step is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
                && HasQuietArguments(call)
                && CatchAllCalls(guarded, call.Expression))
            {
                handled = true;
                continue;
            }

            return false;
        }

        return handled;
    }

    /// <summary>A swallowing catch-all of a <c>try</c> at the top of <paramref name="guarded"/> makes the call <paramref name="callee"/> as a statement.</summary>
    private static bool CatchAllCalls(StatementSyntax guarded, ExpressionSyntax callee)
    {
        foreach (var statement in guarded is BlockSyntax block ? block.Statements : SyntaxFactory.SingletonList(guarded))
        {
            if (statement is not TryStatementSyntax @try)
            {
                continue;
            }

            foreach (var @catch in @try.Catches)
            {
                if (!IsSwallowingCatchAll(@catch))
                {
                    continue;
                }

                foreach (var handling in @catch.Block.Statements)
                {
                    if (handling is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax handler }
                        && SyntaxFactory.AreEquivalent(handler.Expression, callee))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>A collection read as it is (<c>handlers</c>, <c>_subscribers</c>), or viewed with <c>Cast&lt;T&gt;()</c>, <c>OfType&lt;T&gt;()</c>, <c>ToArray()</c>, <c>ToList()</c>.</summary>
    private static bool IsQuietSequence(ExpressionSyntax collection)
        => IsPlainRead(collection)
           || (collection is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax view }
               && view.Name.Identifier.ValueText is "Cast" or "OfType" or "ToArray" or "ToList"
               && IsPlainRead(view.Expression));

    private static bool HasSwallowingCatchAll(TryStatementSyntax @try)
    {
        foreach (var @catch in @try.Catches)
        {
            if (IsSwallowingCatchAll(@catch))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>catch (Exception ex) { log }</c>. Also when it lets only fatal exceptions through: <c>when (!ex.IsFatal())</c>, or a
    /// <c>throw;</c> under <c>if (Fx.IsFatal(ex))</c>. An out-of-memory or access violation is meant to end the process
    /// whether the method is async void or not.
    /// </summary>
    private static bool IsSwallowingCatchAll(CatchClauseSyntax @catch)
    {
        if (!(@catch.Declaration is null || @catch.Declaration.Type is IdentifierNameSyntax { Identifier.ValueText: "Exception" } or QualifiedNameSyntax { Right.Identifier.ValueText: "Exception" }))
        {
            return false;
        }

        var caught = @catch.Declaration?.Identifier.ValueText;
        return (@catch.Filter is null
                || (@catch.Filter.FilterExpression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression, Operand: var check }
                    && IsKindCheck(check, caught, catchable: false))
                || IsKindCheck(@catch.Filter.FilterExpression, caught, catchable: true))
               && !Throws(@catch.Block, caught);
    }

    /// <summary>
    /// <c>ex.IsFatal()</c>, <c>Fx.IsFatal(ex)</c>, <c>ExceptionUtilities.IsCriticalException(ex)</c>: a test, named for fatal or
    /// critical exceptions, of the caught exception <paramref name="caught"/> alone. With <paramref name="catchable"/>, the
    /// test named the other way round (<c>ex.IsCatchableExceptionType()</c>, <c>IsRecoverable(ex)</c>, <c>ex.IsNonFatal()</c>).
    /// </summary>
    private static bool IsKindCheck(ExpressionSyntax condition, string? caught, bool catchable)
    {
        while (condition is ParenthesizedExpressionSyntax parenthesized)
        {
            condition = parenthesized.Expression;
        }

        if (caught is null || condition is not InvocationExpressionSyntax call)
        {
            return false;
        }

        var (name, receiver) = call.Expression switch
        {
            MemberAccessExpressionSyntax access => (access.Name.Identifier.ValueText, access.Expression),
            IdentifierNameSyntax identifier => (identifier.Identifier.ValueText, null),
            _ => (null, null),
        };
        if (name is null || (catchable ? !NamesCatchable(name) : !NamesFatal(name) || NamesCatchable(name)))
        {
            return false;
        }

        var arguments = call.ArgumentList.Arguments;
        return (receiver is IdentifierNameSyntax { Identifier.ValueText: var self } && self == caught && arguments.Count == 0)
               || (arguments.Count == 1 && arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var argument } && argument == caught
                   && (receiver is null || IsPlainRead(receiver)));
    }

    private static bool NamesFatal(string name)
        => name.IndexOf("Fatal", StringComparison.Ordinal) >= 0 || name.IndexOf("Critical", StringComparison.Ordinal) >= 0;

    private static bool NamesCatchable(string name)
        => name.IndexOf("Catchable", StringComparison.Ordinal) >= 0 || name.IndexOf("Recoverable", StringComparison.Ordinal) >= 0
           || name.IndexOf("NonFatal", StringComparison.Ordinal) >= 0 || name.IndexOf("NonCritical", StringComparison.Ordinal) >= 0
           || name.IndexOf("NotFatal", StringComparison.Ordinal) >= 0 || name.IndexOf("NotCritical", StringComparison.Ordinal) >= 0;

    /// <summary>
    /// A step that does not throw by any reasonable expectation: it calls nothing but a logger, creates nothing, and
    /// only reads, compares, adds and assigns (<c>var delayed = false;</c>, <c>using var _ = cts;</c>,
    /// <c>if (info is null) return;</c>, <c>if (ticks &lt; 0) ticks = 0;</c>, <c>sender ??= Nobody;</c>,
    /// <c>_log.LogDebug("started {name}", Name);</c>, <c>lock (gate) { if (busy) return; busy = true; }</c>).
    /// </summary>
    private static bool IsQuietStep(StatementSyntax statement) => statement switch
    {
        LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.None, Declaration.Variables: var variables }
            when All(variables, static v => v.Initializer is null || IsQuietValue(v.Initializer.Value)) => true,

        // var logger = scope.ServiceProvider.GetRequiredService<ILogger<Job>>(); using var scope = factory.CreateScope();:
        // the background work's own services, looked up in a scope of its own before the guard (the documented way to run
        // work after the request). A lookup fails only on a registration missing from the host, as an argument check does.
        LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }
            when variables[0].Initializer?.Value is InvocationExpressionSyntax lookup && IsServiceScopeStep(lookup) => true,

        // using var timeout = new CancellationTokenSource(); (also await using): a fresh source whose disposal does not throw.
        LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables } declaration
            => variables[0].Initializer?.Value is ObjectCreationExpressionSyntax { Type: var created } creation
               && LastName(created) is { } createdName && createdName.IndexOf("Cancellation", StringComparison.Ordinal) >= 0
               && (creation.ArgumentList is null || creation.ArgumentList.Arguments.All(static a => IsQuietValue(a.Expression)))
               && (declaration.AwaitKeyword.RawKind == (int)SyntaxKind.None || declaration.UsingKeyword.RawKind != (int)SyntaxKind.None),

        // await Task.Yield();: a worker loop gives the caller its thread back; the yield cannot fail. Nor can a delay
        // without a token (await Task.Delay(interval);), the pause of a timer loop.
        ExpressionStatementSyntax { Expression: AwaitExpressionSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Task" }, Name.Identifier.ValueText: var pause } } call } }
            => pause switch
            {
                "Yield" => call.ArgumentList.Arguments.Count == 0,
                "Delay" => call.ArgumentList.Arguments.Count == 1 && HasQuietArguments(call),
                _ => false,
            },
        IfStatementSyntax check => IsQuietValue(check.Condition)
                                   && IsQuietOrExit(check.Statement)
                                   && (check.Else is null || IsQuietOrExit(check.Else.Statement)),
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }
            => assignment.Kind() is SyntaxKind.SimpleAssignmentExpression or SyntaxKind.CoalesceAssignmentExpression
                   or SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression
               && IsPlainRead(assignment.Left) && IsQuietValue(assignment.Right),
        ExpressionStatementSyntax { Expression: PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax } step
            => step.Expression.Kind() is SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression
                   or SyntaxKind.PreIncrementExpression or SyntaxKind.PreDecrementExpression
               && step.Expression.ChildNodes().All(static n => n is ExpressionSyntax e && IsPlainRead(e)),

        // Loggers do not throw; neither does an atomic counter step (Interlocked.Increment(ref pending), the ++ of shared state).
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call } => IsLogCall(call) || IsInterlockedStep(call) || IsCancelAfter(call),
        LockStatementSyntax { Statement: BlockSyntax locked } @lock => IsPlainRead(@lock.Expression) && All(locked.Statements, IsQuietStep),
        BlockSyntax block => All(block.Statements, IsQuietStep),
        _ => false,
    };

    /// <summary>
    /// The last step of an awaiter's continuation pump, handing on the continuation it was given: invoked
    /// (<c>continuation(state);</c>, <c>continuation.Invoke(state);</c>, <c>continuation?.Invoke(state);</c>), or scheduled by a
    /// dispatcher that only queues it (<c>ExecutionContext.Run(context, s =&gt; continuation(s), state)</c>,
    /// <c>context.Post(s =&gt; continuation(s), state)</c>, <c>ThreadPool.QueueUserWorkItem(continuation, state, false)</c>, or
    /// packed in the state for a callback of the pump's own type: <c>ExecutionContext.Run(flow, runCallback,
    /// Tuple.Create(continuation, state))</c>), with quiet arguments; or a choice between such hand-offs on a quiet condition. The continuation is the compiler's state
    /// machine resuming the awaiting method, which keeps its exceptions in that method's own task.
    /// </summary>
    private static bool HandsOnTheContinuation(StatementSyntax statement, string continuation, Scope scope) => statement switch
    {
        BlockSyntax { Statements.Count: 1 } block => HandsOnTheContinuation(block.Statements[0], continuation, scope),
        IfStatementSyntax choice => IsQuietValue(choice.Condition)
                                    && HandsOnTheContinuation(choice.Statement, continuation, scope)
                                    && (choice.Else is null || HandsOnTheContinuation(choice.Else.Statement, continuation, scope)),
        ExpressionStatementSyntax { Expression: var handoff } => RunsTheContinuation(handoff, continuation) || SchedulesTheContinuation(handoff, continuation, scope),
        _ => false,
    };

    /// <summary><c>continuation(state)</c>, <c>continuation.Invoke(state)</c>, <c>continuation?.Invoke(state)</c>, with quiet arguments.</summary>
    private static bool RunsTheContinuation(ExpressionSyntax expression, string continuation) => expression switch
    {
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name } } call
            => name == continuation && HasQuietArguments(call),
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Expression: IdentifierNameSyntax { Identifier.ValueText: var name }, Name.Identifier.ValueText: "Invoke" } } call
            => name == continuation && HasQuietArguments(call),
        ConditionalAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name }, WhenNotNull: InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax { Name.Identifier.ValueText: "Invoke" } } call }
            => name == continuation && HasQuietArguments(call),
        _ => false,
    };

    /// <summary>
    /// <c>ExecutionContext.Run(context, callback, state)</c>, <c>context.Post(callback, state)</c> (or <c>Send</c>),
    /// <c>ThreadPool.QueueUserWorkItem(callback, state)</c> (or its <c>Unsafe…</c> form, with a quiet <c>preferLocal</c>) handing
    /// on the continuation: as the callback (itself, a lambda that only runs it, or a delegate made of it) with a quiet state,
    /// or inside the state (<c>Tuple.Create(continuation, state, context)</c>, <c>(continuation, state)</c>,
    /// <c>new Box(continuation, state)</c>) with a callback of the pump's own type fixed at compile time: a method group or
    /// a readonly delegate field (<c>static readonly ContextCallback runCallback = RunCallback;</c>), which unpacks the
    /// state and runs the continuation. That callback is trusted as the pump's own code; telling it needs the model.
    /// </summary>
    private static bool SchedulesTheContinuation(ExpressionSyntax expression, string continuation, Scope scope)
    {
        if (expression is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Expression: var dispatcher, Name.Identifier.ValueText: var verb } } call
            || !IsPlainRead(dispatcher))
        {
            return false;
        }

        // Where the dispatcher takes its callback and its state; any further argument must be quiet.
        var (callbackAt, stateAt) = verb switch
        {
            "Run" when LastName(dispatcher) == "ExecutionContext" => (1, 2),
            "Post" or "Send" => (0, 1),
            "QueueUserWorkItem" or "UnsafeQueueUserWorkItem" when LastName(dispatcher) == "ThreadPool" => (0, 1),
            _ => (-1, -1),
        };
        var arguments = call.ArgumentList.Arguments;
        if (callbackAt < 0 || arguments.Count <= callbackAt)
        {
            return false;
        }

        for (var i = 0; i < arguments.Count; i++)
        {
            if (arguments[i].RefKindKeyword.RawKind != (int)SyntaxKind.None
                || (arguments[i].NameColon is { } named && (i <= stateAt || named.Name.Identifier.ValueText != "preferLocal"))
                || (i != callbackAt && i != stateAt && !IsQuietValue(arguments[i].Expression)))
            {
                return false;
            }
        }

        var callback = arguments[callbackAt].Expression;
        var state = stateAt < arguments.Count ? arguments[stateAt].Expression : null;
        if (IsTheContinuation(callback, continuation))
        {
            return state is null || IsQuietValue(state);
        }

        return state is not null && CarriesTheContinuation(state, continuation, scope.Model)
               && IsOwnFixedCallback(callback, scope);
    }

    /// <summary>
    /// <c>Tuple.Create(continuation, state, context)</c>, <c>(continuation, state)</c>, <c>new Box(continuation, state)</c>:
    /// the continuation itself packed with quiet values into a state that creates nothing else. A constructor of this
    /// project (seen through the model) must only store what it is given.
    /// </summary>
    private static bool CarriesTheContinuation(ExpressionSyntax state, string continuation, SemanticModel? model)
    {
        SeparatedSyntaxList<ArgumentSyntax> items;
        switch (state)
        {
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var tuple, Name.Identifier.ValueText: "Create" } } create
                when IsPlainRead(tuple) && LastName(tuple) == "Tuple":
                items = create.ArgumentList.Arguments;
                break;
            case TupleExpressionSyntax literal:
                items = literal.Arguments;
                break;
            case ObjectCreationExpressionSyntax { ArgumentList: { } list, Initializer: null } creation when StoresOnly(creation, model):
                items = list.Arguments;
                break;
            default:
                return false;
        }

        var carried = false;
        foreach (var item in items)
        {
            if (item.RefKindKeyword.RawKind != (int)SyntaxKind.None)
            {
                return false;
            }

            if (item.Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && name == continuation)
            {
                carried = true;
            }
            else if (!IsQuietValue(item.Expression))
            {
                return false;
            }
        }

        return carried;
    }

    /// <summary>The constructor <paramref name="creation"/> runs is outside this project, or one of its own whose body only stores (quiet steps).</summary>
    private static bool StoresOnly(ObjectCreationExpressionSyntax creation, SemanticModel? model)
    {
        if (model is null || model.SyntaxTree != creation.SyntaxTree || model.GetSymbolInfo(creation).Symbol is not IMethodSymbol constructor)
        {
            return false;
        }

        foreach (var reference in constructor.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is not ConstructorDeclarationSyntax { Initializer: null } declared
                || !(declared.Body is { } body ? All(body.Statements, IsQuietStep)
                    : declared.ExpressionBody?.Expression is { } arrow && IsQuietStep(SyntaxFactory.ExpressionStatement(arrow))))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A callback fixed at compile time in the pump's own type: a method group of it (<c>RunCallback</c>,
    /// <c>this.RunCallback</c>, <c>Source.RunCallback</c>) or a readonly delegate field of it. Needs the model.
    /// </summary>
    private static bool IsOwnFixedCallback(ExpressionSyntax callback, Scope scope)
    {
        if (scope.Model is not { } model || model.SyntaxTree != callback.SyntaxTree
            || callback is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Expression: ThisExpressionSyntax or IdentifierNameSyntax })
            || model.GetDeclaredSymbol(scope.Function) is not { ContainingType: { } own })
        {
            return false;
        }

        var info = model.GetSymbolInfo(callback);
        var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
        return symbol switch
        {
            IMethodSymbol method => SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, own.OriginalDefinition),
            IFieldSymbol field => field.IsReadOnly && field.Type.TypeKind == TypeKind.Delegate
                                  && SymbolEqualityComparer.Default.Equals(field.ContainingType?.OriginalDefinition, own.OriginalDefinition),
            _ => false,
        };
    }

    /// <summary>
    /// Before the guard of a continuation pump: a local declared or assigned the context the continuation is to run in
    /// (<c>ExecutionContext.Capture()</c>, <c>SynchronizationContext.Current</c>, <c>TaskScheduler.Current</c>) or a quiet
    /// value, also under an <c>if</c> whose condition calls nothing (a test of the protocol's flags). Capturing returns
    /// null when there is nothing to flow; it does not throw.
    /// </summary>
    private static bool CapturesAContext(StatementSyntax statement, SemanticModel? model) => statement switch
    {
        LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.None, UsingKeyword.RawKind: (int)SyntaxKind.None, Declaration.Variables: var variables }
            => All(variables, v => v.Initializer is null || IsQuietValue(v.Initializer.Value) || IsContextCapture(v.Initializer.Value, model)),
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Left: IdentifierNameSyntax, Right: var value } }
            => IsQuietValue(value) || IsContextCapture(value, model),
        IfStatementSyntax { Else: null } check => IsQuietValue(check.Condition) && CapturesAContext(check.Statement, model),
        BlockSyntax block => All(block.Statements, s => CapturesAContext(s, model)),
        _ => false,
    };

    /// <summary>
    /// <c>ExecutionContext.Capture()</c>, <c>SynchronizationContext.Current</c>, <c>TaskScheduler.Current</c> (also qualified
    /// with <c>System.Threading</c>); with a model, only the framework's.
    /// </summary>
    private static bool IsContextCapture(ExpressionSyntax value, SemanticModel? model)
    {
        var (type, member) = value switch
        {
            InvocationExpressionSyntax { ArgumentList.Arguments.Count: 0, Expression: MemberAccessExpressionSyntax { Expression: var receiver, Name: IdentifierNameSyntax { Identifier.ValueText: "Capture" } } }
                => (receiver, "Capture"),
            MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression, Expression: var receiver, Name: IdentifierNameSyntax { Identifier.ValueText: "Current" } }
                => (receiver, "Current"),
            _ => (null, null),
        };
        if (type is null || !IsPlainRead(type)
            || !(LastName(type) switch
            {
                "ExecutionContext" => member == "Capture",
                "SynchronizationContext" or "TaskScheduler" => member == "Current",
                _ => false,
            }))
        {
            return false;
        }

        if (model is null || model.SyntaxTree != value.SyntaxTree)
        {
            return true;
        }

        var home = model.GetSymbolInfo(value).Symbol?.ContainingType?.ContainingNamespace;
        return home.IsNamespace("System.Threading") || home.IsNamespace("System.Threading.Tasks");
    }

    /// <summary><c>continuation</c>, <c>s =&gt; continuation(s)</c>, <c>() =&gt; { continuation(); }</c>, <c>new SendOrPostCallback(continuation)</c>.</summary>
    private static bool IsTheContinuation(ExpressionSyntax value, string continuation) => value switch
    {
        IdentifierNameSyntax { Identifier.ValueText: var name } => name == continuation,
        AnonymousFunctionExpressionSyntax { ExpressionBody: { } body } => RunsTheContinuation(body, continuation),
        AnonymousFunctionExpressionSyntax { Block.Statements: { Count: 1 } only } => only[0] is ExpressionStatementSyntax { Expression: var body } && RunsTheContinuation(body, continuation),
        ObjectCreationExpressionSyntax { ArgumentList.Arguments: { Count: 1 } wrapped, Initializer: null } => wrapped[0].Expression is IdentifierNameSyntax { Identifier.ValueText: var name } && name == continuation,
        _ => false,
    };

    /// <summary>
    /// <c>Loop(client);</c> as the last step of the work that <c>Loop</c> starts (<c>void Loop(c) =&gt; Task.Run(async () =&gt;
    /// { await Task.Delay(interval); try { … } catch (Exception e) { log } Loop(c); });</c>): the timer loop re-arms itself
    /// by starting the same guarded work again.
    /// </summary>
    private static bool RearmsItsLoop(StatementSyntax statement, SyntaxNode function)
        => statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: var name } } call }
           && function is AnonymousFunctionExpressionSyntax
           && function.FirstAncestorOrSelf<MethodDeclarationSyntax>() is { Identifier.ValueText: var method }
           && name == method
           && HasQuietArguments(call);

    /// <summary>
    /// <c>factory.CreateScope()</c>, <c>CreateAsyncScope()</c>, <c>scope.ServiceProvider.GetRequiredService&lt;T&gt;()</c>,
    /// <c>GetService</c>, <c>loggerFactory.CreateLogger("…")</c>, <c>logger.BeginScope("… {Id}", id)</c>: on a plain read, with
    /// quiet arguments. Dependency injection and logging set up the work; they do not do it.
    /// </summary>
    private static bool IsServiceScopeStep(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Expression: var receiver, Name: var name }
           && name.Identifier.ValueText is "CreateScope" or "CreateAsyncScope" or "GetRequiredService" or "GetService"
               or "GetRequiredKeyedService" or "GetKeyedService" or "CreateLogger" or "BeginScope"
           && IsPlainRead(receiver)
           && HasQuietArguments(call);

    /// <summary><c>timeout.CancelAfter(TimeSpan.FromMinutes(2))</c>, <c>timeout.CancelAfter(ms)</c>: arming a deadline on a source only schedules a timer.</summary>
    private static bool IsCancelAfter(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CancelAfter", Expression: var source }
           && IsPlainRead(source)
           && call.ArgumentList.Arguments.Count == 1
           && call.ArgumentList.Arguments[0].Expression is var delay
           && (IsQuietValue(delay)
               || (delay is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "TimeSpan" } } } span
                   && HasQuietArguments(span)));

    /// <summary><c>Interlocked.Increment(ref count)</c>, <c>Interlocked.Add(ref total, 1)</c>: on a field or local, with a quiet operand.</summary>
    private static bool IsInterlockedStep(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: var step, Expression: var type }
           && ((step is "Increment" or "Decrement" or "Add" or "Exchange" && LastName(type) == "Interlocked")
               || (step == "Write" && LastName(type) == "Volatile"))
           && call.ArgumentList.Arguments.Count is 1 or 2
           && call.ArgumentList.Arguments[0] is { RefKindKeyword.RawKind: (int)SyntaxKind.RefKeyword, Expression: var target } && IsPlainRead(target)
           && (call.ArgumentList.Arguments.Count == 1 || IsQuietValue(call.ArgumentList.Arguments[1].Expression));

    /// <summary>
    /// A check of an argument before the guard (<c>ArgumentNullException.ThrowIfNull(task);</c>,
    /// <c>_ = task ?? throw new ArgumentNullException(nameof(task));</c>, <c>if (task is null) throw new ArgumentNullException(…);</c>):
    /// it throws only when the caller breaks the contract, before any work starts. <c>Debug.Assert(message is not null);</c> too,
    /// and any <c>X.Assert(…)</c> of plain values.
    /// </summary>
    private static bool IsArgumentGuard(StatementSyntax statement) => statement switch
    {
        // Debug.Assert(message is not null): a contract check like the others, and no exception in a release build. So is a
        // project's own assertion helper (Fx.Assert, Contract.Assert), usually [Conditional("DEBUG")] as well.
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Assert", Expression: var debug } } assertion }
            when IsPlainRead(debug) => HasQuietArguments(assertion),
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax type, Name.Identifier.ValueText: var name } } call }
            => IsArgumentExceptionName(type.Identifier.ValueText) && name.StartsWith("ThrowIf", StringComparison.Ordinal) && HasQuietArguments(call),
        ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "_" }, Right: BinaryExpressionSyntax coalesce } }
            => coalesce.IsKind(SyntaxKind.CoalesceExpression) && IsPlainRead(coalesce.Left)
               && coalesce.Right is ThrowExpressionSyntax { Expression: var thrown } && IsArgumentExceptionCreation(thrown),

        IfStatementSyntax { Else: null } check => IsQuietValue(check.Condition) && check.Statement switch
        {
            ThrowStatementSyntax { Expression: { } thrown } => IsArgumentExceptionCreation(thrown),
            BlockSyntax { Statements: { Count: 1 } inner } => inner[0] is ThrowStatementSyntax { Expression: { } thrown } && IsArgumentExceptionCreation(thrown),
            _ => false,
        },
        _ => false,
    };

    private static bool IsArgumentExceptionCreation(ExpressionSyntax thrown)
        => thrown is ObjectCreationExpressionSyntax { Type: var type } creation
           && type switch { SimpleNameSyntax simple => simple.Identifier.ValueText, QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText, _ => null } is { } name
           && IsArgumentExceptionName(name)
           && (creation.ArgumentList is null || creation.ArgumentList.Arguments.All(static a => IsQuietValue(a.Expression)));

    private static bool IsArgumentExceptionName(string name)
        => name is "ArgumentNullException" or "ArgumentException" or "ArgumentOutOfRangeException";

    /// <summary><c>var task = client.ConnectAsync(token);</c>: a local started from an <c>…Async</c> call whose arguments call nothing.</summary>
    private static string? StartedTaskName(StatementSyntax statement)
        => statement is LocalDeclarationStatementSyntax { AwaitKeyword.RawKind: (int)SyntaxKind.None, Declaration.Variables: { Count: 1 } variables }
           && variables[0].Initializer?.Value is InvocationExpressionSyntax call
           && call.Expression switch
           {
               MemberAccessExpressionSyntax access => IsPlainRead(access.Expression) && access.Name.Identifier.ValueText.EndsWith("Async", StringComparison.Ordinal),
               IdentifierNameSyntax name => name.Identifier.ValueText.EndsWith("Async", StringComparison.Ordinal),
               _ => false,
           }
           && HasQuietArguments(call)
               ? variables[0].Identifier.ValueText
               : null;

    /// <summary>The guard awaits the local (<c>await task</c>, <c>await task.ConfigureAwait(false)</c>).</summary>
    private static bool Awaits(StatementSyntax guard, string local)
    {
        foreach (var node in guard.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is AwaitExpressionSyntax awaited && AwaitedName(awaited.Expression) == local)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The identifier awaited by <c>await x</c> or <c>await x.ConfigureAwait(...)</c>, or null.</summary>
    public static string? AwaitedName(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } configure })
        {
            expression = configure.Expression;
        }

        return expression is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText : null;
    }

    /// <summary>
    /// The name of the method a function only awaits (<c>async void OnTick(object s) { await CallAsync((string)s, true); }</c>),
    /// when its arguments call nothing (casts and reads only); otherwise null.
    /// </summary>
    public static string? OnlyAwaitedCallee(SyntaxNode? function)
    {
        var (block, arrow) = function switch
        {
            BaseMethodDeclarationSyntax method => (method.Body, method.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax local => (local.Body, local.ExpressionBody?.Expression),
            _ => (null, null),
        };
        // A static callback first unpacks its state into its own type (var self = (Cache)state;) and awaits on that.
        string? self = null;
        var statements = block?.Statements ?? default;
        if (block is not null && statements.Count == 2 && StateCastName(statements[0], function!) is { } unpacked
            && function!.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type
            && CastTypeName(statements[0]) == type.Identifier.ValueText)
        {
            self = unpacked;
        }

        var awaited = arrow ?? (statements.Count == (self is null ? 1 : 2) && statements[statements.Count - 1] is ExpressionStatementSyntax { Expression: var single } ? single : null);
        if (awaited is not AwaitExpressionSyntax { Expression: var expression })
        {
            return null;
        }

        if (AwaitSyntax.WithoutConfigureAwait(expression) is not InvocationExpressionSyntax call || !call.ArgumentList.Arguments.All(static a => IsQuietValue(a.Expression) || IsCastOfRead(a.Expression)))
        {
            return null;
        }

        return call.Expression switch
        {
            IdentifierNameSyntax name when self is null => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } when self is null => name.Identifier.ValueText,
            MemberAccessExpressionSyntax { Expression: var receiver, Name: var name } when self is not null && IsPlainRead(receiver)
                                                                                      && receiver is IdentifierNameSyntax or PostfixUnaryExpressionSyntax
                                                                                      && receiver.ToString().TrimEnd('!') == self
                => name.Identifier.ValueText,
            _ => null,
        };
    }

    /// <summary>The simple name of the type a state cast unpacks into: <c>Cache</c> in <c>var self = (Cache)state;</c> or <c>state as Cache</c>.</summary>
    private static string? CastTypeName(StatementSyntax statement)
    {
        var value = (statement as LocalDeclarationStatementSyntax)?.Declaration.Variables[0].Initializer?.Value;
        while (value is ParenthesizedExpressionSyntax parenthesized)
        {
            value = parenthesized.Expression;
        }

        var type = value switch
        {
            CastExpressionSyntax cast => cast.Type,
            BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AsExpression, Right: TypeSyntax target } => target,
            _ => null,
        };

        return type switch
        {
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => null,
        };
    }

    private static bool IsCastOfRead(ExpressionSyntax value) => value is CastExpressionSyntax cast && IsPlainRead(cast.Expression);

    private static bool IsQuietOrExit(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax { Expression: null } or BreakStatementSyntax or ContinueStatementSyntax => true,
        BlockSyntax block => All(block.Statements, IsQuietOrExit),
        _ => IsQuietStep(statement),
    };

    /// <summary>
    /// <c>stopped.Set();</c>, <c>done.TrySetResult(true);</c>: telling a waiter that the work has ended. With a model,
    /// also <c>tcs.SetResult(reply);</c> on a TaskCompletionSource: it throws only when the promise is complete already,
    /// which a promise this callback is there to complete is not (the same reading as <see cref="GuardedWork"/>'s).
    /// </summary>
    private static bool IsSignal(StatementSyntax statement, SemanticModel? model)
        => statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } access } call }
           && IsPlainRead(access.Expression)
           && HasQuietArguments(call)
           && (name is "Set" or "TrySetResult" or "TrySetCanceled" or "TrySetException"
               || (name is "SetResult" or "SetException" or "SetCanceled" && model is not null && model.SyntaxTree == statement.SyntaxTree
                   && model.GetTypeInfo(access.Expression).Type is INamedTypeSymbol promise
                   && GuardedWork.IsTasksType(promise.OriginalDefinition, "TaskCompletionSource")));

    /// <summary>
    /// <c>observer.OnNext(result);</c> after the guard, where a semantic model tells the callee: a method of this project that
    /// no other body can replace (not virtual, abstract or an interface's) and whose own body is fully guarded (Rx-style
    /// observers whose <c>OnNext</c> is <c>try { OnNextCore(value); } catch (Exception e) { … }</c>), called on a plain read with
    /// quiet arguments. The callee is read without a model, so one call is followed, not a chain.
    /// </summary>
    private static bool PublishesThroughSelfGuardingMethods(StatementSyntax statement, SemanticModel? model) => statement switch
    {
        // if (!token.IsCancellationRequested) { observer.OnNext(value); observer.OnCompleted(); }
        IfStatementSyntax check => model is not null && IsQuietValue(check.Condition)
                                   && PublishesThroughSelfGuardingMethods(check.Statement, model)
                                   && (check.Else is null || PublishesThroughSelfGuardingMethods(check.Else.Statement, model)),
        BlockSyntax block => block.Statements.Count > 0
                             && All(block.Statements, s => IsQuietStep(s) || PublishesThroughSelfGuardingMethods(s, model)),
        _ => CallsASelfGuardingMethod(statement, model),
    };

    private static bool CallsASelfGuardingMethod(StatementSyntax statement, SemanticModel? model)
        => model is not null && model.SyntaxTree == statement.SyntaxTree
           && statement is ExpressionStatementSyntax { Expression: InvocationExpressionSyntax call }
           && QuietlyCalledDeclaration(call, model) is { } declaration
           && (IsFullyGuarded(declaration) || ForwardsToASelfGuardingMethod(declaration, model.Compilation));

    /// <summary>
    /// <c>public static void OnCompleted&lt;T&gt;(this Observer&lt;T&gt; observer) =&gt; observer.OnCompleted(Result.Success);</c>: an
    /// overload whose whole body hands on to a self-guarding method, with quiet arguments. One hop.
    /// </summary>
    private static bool ForwardsToASelfGuardingMethod(MethodDeclarationSyntax declaration, Compilation compilation)
        => MethodBodySyntax.SoleStatementExpression(declaration) is InvocationExpressionSyntax call
           && compilation.ContainsSyntaxTree(call.SyntaxTree)
           && QuietlyCalledDeclaration(call, compilation.GetSemanticModel(call.SyntaxTree)) is { } target
           && IsFullyGuarded(target);

    /// <summary>
    /// The declaration of the method a call with quiet arguments on a plain read runs: one body of this project that no other
    /// can replace (not async, virtual, abstract, extern or an interface's). Null otherwise.
    /// </summary>
    private static MethodDeclarationSyntax? QuietlyCalledDeclaration(InvocationExpressionSyntax call, SemanticModel model)
    {
        if (!HasQuietArguments(call)
            || (call.Expression is MemberAccessExpressionSyntax { Expression: var receiver } && !IsPlainRead(receiver))
            || model.GetSymbolInfo(call).Symbol is not IMethodSymbol { IsAsync: false } callee
            || !callee.RunsOnlyItsOwnBody()
            || callee.ContainingType?.TypeKind == TypeKind.Interface
            || callee.OriginalDefinition.DeclaringSyntaxReferences is not { Length: 1 } references)
        {
            return null;
        }

        return references[0].GetSyntax() as MethodDeclarationSyntax;
    }

    /// <summary>A log call whose arguments call nothing either.</summary>
    private static bool IsLogCall(InvocationExpressionSyntax call) => (IsLoggerCall(call) || IsConsoleLine(call)) && HasQuietArguments(call);

    /// <summary>
    /// <c>_log.Debug(…)</c>, <c>logger.LogWarning(…)</c>, <c>this.auditLogger.Info(…)</c>: a logging verb on a logger.
    /// <c>log.Write(…)</c> too, on a receiver named just <c>log</c> or <c>logger</c> (a <c>journalLog.Write</c> may be storage).
    /// </summary>
    public static bool IsLoggerCall(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: var verb }
           && IsPlainRead(receiver)
           && LastName(receiver) is { } name && LoggingNames.NamesLogger(name)
           && (LoggingNames.IsLoggingVerb(verb) || (verb is "Write" or "WriteLine" && name.TrimStart('_') is "log" or "Log" or "logger" or "Logger"));

    /// <summary><c>Console.WriteLine(…)</c>, <c>Console.Error.WriteLine(…)</c>, <c>Debug.WriteLine(…)</c>: a program's plainest log, quiet beside a guard.</summary>
    private static bool IsConsoleLine(InvocationExpressionSyntax call)
        => call.Expression is MemberAccessExpressionSyntax { Expression: var receiver, Name.Identifier.ValueText: "WriteLine" }
           && IsConsoleOrTrace(receiver);

    /// <summary><c>Console</c>, <c>Console.Error</c>, <c>Console.Out</c>, <c>Debug</c>, <c>Trace</c>: a program's plainest log.</summary>
    private static bool IsConsoleOrTrace(ExpressionSyntax receiver) => receiver switch
    {
        IdentifierNameSyntax { Identifier.ValueText: "Console" or "Debug" or "Trace" } => true,
        MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Console" }, Name.Identifier.ValueText: "Error" or "Out" } => true,
        _ => false,
    };

    private static string? LastName(ExpressionSyntax expression) => expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        _ => null,
    };

    private static bool HasQuietArguments(InvocationExpressionSyntax call)
    {
        foreach (var argument in call.ArgumentList.Arguments)
        {
            if (!IsQuietValue(argument.Expression))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A value that calls and creates nothing: literals, names, member reads (also through <c>?.</c>), comparisons, logic,
    /// <c>??</c>, <c>?:</c>, <c>is null</c>, sums and products (not division), <c>$"…{name}"</c>, <c>nameof</c>.
    /// </summary>
    private static bool IsQuietValue(ExpressionSyntax value) => value switch
    {
        LiteralExpressionSyntax or DefaultExpressionSyntax or TypeOfExpressionSyntax => true,
        _ when IsPlainRead(value) => true,
        ParenthesizedExpressionSyntax parenthesized => IsQuietValue(parenthesized.Expression),
        PrefixUnaryExpressionSyntax unary => unary.Kind() is SyntaxKind.LogicalNotExpression or SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression
                                             && IsQuietValue(unary.Operand),
        BinaryExpressionSyntax binary => binary.Kind() is not (SyntaxKind.DivideExpression or SyntaxKind.ModuloExpression or SyntaxKind.AsExpression or SyntaxKind.IsExpression)
                                         && IsQuietValue(binary.Left) && IsQuietValue(binary.Right),
        ConditionalExpressionSyntax conditional => IsQuietValue(conditional.Condition) && IsQuietValue(conditional.WhenTrue) && IsQuietValue(conditional.WhenFalse),
        ConditionalAccessExpressionSyntax access => IsQuietValue(access.Expression) && access.WhenNotNull is MemberBindingExpressionSyntax,
        IsPatternExpressionSyntax pattern => IsQuietPattern(pattern.Pattern) && IsQuietValue(pattern.Expression),
        InterpolatedStringExpressionSyntax interpolated => All(interpolated.Contents, static c => c is not InterpolationSyntax hole || IsQuietValue(hole.Expression)),
        InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } => true,

        // Array.Empty<byte>(): a shared empty array.
        InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Array" }, Name: GenericNameSyntax { Identifier.ValueText: "Empty" } }, ArgumentList.Arguments.Count: 0 } => true,

        // if (Interlocked.Exchange(ref completed, 1) != 0) return;: an atomic step cannot throw.
        InvocationExpressionSyntax atomic => IsInterlockedStep(atomic),

        // var buffer = new byte[65536];: an array of a literal or read size fails only when memory runs out, like new object().
        ArrayCreationExpressionSyntax array => array.Initializer is null
                                               && All(array.Type.RankSpecifiers, static rank => All(rank.Sizes, static size => size is LiteralExpressionSyntax || IsPlainRead(size))),
        _ => false,
    };

    /// <summary><c>is null</c>, <c>is not 0</c>, <c>is long ticks</c>, <c>is &gt; 0</c>: a test that cannot throw.</summary>
    private static bool IsQuietPattern(PatternSyntax pattern) => pattern switch
    {
        ConstantPatternSyntax constant => constant.Expression is LiteralExpressionSyntax,
        RelationalPatternSyntax relational => relational.Expression is LiteralExpressionSyntax,
        DeclarationPatternSyntax or TypePatternSyntax or DiscardPatternSyntax => true,
        UnaryPatternSyntax unary => IsQuietPattern(unary.Pattern),
        BinaryPatternSyntax binary => IsQuietPattern(binary.Left) && IsQuietPattern(binary.Right),
        ParenthesizedPatternSyntax parenthesized => IsQuietPattern(parenthesized.Pattern),
        _ => false,
    };

    /// <summary>A name, <c>this.name</c>, <c>a.b</c>, <c>a!</c>, or <c>!</c> of one: no call anywhere.</summary>
    public static bool IsPlainRead(ExpressionSyntax value) => value switch
    {
        IdentifierNameSyntax => true,
        ThisExpressionSyntax => true,
        MemberAccessExpressionSyntax { RawKind: (int)SyntaxKind.SimpleMemberAccessExpression } access => IsPlainRead(access.Expression),
        PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not => IsPlainRead(not.Operand),
        ParenthesizedExpressionSyntax parenthesized => IsPlainRead(parenthesized.Expression),
        PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } forgiven => IsPlainRead(forgiven.Operand),
        _ => false,
    };

    /// <param name="caught">The catch's exception variable: a <c>throw;</c> that only a fatal check of it reaches does not count.</param>
    private static bool Throws(BlockSyntax block, string? caught = null)
    {
        foreach (var node in block.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ThrowExpressionSyntax || (node is ThrowStatementSyntax thrown && !IsFatalRethrow(thrown, caught)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>if (Fx.IsFatal(ex)) { throw; }</c> (or <c>throw;</c> alone as the if's statement), with no else.</summary>
    private static bool IsFatalRethrow(ThrowStatementSyntax thrown, string? caught)
    {
        if (thrown.Expression is not null)
        {
            return false;
        }

        var owner = thrown.Parent is BlockSyntax { Statements.Count: 1 } only ? only.Parent : thrown.Parent;
        return owner is IfStatementSyntax { Else: null } check && IsKindCheck(check.Condition, caught, catchable: false);
    }

    /// <summary>
    /// The function whose body is read (its parameters are the state a cast may unpack), the model, if any, and the
    /// parameter holding an awaiter's continuation, if the function pumps one.
    /// </summary>
    private readonly struct Scope
    {
        public Scope(SyntaxNode function, SemanticModel? model, string? continuation)
        {
            Function = function;
            Model = model;
            Continuation = continuation;
        }

        public SyntaxNode Function { get; }

        public SemanticModel? Model { get; }

        public string? Continuation { get; }
    }

    private static bool All<T>(SyntaxList<T> nodes, Func<T, bool> predicate)
        where T : SyntaxNode
    {
        foreach (var node in nodes)
        {
            if (!predicate(node))
            {
                return false;
            }
        }

        return true;
    }

    private static bool All<T>(SeparatedSyntaxList<T> nodes, Func<T, bool> predicate)
        where T : SyntaxNode
    {
        foreach (var node in nodes)
        {
            if (!predicate(node))
            {
                return false;
            }
        }

        return true;
    }
}
