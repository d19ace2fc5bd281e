using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// ASYNC201: the task-like result of a call is dropped as an expression statement. Covers what the compiler's
/// CS4014 leaves out: synchronous methods and non-async lambdas, <c>?.</c> calls, <c>lock</c> bodies, expression-bodied
/// void members and void lambdas. Where CS4014 already reports, this rule stays silent (its fix serves CS4014 too).
/// Also the inner task of an awaited task of a task (<c>await Task.Factory.StartNew(async () =&gt; …)</c>), which neither
/// the compiler nor the await observes.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC201DroppedTaskAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The <see cref="DiagnosticProperties.Kind"/> of a report on an awaited task of a task: the fix unwraps it.</summary>
    public const string NestedTaskKind = "NestedTask";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ASYNC201);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = AsyncSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var analysis = new CompilationAnalysis(symbols.Family(static s => new DroppedTaskSymbols(s)));
            start.RegisterOperationAction(analysis.AnalyzeExpressionStatement, OperationKind.ExpressionStatement);
        });
    }

    /// <summary>Per-compilation state: the resolved symbols and the callback that uses them.</summary>
    private sealed class CompilationAnalysis
    {
        private readonly DroppedTaskSymbols symbols;

        public CompilationAnalysis(DroppedTaskSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void AnalyzeExpressionStatement(OperationAnalysisContext context)
        {
            var statement = (IExpressionStatementOperation)context.Operation;
            var value = statement.Operation;
            var conditional = false;
            while (value is IConditionalAccessOperation access)
            {
                value = access.WhenNotNull;
                conditional = true;
            }

            if (!conditional && value is IAwaitOperation awaited && symbols.IsTaskLike(awaited.Type))
            {
                AnalyzeAwaitedNestedTask(context, awaited);
                return;
            }

            if (value is not IInvocationOperation invocation || invocation.TargetMethod.ReturnsVoid || !symbols.IsTaskLike(invocation.Type))
            {
                return;
            }

            if (!conditional && CompilerReportsCS4014(invocation, statement, context.ContainingSymbol))
            {
                return;
            }

            var call = DroppedTaskNames.PeelConfigureAwait(invocation);
            if (ConfiguresAHeldTask(call)
                || symbols.IsNotAnUnobservedOperation(call)
                || AsyncContext.EnclosingFunctionOperation(statement) is IAnonymousFunctionOperation lambda && DroppedTaskSymbols.IsRecordedOrQuotedLambda(lambda)
                || DroppedTaskNames.HasErrors(invocation)
                || SchedulesAwaiterContinuation(call, context.ContainingSymbol)
                || IsTeardownOnAFailurePath(call, statement, context.ContainingSymbol)
                || IsLogLineOfASynchronousLogger(call, statement, context.ContainingSymbol)
                || IsBodyOfAForgetHelper(call, statement, context.ContainingSymbol)
                || IsQueuedOnABatchExecutedLater(call, statement)
                || PeerSuppression.SilencesDroppedTask(statement.Syntax, symbols.Common))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC201,
                statement.Operation.Syntax.GetLocation(),
                DroppedTaskNames.Describe(call)));
        }

        /// <summary>
        /// <c>var tran = db.CreateTransaction(); tran.HashSetAsync(key, field, value); … tran.Execute();</c>: on a pipelining
        /// client's batch or transaction an <c>…Async</c> call only queues a command; the <c>Execute</c>/<c>ExecuteAsync</c> that
        /// a later statement of the same block runs sends it and completes (or cancels) the queued task, and its result says
        /// whether the transaction held. The receiver must be a local or parameter of a type named for a batch or a
        /// transaction (<c>ITransaction</c>, <c>IBatch</c>). The same call on the database, or with no later execution, is reported.
        /// </summary>
        private static bool IsQueuedOnABatchExecutedLater(IInvocationOperation call, IOperation statement)
        {
            if (call.Instance?.VariableSymbol() is not { Kind: SymbolKind.Local or SymbolKind.Parameter } batch
                || call.Instance.Type is not { } batchType
                || !(batchType.Name.EndsWith("Batch", StringComparison.Ordinal) || batchType.Name.EndsWith("Transaction", StringComparison.Ordinal))
                || statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            for (var i = block.Operations.IndexOf(statement) + 1; i > 0 && i < block.Operations.Length; i++)
            {
                foreach (var operation in block.Operations[i].DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation { TargetMethod.Name: "Execute" or "ExecuteAsync", Instance: { } instance }
                        && instance.VariableSymbol().Is(batch)
                        && AsyncContext.EnclosingFunctionOperation(operation) == AsyncContext.EnclosingFunctionOperation(statement))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// <c>public static void Forget(this ValueTask task) => task.Preserve();</c>: the fire-and-forget helper's own body drops
        /// (a view of) the task it was given to forget; that is its contract, and its callers' drops are what ASYNC201
        /// already accepts. Only a method named for forgetting, and only a call on its task parameter: a <c>ForgetUser(id)</c>
        /// that drops <c>repository.DeleteAsync(id)</c> keeps the report.
        /// </summary>
        private bool IsBodyOfAForgetHelper(IInvocationOperation call, IOperation statement, ISymbol containingSymbol)
            => containingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
               && method.Name.IndexOf("Forget", System.StringComparison.Ordinal) >= 0
               && call.Instance is IParameterReferenceOperation { Parameter: var parameter }
               && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method)
               && symbols.IsTaskLike(parameter.Type)
               && AsyncContext.EnclosingFunctionOperation(statement) is null;

        /// <summary>
        /// <c>public static void Debug(string message) => logger.DebugAsync(message);</c> in a type named as a logger
        /// (<c>Log</c>, <c>FrameworkLogger</c>), or <c>ILogger.Log</c> handing its line to <c>output.DisplayAsync(…)</c>: a logging
        /// method that is synchronous by contract passes its line to an asynchronous writer. It cannot await, blocking would
        /// stall every caller's log line, and a logger by convention never throws back at its caller. The method's own
        /// body only (not a lambda in it), only a void method named for a log level, and only a writer behind an interface
        /// (a sink, an output device): a logger's <c>Flush()</c> dropping <c>FlushAsync()</c> keeps the report, as do
        /// <c>writer.WriteLineAsync(line)</c> on a shared <c>StreamWriter</c> (the next line's write would race it) and a log
        /// method of a type not named as a logger.
        /// </summary>
        private static bool IsLogLineOfASynchronousLogger(IInvocationOperation call, IOperation statement, ISymbol containingSymbol)
            => containingSymbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsAsync: false, ReturnsVoid: true } method
               && LoggingNames.IsLoggingVerb(method.Name)
               && LoggingNames.NamesLogger(method.ContainingType.Name)
               && call.TargetMethod.Name.EndsWith("Async", System.StringComparison.Ordinal)
               && call.Instance?.Type is { TypeKind: TypeKind.Interface }
               && AsyncContext.EnclosingFunctionOperation(statement) is null;

        /// <summary>
        /// <c>catch { channel.CloseAsync(); throw; }</c>, <c>void ExceptionCaught(ctx, Exception cause) { …; ctx.CloseAsync(); }</c>:
        /// closing, shutting down, disconnecting or aborting on a failure path, in code that did not await it. The failure is
        /// already on its way (rethrown, thrown after, handed to a promise or an error event, or the method is an exception
        /// handler); the teardown is best effort, and its own failure has nowhere better to go. A close on the normal path
        /// (<c>Dispose() =&gt; connection.CloseAsync()</c>) stays reported: its caller expects the resource released.
        /// </summary>
        private static bool IsTeardownOnAFailurePath(IInvocationOperation call, IOperation statement, ISymbol containingSymbol)
        {
            if (!IsTeardownName(call.TargetMethod.Name))
            {
                return false;
            }

            IOperation? function = null;
            for (var current = statement.Parent; current is not null; current = current.Parent)
            {
                if (current is ICatchClauseOperation)
                {
                    return true;
                }

                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    function = current;
                    break;
                }
            }

            var parameters = function switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol.Parameters,
                ILocalFunctionOperation local => local.Symbol.Parameters,
                _ => (containingSymbol as IMethodSymbol)?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty,
            };
            foreach (var parameter in parameters)
            {
                if (parameter.Type.IsExceptionType())
                {
                    return true;
                }
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var index = block.Operations.IndexOf(statement);
            for (var i = 0; i < block.Operations.Length; i++)
            {
                var other = block.Operations[i];
                if (i > index && other is IExpressionStatementOperation { Operation: IThrowOperation } or IThrowOperation)
                {
                    return true;
                }

                if (i < index && other is IExpressionStatementOperation { Operation: IInvocationOperation earlier }
                    && earlier.Arguments.Any(static a => a.Value.Type.IsExceptionType()))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsTeardownName(string name)
            => name.StartsWith("Close", StringComparison.Ordinal) || name.StartsWith("Shutdown", StringComparison.Ordinal)
               || name.StartsWith("Disconnect", StringComparison.Ordinal) || name.StartsWith("Abort", StringComparison.Ordinal);

        /// <summary>
        /// <c>task.ConfigureAwait(false);</c> on a task held in a variable: the statement drops only a configured view of
        /// that task (it configures nothing; the task itself is still in the variable, returned or awaited or reported
        /// by ASYNC202 as it is). No work is lost here, so an "unobserved" report and its await would be wrong.
        /// </summary>
        private static bool ConfiguresAHeldTask(IInvocationOperation call)
            => call.TargetMethod.Name == "ConfigureAwait"
               && GuardedWork.Peel(call.Instance) is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation;

        /// <summary>
        /// <c>await Task.Factory.StartNew(async () =&gt; …);</c>, <c>await t.ContinueWith(async p =&gt; …);</c>: the await waits for
        /// the outer task, which completes when the delegate returns its task, at its first await. The work itself, the inner
        /// task, is dropped. Only for the factories that wrap a task-returning delegate's task in another
        /// (<c>Task.Run</c> unwraps it already); <c>await Task.WhenAny(…)</c> hands back a task that exists anyway.
        /// </summary>
        private void AnalyzeAwaitedNestedTask(OperationAnalysisContext context, IAwaitOperation awaited)
        {
            var awaitedValue = GuardedWork.Peel(awaited.Operation is IInvocationOperation configured ? DroppedTaskNames.PeelConfigureAwait(configured) : awaited.Operation);

            // var t = Task.Factory.StartNew(async () => …); … await t;: the local as it was started, never set again.
            var heldIn = awaitedValue as ILocalReferenceOperation;
            var operand = heldIn is null ? awaitedValue : GuardedWork.Peel(AssignedValue.Initializer(heldIn));

            if (operand is not IInvocationOperation { TargetMethod: { Name: "StartNew" or "ContinueWith" or "ContinueWhenAll" or "ContinueWhenAny" } method } wrapping
                || !symbols.IsTaskLike(method.ReturnType is INamedTypeSymbol { TypeArguments.Length: 1 } outer ? outer.TypeArguments[0] : null)
                || !(GuardedWork.IsTasksType(method.ContainingType, "Task") || GuardedWork.IsTasksType(method.ContainingType, "TaskFactory"))
                || (heldIn is not null && !AssignedValue.All(heldIn).IsEmpty)
                || DroppedTaskNames.HasErrors(wrapping)
                || HandsBackACompletedTask(wrapping)
                || PeerSuppression.SilencesDroppedTask(awaited.Syntax.Parent ?? awaited.Syntax, symbols.Common))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC201,
                awaited.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.Kind, NestedTaskKind),
                DroppedTaskNames.Describe(wrapping) + "'s delegate"));
        }

        /// <summary>
        /// <c>await Task.Delay(d, token).ContinueWith(t =&gt; t, …)</c>, <c>await page.AddScriptTagAsync(…).ContinueWith(_ =&gt;
        /// Task.CompletedTask)</c>: a synchronous continuation whose every return hands back its antecedent (complete by then)
        /// or a completed task. The idiom waits without throwing; the inner task has nothing left to wait for.
        /// </summary>
        private static bool HandsBackACompletedTask(IInvocationOperation continuation)
        {
            foreach (var argument in continuation.Arguments)
            {
                if (GuardedWork.Peel(argument.Value) is not IAnonymousFunctionOperation { Symbol: { IsAsync: false, Parameters.Length: > 0 } } lambda)
                {
                    continue;
                }

                var returns = 0;
                foreach (var operation in lambda.Body.DescendantsAndSelf())
                {
                    if (operation is IReturnOperation { ReturnedValue: { } returned } && !InNestedFunction(operation, lambda))
                    {
                        if (!IsCompleteHere(GuardedWork.Peel(returned), lambda.Symbol.Parameters[0]))
                        {
                            return false;
                        }

                        returns++;
                    }
                }

                return returns > 0;
            }

            return false;
        }

        private static bool IsCompleteHere(IOperation? value, IParameterSymbol antecedent) => value switch
        {
            IParameterReferenceOperation parameter => SymbolEqualityComparer.Default.Equals(parameter.Parameter, antecedent),
            IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } property } => GuardedWork.IsTasksType(property.ContainingType, "Task"),
            IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromResult" or "FromException" or "FromCanceled" } factory } => GuardedWork.IsTasksType(factory.ContainingType, "Task"),
            _ => false,
        };

        private static bool InNestedFunction(IOperation operation, IAnonymousFunctionOperation lambda)
        {
            for (var parent = operation.Parent; parent is not null && !ReferenceEquals(parent, lambda); parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// An awaiter's <c>OnCompleted(Action continuation)</c>/<c>UnsafeOnCompleted</c> starting the continuation it was given
        /// (<see cref="AwaiterContinuation"/>), or a dispatcher or scheduler posting the callback it was handed.
        /// </summary>
        private static bool SchedulesAwaiterContinuation(IInvocationOperation call, ISymbol containingSymbol)
        {
            if (PostsContinuationToScheduler(call) || DispatchesForAContextOrScheduler(call, containingSymbol))
            {
                return true;
            }

            return AwaiterContinuation.IsHandedOverBy(call, containingSymbol);
        }

        /// <summary>
        /// A dispatcher doing its job: a <c>SynchronizationContext.Post</c> override running the callback it was given on the
        /// pool (<c>Task.Run(() => d(state))</c>), or a <c>TaskScheduler</c> running a queued task
        /// (<c>Task.Run(() => TryExecuteTask(task))</c>). <c>Post</c> is fire-and-forget by contract, and a scheduled task keeps
        /// its own exceptions. Only <c>Task.Run</c>/<c>StartNew</c> whose arguments hand over that callback or that task.
        /// </summary>
        private static bool DispatchesForAContextOrScheduler(IInvocationOperation call, ISymbol containingSymbol)
        {
            if (call.TargetMethod.Name is not ("Run" or "StartNew") || containingSymbol is not IMethodSymbol method)
            {
                return false;
            }

            var postCallback = method is { IsOverride: true, Name: "Post", Parameters.Length: 2 } && method.Parameters[0].Type.Name == "SendOrPostCallback"
                ? method.Parameters[0]
                : null;
            var scheduler = IsTaskScheduler(method.ContainingType);
            if (postCallback is null && !scheduler)
            {
                return false;
            }

            foreach (var argument in call.Arguments)
            {
                foreach (var operation in argument.Value.DescendantsAndSelf())
                {
                    if ((postCallback is not null && operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, postCallback))
                        || (scheduler && operation is IInvocationOperation { TargetMethod.Name: "TryExecuteTask" }))
                    {
                        return true;
                    }
                }
            }

            return false;

            static bool IsTaskScheduler(INamedTypeSymbol? type)
            {
                for (var current = type?.BaseType; current is not null; current = current.BaseType)
                {
                    if (current is { Name: "TaskScheduler" } && current.ContainingNamespace.IsNamespace("System.Threading.Tasks"))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// <c>Task.Factory.StartNew(continuation, state, CancellationToken.None, TaskCreationOptions.DenyChildAttach, scheduler)</c>:
        /// the <see cref="TaskScheduler"/> arm of posting an awaiter's continuation to the context it captured (the other arm is
        /// <c>SynchronizationContext.Post</c>). The delegate is a continuation someone handed over (a parameter or field so named),
        /// and it resumes an await that keeps its own exceptions.
        /// </summary>
        private static bool PostsContinuationToScheduler(IInvocationOperation call)
        {
            if (call.TargetMethod.Name != "StartNew")
            {
                return false;
            }

            var continuation = false;
            var scheduler = false;
            foreach (var argument in call.Arguments)
            {
                var value = GuardedWork.Peel(argument.Value);

                // () => callback(state): a lambda that only invokes the handed-over delegate.
                if (value is IAnonymousFunctionOperation { Body.Operations: var body }
                    && body.FirstOrDefault() is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: { } invoked } }
                    && body.Skip(1).All(static o => o is IReturnOperation { ReturnedValue: null }))
                {
                    value = invoked;
                }

                var (name, type) = value switch
                {
                    IParameterReferenceOperation parameter => (parameter.Parameter.Name, parameter.Parameter.Type),
                    IFieldReferenceOperation field => (field.Field.Name, field.Field.Type),
                    ILocalReferenceOperation local => (local.Local.Name, local.Local.Type),
                    _ => (null, null),
                };

                // A continuation someone handed over: named so, or a SynchronizationContext's SendOrPostCallback.
                continuation |= argument.Parameter?.Type.TypeKind == TypeKind.Delegate
                                && (name?.IndexOf("continuation", StringComparison.OrdinalIgnoreCase) >= 0
                                    || type is INamedTypeSymbol { Name: "SendOrPostCallback" });
                scheduler |= argument.Parameter?.Type is INamedTypeSymbol { Name: "TaskScheduler" } && argument.ArgumentKind == ArgumentKind.Explicit;
            }

            return continuation && scheduler;
        }

        /// <summary>
        /// Mirrors the compiler's CS4014 (Binder.CheckForUnobservedAwaitable): an invocation expression statement whose
        /// target is a source <c>async</c> method (in any context), or whose result is awaitable inside an async method,
        /// async lambda, async local function or top-level statements, except where <c>await</c> cannot be written
        /// (lock body, unsafe block). A <c>?.</c> call is never a plain invocation, so CS4014 never reports it.
        /// </summary>
        private static bool CompilerReportsCS4014(IInvocationOperation invocation, IOperation statement, ISymbol containingSymbol)
        {
            if (invocation.TargetMethod.IsAsync)
            {
                return true;
            }

            var inAsyncFunction = AsyncContext.EnclosingFunctionOperation(statement) switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol.IsAsync,
                ILocalFunctionOperation localFunction => localFunction.Symbol.IsAsync,
                _ => containingSymbol is IMethodSymbol method
                     && (method.IsAsync || method.Name == WellKnownMemberNames.TopLevelStatementsEntryPointMethodName),
            };

            return inAsyncFunction && AwaitPosition.WhyAwaitIsForbidden(invocation) is null;
        }
    }
}
