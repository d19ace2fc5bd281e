using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// ASYNC204: an async lambda or anonymous method converted to a void-returning delegate (<c>Action</c>,
/// <c>ThreadStart</c>, <c>TimerCallback</c>, ...) is an async void method nobody can await.
/// Silent for event subscriptions, event-handler delegates and command handlers (<c>new RelayCommand(async () => ...)</c>):
/// the legitimate async void, invoked by the UI in response to the user. Silent also wherever overload
/// resolution picked a Task-returning delegate (then the lambda is not void at all).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC204AsyncLambdaToVoidDelegateAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ASYNC204);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip);
        context.RegisterCompilationStartAction(static start =>
        {
            var common = AsyncSymbols.TryCreate(start.Compilation);
            if (common is null)
            {
                return;
            }

            var analysis = new CompilationAnalysis(common.Family(static s => new AsyncVoidSymbols(s)));
            start.RegisterOperationAction(analysis.AnalyzeAnonymousFunction, OperationKind.AnonymousFunction);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncVoidSymbols symbols;

        public CompilationAnalysis(AsyncVoidSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void AnalyzeAnonymousFunction(OperationAnalysisContext context)
        {
            var lambda = (IAnonymousFunctionOperation)context.Operation;
            if (!lambda.Symbol.IsAsync || !lambda.Symbol.ReturnsVoid
                || lambda.Parent is not IDelegateCreationOperation { Type: { } delegateType } creation
                || symbols.IsEventHandlerDelegate(delegateType))
            {
                return;
            }

            // `(Action)(async () => …)`: the cast picks the async void overload on purpose (a test of a synchronization
            // context that tracks async void operations, an API whose Func<Task> overload the author chose against).
            if (IsCastToVoidDelegate(lambda))
            {
                return;
            }

            var parent = creation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            // The message's target is spelled out only when the lambda is reported: display strings cost more than every
            // check before the report together.
            Func<string> target;
            var kind = AsyncLambdaFixKind.None;
            string? suggestion = null;
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            switch (parent)
            {
                case IEventAssignmentOperation:
                    return; // `x.Event += async (s, e) => ...`: an event handler, the one legitimate async void.

                case not null when IsNamedAsyncVoid(parent):
                    return; // `Action asyncVoid = async () => ...`: kept as an async void on purpose, to test that it is refused.

                case IArgumentOperation { Parent: IInvocationOperation command } when symbols.IsCommand(command.Type):
                    return; // `ReactiveCommand.Create(async () => ...)`: a command handler, invoked like an event handler.

                case IArgumentOperation { Parent: IObjectCreationOperation command } when symbols.IsCommand(command.Type):
                    return; // `new RelayCommand(async () => ...)`: the MVVM form of an async void event handler.

                case IArgumentOperation { Parent: IInvocationOperation posted } when AsyncVoidSymbols.IsPostToOwnSynchronizationContext(posted):
                    return; // `context.Post(async _ => ...)` on the project's own SynchronizationContext, which receives its exceptions.

                case IArgumentOperation { Parent: IInvocationOperation subscription } when IsLibrarySubscription(subscription.TargetMethod, context.Compilation.Assembly):
                    return; // `ipc.On("app-info", async args => ...)`: an event in method form, of a library that takes only an Action.

                case IArgumentOperation { Parent: IInvocationOperation invocation }:
                    var method = invocation.TargetMethod;
                    target = () => $"passed to '{method.ContainingType.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}.{method.Name}'";
                    kind = Classify(invocation, method, out suggestion);
                    if (kind != AsyncLambdaFixKind.None && !CanFixAt(invocation, context.ContainingSymbol))
                    {
                        properties[DiagnosticProperties.NoFix] = "the call is not a statement of an async function";
                    }
                    else if (kind == AsyncLambdaFixKind.ParallelForEach
                        && CancellationTokenInScope.Find(invocation, context.ContainingSymbol, symbols.Common) is { } token)
                    {
                        properties[DiagnosticProperties.CancellationToken] = token;
                    }

                    break;

                case IArgumentOperation { Parent: IObjectCreationOperation { Type: { } createdType } }:
                    target = () => $"passed to 'new {createdType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'";
                    break;

                case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member.Name: var slot } } when IsHandlerSlot(slot):
                    return; // `listener.RequestHandler = async context => ...`: an event in property form, raised by its owner.

                case ISimpleAssignmentOperation or IVariableInitializerOperation:
                    target = () => $"assigned to '{delegateType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'";
                    break;

                default:
                    target = () => $"converted to '{delegateType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)}'";
                    break;
            }

            // A guarded callback (its whole body a try whose catch-all swallows everything) handed to a timer, a thread or an
            // Action is deliberate fire-and-forget. Not for ForEach/Parallel: there the caller's waiting is the point.
            if (suggestion is null && (GuardedBody.IsFullyGuarded(lambda.Syntax, lambda.SemanticModel) || AwaitsOnlyAGuardedMethod(lambda)))
            {
                return;
            }

            // Without an await the lambda runs to its end before the delegate returns: the caller does wait, and the
            // compiler already says `async` is idle there (CS1998), whose remedy, dropping it, is the whole fix.
            if (!Awaits(lambda.Body))
            {
                return;
            }

            properties[DiagnosticProperties.Kind] = kind.ToString();
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC204,
                AsyncKeywordLocation(lambda),
                properties.ToImmutable(),
                target(),
                suggestion ?? "take a Func<Task> and await it, or make the lambda synchronous"));
        }

        /// <summary>
        /// <c>new Timer(async _ =&gt; await PollAsync(), …)</c>: the lambda's one statement awaits an async, non-virtual method of
        /// the project whose own body is fully guarded, with arguments that only read values. The callee catches whatever
        /// the lambda could let escape: ASYNC203's "callback that only awaits a guarded method", as a lambda.
        /// </summary>
        private static bool AwaitsOnlyAGuardedMethod(IAnonymousFunctionOperation lambda)
        {
            IAwaitOperation? awaited = null;
            foreach (var statement in lambda.Body.Operations)
            {
                switch (statement)
                {
                    case IReturnOperation { IsImplicit: true, ReturnedValue: null }:
                        continue;
                    case IExpressionStatementOperation { Operation: IAwaitOperation awaiting } when awaited is null:
                        awaited = awaiting;
                        continue;
                    default:
                        return false;
                }
            }

            if (awaited?.Operation is not IInvocationOperation awaitedCall
                || DroppedTaskNames.PeelConfigureAwait(awaitedCall) is not { TargetMethod: { IsAsync: true, IsVirtual: false, IsAbstract: false, IsOverride: false } callee } call
                || !call.Arguments.All(static a => ReadsOnly(a.Value))
                || (call.Instance is not null && !ReadsOnly(call.Instance))
                || callee.DeclaringSyntaxReferences is not { Length: 1 } references)
            {
                return false;
            }

            var tree = references[0].SyntaxTree;
            var compilation = lambda.SemanticModel?.Compilation;
            var model = compilation is not null && compilation.ContainsSyntaxTree(tree) ? compilation.GetSemanticModel(tree) : null;
            return GuardedBody.IsFullyGuarded(references[0].GetSyntax(), model);

            static bool ReadsOnly(IOperation value) => value switch
            {
                IConversionOperation conversion => ReadsOnly(conversion.Operand),
                ILiteralOperation or IDefaultValueOperation or IInstanceReferenceOperation or IParameterReferenceOperation or ILocalReferenceOperation => true,
                IFieldReferenceOperation field => field.Instance is null || ReadsOnly(field.Instance),
                _ => false,
            };
        }

        /// <summary>
        /// The lambda is stored in a local, field or property whose name says async void (<c>_asyncVoid</c>,
        /// <c>asyncVoidLambda</c>): a fixture built on purpose, typically for a test that the code under test refuses async
        /// void delegates. The author has named what the rule would say.
        /// </summary>
        private static bool IsNamedAsyncVoid(IOperation slot)
        {
            var name = slot switch
            {
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol.Name,
                IFieldInitializerOperation { InitializedFields.Length: 1 } field => field.InitializedFields[0].Name,
                IPropertyInitializerOperation { InitializedProperties.Length: 1 } property => property.InitializedProperties[0].Name,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => local.Local.Name,
                ISimpleAssignmentOperation { Target: IMemberReferenceOperation member } => member.Member.Name,
                _ => null,
            };
            return name is not null && NameWords.ContainsWords(name, "AsyncVoid");
        }

        /// <summary>
        /// A property or field named <c>…Handler</c> (<c>RequestHandler</c>, <c>MessageHandler</c>): a library's event in the
        /// form of one settable callback, as a delegate type named <c>…Handler</c> is an event's. Its owner raises it and
        /// nothing awaits a handler, whatever the delegate's name (<c>Action&lt;Context&gt;</c>).
        /// </summary>
        private static bool IsHandlerSlot(string memberName)
            => (memberName.Length > "Handler".Length && memberName.EndsWith("Handler", StringComparison.Ordinal))
               || NamesAnEvent(memberName);

        /// <summary>
        /// <c>OnClick</c>, <c>OnMessage</c>, <c>Click</c>: a member named for the moment it is raised, not for the work it
        /// runs (<c>Work</c>, <c>Action</c>, <c>Callback</c>).
        /// </summary>
        private static bool NamesAnEvent(string name)
            => (name.Length > 2 && name.StartsWith("On", StringComparison.Ordinal) && char.IsUpper(name[2]))
               || name is "Click" or "Clicked";

        /// <summary>
        /// <c>ipc.On(channel, listener)</c>, <c>shortcuts.Register(key, listener)</c>, <c>bus.Subscribe(listener)</c> on a
        /// library (another assembly, not the framework): the listener is stored and raised when the other side acts, an event
        /// in method form whose only delegate is an <c>Action</c>. The project cannot make it await. The same method declared
        /// in this project is reported: its owner can take a <c>Func&lt;Task&gt;</c>. So is the framework's one-shot
        /// <c>CancellationToken.Register</c>.
        /// </summary>
        private static bool IsLibrarySubscription(IMethodSymbol method, IAssemblySymbol project)
        {
            var name = method.Name;
            if (!(name is "On" or "Once" or "AddListener" or "AddHandler" or "AddEventHandler" or "Listen"
                  || name.StartsWith("Subscribe", StringComparison.Ordinal) || name.StartsWith("Register", StringComparison.Ordinal)
                  || NamesAnEvent(name)))
            {
                return false;
            }

            var assembly = method.ContainingType?.ContainingAssembly;
            return !SymbolExtensions.IsFrameworkAssembly(assembly) && !SymbolEqualityComparer.Default.Equals(assembly, project);
        }

        private static bool IsCastToVoidDelegate(IAnonymousFunctionOperation lambda)
        {
            var syntax = lambda.Syntax.Parent;
            while (syntax is ParenthesizedExpressionSyntax)
            {
                syntax = syntax.Parent;
            }

            return syntax is CastExpressionSyntax;
        }

        /// <summary>An <c>await</c>, <c>await foreach</c> or <c>await using</c> of the lambda itself (not of a function nested in it).</summary>
        private static bool Awaits(IOperation body)
        {
            foreach (var operation in body.Descendants())
            {
                switch (operation)
                {
                    case IAwaitOperation:
                    case IForEachLoopOperation { IsAsynchronous: true }:
                    case IUsingOperation { IsAsynchronous: true }:
                    case IUsingDeclarationOperation { IsAsynchronous: true }:
                        if (!IsInNestedFunction(operation, body))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool IsInNestedFunction(IOperation operation, IOperation body)
        {
            for (var current = operation.Parent; current is not null && current != body; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Which rewrite the call has, from the method it binds to.</summary>
        private AsyncLambdaFixKind Classify(IInvocationOperation invocation, IMethodSymbol method, out string? suggestion)
        {
            suggestion = null;
            switch (method.Name)
            {
                case "ForEach" when method.ContainingType.OriginalDefinition.Is(symbols.ListOfT):
                    suggestion = "use 'foreach' with 'await'";
                    return invocation.Instance is not null && invocation.Arguments.Length == 1
                        ? AsyncLambdaFixKind.ListForEach
                        : AsyncLambdaFixKind.None;

                case "ForEach" when method.ContainingType.Is(symbols.Parallel):
                    suggestion = symbols.HasParallelForEachAsync
                        ? "use 'await Parallel.ForEachAsync'"
                        : "start the tasks and 'await Task.WhenAll'";
                    return symbols.HasParallelForEachAsync && IsForEachOverSequence(method)
                        ? AsyncLambdaFixKind.ParallelForEach
                        : AsyncLambdaFixKind.None;

                case "For" or "Invoke" when method.ContainingType.Is(symbols.Parallel):
                    suggestion = symbols.HasParallelForEachAsync
                        ? "use 'await Parallel.ForEachAsync' or 'await Task.WhenAll'"
                        : "start the tasks and 'await Task.WhenAll'";
                    return AsyncLambdaFixKind.None;

                default:
                    return AsyncLambdaFixKind.None;
            }
        }

        /// <summary><c>Parallel.ForEach(IEnumerable&lt;T&gt;, [ParallelOptions,] Action&lt;T&gt;)</c>: the overloads ForEachAsync mirrors.</summary>
        private bool IsForEachOverSequence(IMethodSymbol method)
        {
            var parameters = method.OriginalDefinition.Parameters;
            if (parameters.Length is not (2 or 3)
                || !parameters[0].Type.OriginalDefinition.Is(symbols.IEnumerableOfT)
                || (parameters.Length == 3 && !parameters[1].Type.Is(symbols.ParallelOptions)))
            {
                return false;
            }

            return parameters[parameters.Length - 1].Type is INamedTypeSymbol { DelegateInvokeMethod.Parameters.Length: 1 };
        }

        /// <summary>The rewrites put an <c>await</c> where the call statement is: it must be a statement of an async function.</summary>
        private bool CanFixAt(IInvocationOperation invocation, ISymbol containingSymbol)
            => invocation.Parent is IExpressionStatementOperation
               && AsyncContext.TryGetAsyncFunction(invocation, containingSymbol, symbols.Common, out _)
               && AwaitPosition.WhyAwaitIsForbidden(invocation) is null;

        /// <summary>The squiggle goes on the <c>async</c> keyword and the parameters, not the whole body.</summary>
        private static Location AsyncKeywordLocation(IAnonymousFunctionOperation lambda)
        {
            var syntax = lambda.Syntax;
            switch (syntax)
            {
                case Microsoft.CodeAnalysis.CSharp.Syntax.LambdaExpressionSyntax lambdaSyntax:
                    return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(syntax.SpanStart, lambdaSyntax.ArrowToken.Span.End));
                case Microsoft.CodeAnalysis.CSharp.Syntax.AnonymousMethodExpressionSyntax anonymous:
                    return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(syntax.SpanStart, anonymous.DelegateKeyword.Span.End));
                default:
                    return syntax.GetLocation();
            }
        }
    }
}

/// <summary>What the ASYNC204 fix writes.</summary>
public enum AsyncLambdaFixKind
{
    /// <summary>No automatic rewrite.</summary>
    None,

    /// <summary><c>list.ForEach(async x => body)</c> → <c>foreach (var x in list) { body }</c>.</summary>
    ListForEach,

    /// <summary><c>Parallel.ForEach(source, async x => body)</c> → <c>await Parallel.ForEachAsync(source, async (x, ct) => body)</c>.</summary>
    ParallelForEach,
}
