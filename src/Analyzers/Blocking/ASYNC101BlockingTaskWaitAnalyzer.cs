using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC101: <c>.Result</c>, <c>.Wait(...)</c> or <c>.GetAwaiter().GetResult()</c> on a Task/ValueTask inside an async
/// context, unless the task is already complete on every path to the read (<see cref="TaskCompletion"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC101BlockingTaskWaitAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ASYNC101);

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

            var waits = symbols.Family(WaitSymbols.Create);
            // A multi-targeted project: WaitAsync(CancellationToken) is .NET 6+, and a fix the oldest target lacks breaks its build.
            var waitAsyncOnEveryTarget = waits.WaitAsyncWithTokenMethod is { } waitAsync
                                         && !FrameworkTwinHistory.IsMissingOn(waitAsync, FrameworkTwinHistory.OldestTargetLevel(start.Options));
            var analysis = new CompilationAnalysis(waits, symbols.Family(TaskCompletion.Create), symbols.Family(BlockingHelpers.Create), waitAsyncOnEveryTarget);
            start.RegisterOperationAction(analysis.AnalyzePropertyReference, OperationKind.PropertyReference);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly WaitSymbols symbols;
        private readonly TaskCompletion completion;
        private readonly BlockingHelpers helpers;

        private readonly bool waitAsyncOnEveryTarget;

        public CompilationAnalysis(WaitSymbols symbols, TaskCompletion completion, BlockingHelpers helpers, bool waitAsyncOnEveryTarget)
        {
            this.symbols = symbols;
            this.waitAsyncOnEveryTarget = waitAsyncOnEveryTarget;
            this.completion = completion;
            this.helpers = helpers;
        }

        /// <summary><c>task.Result</c> on Task&lt;T&gt; or ValueTask&lt;T&gt;.</summary>
        public void AnalyzePropertyReference(OperationAnalysisContext context)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            var property = reference.Property;
            if (property.Name != "Result" || property.IsStatic || reference.Instance is not { } task
                || !symbols.Async.IsTaskOrValueTask(property.ContainingType)
                || IsInNameOf(reference))
            {
                return;
            }

            var typeName = property.ContainingType.OriginalDefinition.Is(symbols.Async.ValueTaskOfT) ? "ValueTask<T>" : "Task<T>";
            Report(context, reference, task, typeName + ".Result", TaskWaitFixKind.Await, noFixReason: null);
        }

        /// <summary><c>task.Wait(...)</c> and <c>task.GetAwaiter().GetResult()</c>.</summary>
        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Wait" when !method.IsStatic && invocation.Instance is { } task && method.ContainingType.Is(symbols.Task):
                    AnalyzeWait(context, invocation, task);
                    return;

                case "GetResult" when !method.IsStatic
                                      && invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaitable }
                                      && symbols.IsTaskAwaiter(method.ContainingType):
                    var api = symbols.IsConfiguredAwaitable(awaitable.Type) ? "ConfigureAwait(...).GetAwaiter().GetResult()" : "GetAwaiter().GetResult()";
                    Report(context, invocation, awaitable, api, TaskWaitFixKind.Await, noFixReason: null);
                    return;

                default:
                    AnalyzeHelperCandidate(context, invocation);
                    return;
            }
        }

        private void AnalyzeHelperCandidate(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            // Most calls are not helpers: the syntax says first whether the call could be reported at all.
            if (AsyncContext.MayAwaitAt(invocation.Syntax, throughInPlaceLambdas: true) && helpers.Find(invocation) is { } helper)
            {
                AnalyzeHelperCall(context, invocation, helper);
            }
        }

        /// <summary>
        /// <c>RunSync(() =&gt; LoadAsync())</c>, <c>task.BlockingWait()</c>: a helper whose body blocks on the argument. The fix
        /// awaits the task (or the delegate's one task expression) in place of the call.
        /// </summary>
        private void AnalyzeHelperCall(OperationAnalysisContext context, IInvocationOperation invocation, BlockingHelper helper)
        {
            if (BlockingHelpers.ArgumentOf(invocation, helper) is not { } argument)
            {
                return;
            }

            var method = invocation.TargetMethod;
            var api = (method.MethodKind == MethodKind.LocalFunction ? method.Name : method.ContainingType.Name + "." + method.Name)
                      + "(…) → " + helper.Wait.TrimStart('.');
            string? noFix = helper.ReturnsTheRead ? null : "the helper returns something other than the task's result";
            var invokeMethodGroup = false;
            SyntaxNode? awaited;
            if (helper.InvokesDelegate)
            {
                awaited = DelegatedTask(argument.Value, out invokeMethodGroup, out var why);
                noFix ??= why;
            }
            else
            {
                awaited = argument.Value.Syntax;
            }

            Report(context, invocation, helper.InvokesDelegate ? null : argument.Value, api, TaskWaitFixKind.AwaitArgument, noFix, awaited, invokeMethodGroup);
        }

        /// <summary>
        /// What awaiting a delegate argument means in the caller: <c>() =&gt; LoadAsync(id)</c> and <c>async () =&gt; await LoadAsync(id)</c>
        /// give <c>LoadAsync(id)</c>; a method group <c>LoadAsync</c> is called. Null (with the reason) for a delegate that
        /// takes parameters or whose body is more than one task expression.
        /// </summary>
        private static SyntaxNode? DelegatedTask(IOperation argument, out bool invokeMethodGroup, out string? whyNot)
        {
            invokeMethodGroup = false;
            whyNot = "the delegate is not one task expression";
            while (argument is IConversionOperation conversion)
            {
                argument = conversion.Operand;
            }

            if (argument is not IDelegateCreationOperation { Target: var target })
            {
                return null;
            }

            switch (target)
            {
                case IMethodReferenceOperation { Method.Parameters.IsEmpty: true } group:
                    invokeMethodGroup = true;
                    whyNot = null;
                    return group.Syntax;

                case IAnonymousFunctionOperation { Symbol.Parameters.IsEmpty: true } lambda when SingleStep(lambda.Body) is { } step:
                    var value = step switch
                    {
                        IReturnOperation { ReturnedValue: { } returned } => returned,
                        IExpressionStatementOperation { Operation: IAwaitOperation awaitedStatement } => awaitedStatement,
                        _ => null,
                    };

                    if (lambda.Symbol.IsAsync)
                    {
                        value = value is IAwaitOperation { Operation: var task } ? task : null;
                    }

                    whyNot = value is null ? whyNot : null;
                    return value?.Syntax;

                case IAnonymousFunctionOperation { Symbol.Parameters.IsEmpty: false }:
                    whyNot = "the delegate takes parameters the helper supplies";
                    return null;

                default:
                    return null;
            }
        }

        /// <summary>The body's one statement, not counting the implicit <c>return</c> that ends a lambda's block.</summary>
        private static IOperation? SingleStep(IBlockOperation body)
        {
            IOperation? single = null;
            foreach (var operation in body.Operations)
            {
                if (operation is IReturnOperation { ReturnedValue: null, IsImplicit: true })
                {
                    continue;
                }

                if (single is not null)
                {
                    return null;
                }

                single = operation;
            }

            return single;
        }

        private void AnalyzeWait(OperationAnalysisContext context, IInvocationOperation invocation, IOperation task)
        {
            IOperation? timeout = null;
            IOperation? token = null;
            foreach (var argument in invocation.Arguments)
            {
                if (symbols.Async.IsCancellationToken(argument.Value.Type))
                {
                    token = argument.Value;
                }
                else
                {
                    timeout = argument.Value;
                }
            }

            if (timeout is not null
                && (WaitArguments.IsProbe(timeout, invocation, symbols.TimeSpan) || WaitArguments.IsAssertedDeadline(timeout, invocation, symbols.TimeSpan)))
            {
                // Wait(0) never blocks; task.Wait(20) whose bool is checked asks "done yet?"; Assert.True(task.Wait(5s)) checks a deadline.
                return;
            }

            var infinite = timeout is null || completion.IsInfinite(timeout);
            var valueUsed = !invocation.TargetMethod.ReturnsVoid && invocation.Parent is not IExpressionStatementOperation;
            string? noFix = null;
            var kind = TaskWaitFixKind.Await;
            string api;
            if (!infinite)
            {
                api = token is null ? "Task.Wait(timeout)" : "Task.Wait(timeout, CancellationToken)";
                noFix = "a timed wait returns false on timeout where an await would throw";
            }
            else if (token is not null)
            {
                api = "Task.Wait(CancellationToken)";
                kind = TaskWaitFixKind.WaitAsync;
                if (!waitAsyncOnEveryTarget)
                {
                    noFix = symbols.WaitAsyncWithToken
                        ? "Task.WaitAsync(CancellationToken) is not available on every target framework of the project"
                        : "Task.WaitAsync(CancellationToken) is not available";
                }
            }
            else
            {
                api = "Task.Wait()";
            }

            if (valueUsed && noFix is null)
            {
                noFix = "the bool the wait returns is used";
            }

            Report(context, invocation, task, api, kind, noFix);
        }

        private void Report(OperationAnalysisContext context, IOperation read, IOperation? task, string api, TaskWaitFixKind kind, string? noFixReason, SyntaxNode? awaited = null, bool invokeMethodGroup = false)
        {
            if (!AsyncContext.TryGetAsyncFunction(read, context.ContainingSymbol, symbols.Async, out var function, throughInPlaceLambdas: true)
                || DualCodePath.IsInSyncArm(read)
                || task is not null && (BufferedHttpResponse.IsReadOfBufferedContent(task, symbols.HttpClient) || completion.IsCompleteAt(task, read, context))
                || PeerSuppression.SilencesBlockingCall(read.Syntax, context.ContainingSymbol, symbols.Async))
            {
                return;
            }

            var syntax = read.Syntax;
            if (task is IConditionalAccessInstanceOperation && read.Parent is IConditionalAccessOperation conditional)
            {
                syntax = conditional.Syntax;
                noFixReason ??= "the task is read through '?.'";
            }

            noFixReason ??= AwaitPosition.WhyBlockingCallCannotBeAwaited(read);

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticProperties.Kind] = kind.ToString();
            if (invokeMethodGroup)
            {
                properties[DiagnosticProperties.InvokeMethodGroup] = "true";
            }
            if (noFixReason is not null)
            {
                properties[DiagnosticProperties.NoFix] = noFixReason;
            }

            var replacement = api.StartsWith("Task.Wait(timeout", System.StringComparison.Ordinal) ? "await task.WaitAsync(timeout)"
                : kind == TaskWaitFixKind.WaitAsync ? "await task.WaitAsync(cancellationToken)"
                : "await";

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC101,
                syntax.GetLocation(),
                awaited is null ? null : new[] { awaited.GetLocation() },
                properties.ToImmutable(),
                api,
                function.Description,
                replacement));
        }

        private static bool IsInNameOf(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is INameOfOperation)
                {
                    return true;
                }

                if (current is IBlockOperation or IAnonymousFunctionOperation)
                {
                    return false;
                }
            }

            return false;
        }
    }
}

/// <summary>What the ASYNC101 fix writes.</summary>
public enum TaskWaitFixKind
{
    /// <summary><c>await task</c> in place of the blocking read.</summary>
    Await,

    /// <summary><c>await task.WaitAsync(token)</c> in place of <c>task.Wait(token)</c>.</summary>
    WaitAsync,

    /// <summary>
    /// <c>await x</c> in place of a blocking helper's call, where <c>x</c> is the diagnostic's additional location: the task
    /// argument, or the one task expression of the delegate argument (a method group is called: <c>await LoadAsync()</c>).
    /// </summary>
    AwaitArgument,
}
