using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC102: blocking wait primitives inside an async context. <c>Task.WaitAll</c>/<c>Task.WaitAny</c> (every overload,
/// including the <c>params ReadOnlySpan&lt;Task&gt;</c> one) with a fix to <c>await Task.WhenAll/WhenAny</c>; and the
/// known-blocking synchronization waits (<c>ManualResetEventSlim.Wait</c>, <c>WaitHandle.WaitOne/WaitAll/WaitAny</c>,
/// <c>Monitor.Wait</c>, <c>Thread.Join</c>, <c>CountdownEvent.Wait</c>, <c>Barrier.SignalAndWait</c>,
/// <c>BlockingCollection&lt;T&gt;.Take</c>, <c>SpinWait.SpinUntil</c>), reported with the async replacement to use and
/// no automatic fix. Zero-timeout probes never block and are not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC102BlockingWaitPrimitiveAnalyzer : DiagnosticAnalyzer
{
    private const string TaskCompletionSourceReplacement = "a TaskCompletionSource (await tcs.Task)";
    private const string SemaphoreReplacement = "SemaphoreSlim.WaitAsync";
    private const string ChannelReplacement = "Channel<T> (await reader.ReadAsync())";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ASYNC102);

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

            var analysis = new CompilationAnalysis(symbols.Family(WaitSymbols.Create), symbols.Family(TaskCompletion.Create));
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly WaitSymbols symbols;
        private readonly TaskCompletion completion;

        public CompilationAnalysis(WaitSymbols symbols, TaskCompletion completion)
        {
            this.symbols = symbols;
            this.completion = completion;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;

            // The name before the containing type (each case asks it only once the name matched): a constructed method's
            // containing type, every LINQ call's, is one more object to load on every call of this callback.
            INamedTypeSymbol? Type() => method.ContainingType?.OriginalDefinition;
            switch (method.Name)
            {
                case "WaitAll" or "WaitAny" when method.IsStatic && Type().Is(symbols.Task):
                    AnalyzeTaskWait(context, invocation, method.Name == "WaitAll");
                    return;

                case "WaitAll" or "WaitAny" or "SignalAndWait" when method.IsStatic && Type().Is(symbols.WaitHandle):
                    var handleReplacement = method.Name == "WaitAll" ? "await Task.WhenAll over TaskCompletionSource tasks"
                        : method.Name == "WaitAny" ? "await Task.WhenAny over TaskCompletionSource tasks"
                        : TaskCompletionSourceReplacement;
                    ReportKnownWait(context, invocation, "WaitHandle." + method.Name, handleReplacement);
                    return;

                case "WaitOne" when !method.IsStatic && invocation.Instance is { } handle && handle.Type.InheritsFromOrEquals(symbols.WaitHandle):
                    var handleType = handle.Type!;
                    var replacement = handleType.InheritsFromOrEquals(symbols.Mutex) ? "SemaphoreSlim(1, 1).WaitAsync"
                        : handleType.InheritsFromOrEquals(symbols.Semaphore) ? SemaphoreReplacement
                        : handleType.Name == "AutoResetEvent" ? SemaphoreReplacement + " (a SemaphoreSlim(0, 1) as an async auto-reset event)"
                        : TaskCompletionSourceReplacement;
                    var isEvent = !handleType.InheritsFromOrEquals(symbols.Mutex) && !handleType.InheritsFromOrEquals(symbols.Semaphore);
                    ReportKnownWait(context, invocation, handleType.Name + ".WaitOne", replacement, waitsForASignal: isEvent);
                    return;

                case "Wait" when !method.IsStatic && Type().Is(symbols.ManualResetEventSlim):
                    ReportKnownWait(context, invocation, "ManualResetEventSlim.Wait", TaskCompletionSourceReplacement, waitsForASignal: true);
                    return;

                case "Wait" when !method.IsStatic && Type().Is(symbols.CountdownEvent):
                    ReportKnownWait(context, invocation, "CountdownEvent.Wait", "await Task.WhenAll over the counted tasks");
                    return;

                case "Wait" when method.IsStatic && Type().Is(symbols.Monitor):
                    ReportKnownWait(context, invocation, "Monitor.Wait", SemaphoreReplacement + " or a TaskCompletionSource");
                    return;

                case "Join" when !method.IsStatic && Type().Is(symbols.Async.Thread):
                    if (!FollowsAStopSignal(invocation))
                    {
                        ReportKnownWait(context, invocation, "Thread.Join", "await the work as a Task (Task.Run) instead of joining a thread");
                    }

                    return;

                case "SignalAndWait" when !method.IsStatic && Type().Is(symbols.Barrier):
                    ReportKnownWait(context, invocation, "Barrier.SignalAndWait", "a TaskCompletionSource per phase (await tcs.Task)");
                    return;

                case "Take" or "TakeFromAny" when Type().Is(symbols.BlockingCollection):
                    ReportKnownWait(context, invocation, "BlockingCollection<T>." + method.Name, ChannelReplacement, alwaysBlocks: true);
                    return;

                case "TryTake" or "TryTakeFromAny" when Type().Is(symbols.BlockingCollection):
                    // Without a timeout TryTake returns at once: only a timed TryTake waits.
                    if (WaitArguments.Timeout(invocation, symbols.TimeSpan) is not null)
                    {
                        ReportKnownWait(context, invocation, "BlockingCollection<T>." + method.Name, ChannelReplacement);
                    }

                    return;

                case "GetConsumingEnumerable" when !method.IsStatic && Type().Is(symbols.BlockingCollection) && IsForEachCollection(invocation):
                    ReportKnownWait(context, invocation, "BlockingCollection<T>.GetConsumingEnumerable", "Channel<T> (await foreach over reader.ReadAllAsync())", alwaysBlocks: true);
                    return;

                case "SpinUntil" when method.IsStatic && Type().Is(symbols.SpinWait):
                    ReportKnownWait(context, invocation, "SpinWait.SpinUntil", "await Task.Delay in a loop, or a TaskCompletionSource signalled when the condition holds");
                    return;
            }
        }

        private void AnalyzeTaskWait(OperationAnalysisContext context, IInvocationOperation invocation, bool all)
        {
            var timeout = WaitArguments.Timeout(invocation, symbols.TimeSpan);
            if (timeout is not null
                && (WaitArguments.IsProbe(timeout, invocation, symbols.TimeSpan) || WaitArguments.IsAssertedDeadline(timeout, invocation, symbols.TimeSpan)))
            {
                return;
            }

            IOperation? token = null;
            foreach (var argument in invocation.Arguments)
            {
                if (symbols.Async.IsCancellationToken(argument.Value.Type))
                {
                    token = argument.Value;
                }
            }

            if (!AsyncContext.TryGetAsyncFunction(invocation, context.ContainingSymbol, symbols.Async, out var function, throughInPlaceLambdas: true)
                || DualCodePath.IsInSyncArm(invocation)
                || AllTasksComplete(context, invocation)
                || PeerSuppression.SilencesBlockingCall(invocation.Syntax, context.ContainingSymbol, symbols.Async))
            {
                return;
            }

            var api = "Task." + (all ? "WaitAll" : "WaitAny");
            var whenName = all ? "Task.WhenAll" : "Task.WhenAny";
            var resultUsed = invocation.Parent is not IExpressionStatementOperation && !invocation.TargetMethod.ReturnsVoid;
            TaskWaitAllFixKind? kind = null;
            string? noFix = null;
            if (timeout is not null && !completion.IsInfinite(timeout))
            {
                noFix = "a timed wait returns when the time is up where an await would not";
            }
            else if (token is not null && !symbols.WaitAsyncWithToken)
            {
                noFix = "Task.WaitAsync(CancellationToken) is not available";
            }
            else if (!resultUsed)
            {
                kind = all ? TaskWaitAllFixKind.WhenAll : TaskWaitAllFixKind.WhenAny;
            }
            else if (!all && timeout is null && invocation.Arguments.Length > 0 && IsArrayVariable(invocation.Arguments[0]))
            {
                kind = TaskWaitAllFixKind.IndexOfWhenAny;
            }
            else
            {
                noFix = "the index WaitAny returns has no direct WhenAny counterpart";
            }

            noFix ??= AwaitPosition.WhyBlockingCallCannotBeAwaited(invocation);

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            if (kind is { } fixKind && noFix is null)
            {
                properties[DiagnosticProperties.Kind] = fixKind.ToString();
            }
            else
            {
                properties[DiagnosticProperties.NoFix] = noFix ?? "no fix";
            }

            var replacement = token is not null ? $"await {whenName}(...).WaitAsync(cancellationToken)"
                : timeout is not null && !completion.IsInfinite(timeout) ? $"await {whenName}(...).WaitAsync(timeout)"
                : kind == TaskWaitAllFixKind.IndexOfWhenAny ? "Array.IndexOf(tasks, await Task.WhenAny(tasks))"
                : $"await {whenName}(...)";

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC102,
                invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                api,
                function.Description,
                replacement));
        }

        /// <summary>Every task handed to WaitAll/WaitAny is already complete there (awaited before, WhenAll'd, …).</summary>
        private bool AllTasksComplete(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            var any = false;
            foreach (var argument in invocation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (parameterType is null || symbols.Async.IsCancellationToken(parameterType)
                    || parameterType.SpecialType is SpecialType.System_Int32 || parameterType.Is(symbols.TimeSpan))
                {
                    continue;
                }

                if (!completion.AreTasksCompleteAt(argument.Value, invocation, context))
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        /// <summary>A local, parameter or field of array type: safe to name twice in <c>Array.IndexOf(tasks, await Task.WhenAny(tasks))</c>.</summary>
        private static bool IsArrayVariable(IArgumentOperation argument)
        {
            var value = argument.Value;
            while (value is IConversionOperation { IsImplicit: true, OperatorMethod: null } conversion)
            {
                value = conversion.Operand;
            }

            return argument.ArgumentKind == ArgumentKind.Explicit
                && value.Type is IArrayTypeSymbol
                && value is ILocalReferenceOperation or IParameterReferenceOperation
                    or IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation };
        }

        /// <summary>
        /// <c>disposed = true; commit.Join();</c>, <c>stopping.Cancel(); worker?.Join();</c>: the thread was told to stop on the
        /// line before and is joined as it winds down, not waited on for its work. There is nothing to await: the rule's
        /// advice is to rewrite the thread itself as a task. A join after anything else still waits for the thread's work.
        /// </summary>
        private static bool FollowsAStopSignal(IInvocationOperation join)
        {
            IOperation statement = join;
            while (statement.Parent is IConditionalAccessOperation or IExpressionStatementOperation)
            {
                statement = statement.Parent;
            }

            if (statement is not IExpressionStatementOperation || statement.Parent is not IBlockOperation block)
            {
                return false;
            }

            var index = block.Operations.IndexOf(statement);
            if (index <= 0 || block.Operations[index - 1] is not IExpressionStatementOperation { Operation: var signal })
            {
                return false;
            }

            while (signal is IConditionalAccessOperation { WhenNotNull: var whenNotNull })
            {
                signal = whenNotNull;
            }

            return signal switch
            {
                // stopped = true; running = false;: a flag the thread's loop reads.
                ISimpleAssignmentOperation { Target: IFieldReferenceOperation or ILocalReferenceOperation, Value: ILiteralOperation { ConstantValue: { HasValue: true, Value: bool } } } => true,
                // stopping.Cancel(), wakeUp.Set(): the token or event the thread watches.
                IInvocationOperation { TargetMethod.Name: "Cancel" or "Set", Instance: not null, Arguments.Length: 0 } => true,
                _ => false,
            };
        }

        private void ReportKnownWait(OperationAnalysisContext context, IInvocationOperation invocation, string api, string replacement, bool alwaysBlocks = false, bool waitsForASignal = false)
        {
            if (waitsForASignal && ParksTheEntryPoint(invocation, context.ContainingSymbol))
            {
                return;
            }

            if (!alwaysBlocks && WaitArguments.Timeout(invocation, symbols.TimeSpan) is { } timeout
                && (WaitArguments.IsProbe(timeout, invocation, symbols.TimeSpan) || WaitArguments.IsAssertedDeadline(timeout, invocation, symbols.TimeSpan)))
            {
                return;
            }

            if (!AsyncContext.TryGetAsyncFunction(invocation, context.ContainingSymbol, symbols.Async, out var function, throughInPlaceLambdas: true)
                || DualCodePath.IsInSyncArm(invocation)
                || PeerSuppression.SilencesBlockingCall(invocation.Syntax, context.ContainingSymbol, symbols.Async))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.NoFix, "no drop-in async form");
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC102,
                invocation.Syntax.GetLocation(),
                properties,
                api,
                function.Description,
                replacement));
        }

        /// <summary>
        /// <c>shutdown.WaitOne()</c> in <c>async Main</c> itself, after the service is started: the process's main flow waits
        /// for the signal to stop, holding one thread for the life of the process as <c>app.Run()</c> does (which ASYNC105
        /// leaves alone in the entry point). Nothing else is waiting for that thread. A lambda or local function in Main is
        /// other code, and stays reported.
        /// </summary>
        private static bool ParksTheEntryPoint(IInvocationOperation invocation, ISymbol containingSymbol)
            => AsyncContext.IsEntryPoint(containingSymbol) && AsyncContext.EnclosingFunctionOperation(invocation) is null;

        private static bool IsForEachCollection(IInvocationOperation invocation)
        {
            var parent = invocation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent is IForEachLoopOperation { IsAsynchronous: false };
        }
    }
}

/// <summary>What the ASYNC102 fix writes for <c>Task.WaitAll</c>/<c>Task.WaitAny</c>.</summary>
public enum TaskWaitAllFixKind
{
    /// <summary><c>await Task.WhenAll(...)</c> (plus <c>.WaitAsync(token)</c> when a token was passed).</summary>
    WhenAll,

    /// <summary><c>await Task.WhenAny(...)</c>, where the index WaitAny returns is not used.</summary>
    WhenAny,

    /// <summary><c>Array.IndexOf(tasks, await Task.WhenAny(tasks))</c>: keeps the index WaitAny returns.</summary>
    IndexOfWhenAny,
}
