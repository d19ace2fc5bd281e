using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// ASYNC203: an <c>async void</c> method or local function that is not an event handler.
/// Silent for event-handler shapes, methods subscribed to an event or converted to an event-handler delegate,
/// overrides, interface implementations, partial methods (their signature is not theirs to change) and Unity messages
/// (<c>async void Start()</c> on a MonoBehaviour: the engine calls it by name, like an event).
/// A method used as any other delegate (<c>Action a = M;</c>) is reported without a fix: returning Task would break the conversion;
/// unless its whole body is a try whose catch-all swallows every exception (a guarded timer or thread callback; see
/// <see cref="GuardedBody"/> for the steps allowed around it, such as the state parameter cast into a local).
/// Also silent for a custom awaitable's guarded continuation pump (only its <c>OnCompleted</c> calls it, handing it the
/// continuation it hands on last) and for a test project's specimen that tests only name (<c>nameof</c>, a string).
/// </summary>
/// <remarks>
/// Cost: a symbol action that returns at once for every method that is not async void, and a local-function action;
/// no symbol-start/end bookkeeping per type (its driver overhead alone was larger than the whole rule). The test-specimen
/// check reads every tree of the compilation, but only in a test project, only for a method about to be reported, and
/// only the text of a tree that does not spell the method's name.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC203AsyncVoidMethodAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ASYNC203);

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

            var analysis = new CompilationAnalysis(common.Family(static s => new AsyncVoidSymbols(s)), start.Compilation);
            start.RegisterOperationAction(analysis.AnalyzeLocalFunction, OperationKind.LocalFunction);
            start.RegisterSymbolAction(analysis.AnalyzeMethod, SymbolKind.Method);
        });
    }

    /// <summary>How an async void method is used as a delegate.</summary>
    private enum DelegateUse
    {
        /// <summary>Subscribed to an event or converted to an event-handler delegate: a real event handler.</summary>
        EventHandler,

        /// <summary>Converted to another void-returning delegate: reported, but Task cannot be returned without breaking it.</summary>
        OtherDelegate,

        /// <summary>Called by a lambda that does nothing else (<c>_ =&gt; Tick()</c>): a callback like a method group, and
        /// one whose lambda still compiles when the method returns Task.</summary>
        CalledByLambda,
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncVoidSymbols symbols;

        // The source classes that implement an interface, by each of their base classes: read once per compilation, and only
        // when a public async void method of a derivable class is about to be reported.
        private readonly System.Lazy<System.Collections.Generic.Dictionary<ISymbol, System.Collections.Generic.List<INamedTypeSymbol>>> implementersByBase;

        public CompilationAnalysis(AsyncVoidSymbols symbols, Compilation compilation)
        {
            this.symbols = symbols;
            implementersByBase = new(() => ImplementersByBase(compilation));
        }

        public void AnalyzeMethod(SymbolAnalysisContext context)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (!method.IsAsync || !method.ReturnsVoid || method.MethodKind != MethodKind.Ordinary || method.IsImplicitlyDeclared
                || method.Locations.Length == 0 || !method.Locations[0].IsInSource
                || symbols.HasEventHandlerShape(method)
                || AsyncVoidSymbols.IsUnityMessage(method)
                || IsSignatureImposed(method)
                || IsGuardedFireAndForgetHelper(method)
                || AwaitsTheEndOfAHeldTask(method))
            {
                return;
            }

            var use = DelegateUseInOwnType(method, context.CancellationToken);
            if (use == DelegateUse.EventHandler
                || (use is DelegateUse.OtherDelegate or DelegateUse.CalledByLambda && (IsFullyGuarded(method) || AwaitsOnlyGuardedMethod(method)))
                || (NamesFireAndForget(method.Name) && IsFullyGuarded(method))
                || ForwardsToItsGuardedTwin(method)
                || (use is null && method.DeclaredAccessibility == Accessibility.Private && IsFullyGuarded(method) && IsCalledDirectly(method, context.CancellationToken))
                || ImplementsAnInterfaceForADerivedType(method)
                || (use is null or DelegateUse.CalledByLambda && PumpsAnAwaiterContinuation(method, context.CancellationToken))
                || (use is null && IsSpecimenNamedByTests(method, context.CancellationToken)))
            {
                return;
            }

            Report(context.ReportDiagnostic, method, method.Locations[0], "method", use);
        }

        /// <summary>
        /// How the method is used as a delegate inside its own top-level type (all partial parts, nested types included),
        /// found from the syntax of that type (a symbol action has no semantic model), by searching its text for the name. Every occurrence of its name that is not the
        /// target of a call (nor inside <c>nameof</c>) is a method group: <c>x.Event += M</c>, <c>new EventHandler(M)</c>
        /// and <c>new RelayCommand(M)</c> make it a handler, anything else a plain delegate. A same-named member of another
        /// type can only make this answer more cautious (a missed report, or no fix), never a wrong fix.
        /// </summary>
        private static DelegateUse? DelegateUseInOwnType(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            DelegateUse? strongest = null;
            var name = method.Name;
            foreach (var reference in TopLevelType(method).DeclaringSyntaxReferences)
            {
                foreach (var token in SyntaxWords.Identifiers(reference.GetSyntax(cancellationToken), name))
                {
                    if (token.Parent is not SimpleNameSyntax simpleName
                        || ClassifyName(simpleName) is not { } use)
                    {
                        continue;
                    }

                    if (use == DelegateUse.EventHandler)
                    {
                        return use;
                    }

                    // A method group use decides whether a fix can keep the delegate's signature.
                    strongest = strongest == DelegateUse.OtherDelegate ? strongest : use;
                }
            }

            return strongest;
        }

        /// <summary>The type a method is declared in, or the outermost type around it: where a private method's uses are.</summary>
        private static INamedTypeSymbol TopLevelType(IMethodSymbol method)
        {
            var type = method.ContainingType;
            while (type.ContainingType is not null)
            {
                type = type.ContainingType;
            }

            return type;
        }

        /// <summary>The expression a name is the end of: <c>this.M</c>, <c>x?.M</c>'s binding, or the name itself.</summary>
        private static ExpressionSyntax ExpressionEndingIn(SimpleNameSyntax name) => name.Parent switch
        {
            MemberAccessExpressionSyntax member when member.Name == name => member,
            MemberBindingExpressionSyntax binding when binding.Name == name => binding,
            _ => name,
        };

        /// <summary>Null when the name is called (or named in nameof, or a named argument); otherwise the kind of delegate use.</summary>
        private static DelegateUse? ClassifyName(SimpleNameSyntax name)
        {
            if (name.Parent is NameColonSyntax or NameEqualsSyntax)
            {
                return null;
            }

            var expression = ExpressionEndingIn(name);
            if (expression.Parent is ConditionalAccessExpressionSyntax conditional && conditional.WhenNotNull == expression)
            {
                expression = conditional;
            }

            switch (expression.Parent)
            {
                case InvocationExpressionSyntax invocation when invocation.Expression == expression:
                    // `new Timer(_ => Tick(), …)`: a lambda that only calls the method hands it over like a method group.
                    return IsWholeLambdaBody(invocation) ? DelegateUse.CalledByLambda : null;
                case InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } }:
                    return null;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } }:
                    return null;
                case AssignmentExpressionSyntax assignment
                    when assignment.Right == expression && assignment.Kind() is SyntaxKind.AddAssignmentExpression or SyntaxKind.SubtractAssignmentExpression:
                    return DelegateUse.EventHandler;
                case ArgumentSyntax { Parent: ArgumentListSyntax { Parent: ObjectCreationExpressionSyntax creation } } when IsHandlerTypeName(creation.Type):
                    return DelegateUse.EventHandler;
                case ExpressionSyntax or ArgumentSyntax or EqualsValueClauseSyntax or ArrowExpressionClauseSyntax or ReturnStatementSyntax
                    or YieldStatementSyntax or InitializerExpressionSyntax:
                    return DelegateUse.OtherDelegate;
                default:
                    return null;
            }
        }

        /// <summary><c>_ =&gt; Tick()</c>, <c>() =&gt; { Tick(); }</c>: the call is all the lambda does.</summary>
        private static bool IsWholeLambdaBody(InvocationExpressionSyntax call) => call.Parent switch
        {
            AnonymousFunctionExpressionSyntax lambda => lambda.ExpressionBody == call,
            ExpressionStatementSyntax { Parent: BlockSyntax { Statements.Count: 1, Parent: AnonymousFunctionExpressionSyntax } } => true,
            _ => false,
        };

        /// <summary><c>EventHandler</c>, <c>RoutedEventHandler</c>, <c>RelayCommand</c>, <c>DelegateCommand&lt;T&gt;</c>...</summary>
        private static bool IsHandlerTypeName(TypeSyntax type)
        {
            var identifier = type switch
            {
                QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
                SimpleNameSyntax simple => simple.Identifier.ValueText,
                AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
                _ => string.Empty,
            };
            return identifier.EndsWith("Handler", System.StringComparison.Ordinal) || identifier.EndsWith("Command", System.StringComparison.Ordinal);
        }

        public void AnalyzeLocalFunction(OperationAnalysisContext context)
        {
            var localFunction = (ILocalFunctionOperation)context.Operation;
            var method = localFunction.Symbol;
            if (!method.IsAsync || !method.ReturnsVoid
                || localFunction.Syntax is not LocalFunctionStatementSyntax syntax
                || symbols.HasEventHandlerShape(method))
            {
                return;
            }

            // A local function is only referenced inside the member that declares it: look there for delegate uses.
            DelegateUse? strongest = null;
            foreach (var operation in AsyncContext.MemberRoot(localFunction).Descendants())
            {
                if (operation is IMethodReferenceOperation reference
                    && reference.Method.OriginalDefinition.Is(method)
                    && reference.Parent is IDelegateCreationOperation creation)
                {
                    var use = UseOf(creation);
                    strongest = strongest == DelegateUse.EventHandler ? strongest : use;
                }
            }

            if (strongest == DelegateUse.EventHandler
                || AwaitsTheEndOfAHeldTask(syntax)
                || (strongest == DelegateUse.OtherDelegate && GuardedBody.IsFullyGuarded(syntax))
                || (NamesFireAndForget(method.Name) && GuardedBody.IsFullyGuarded(syntax)))
            {
                return;
            }

            Report(context.ReportDiagnostic, method, syntax.Identifier.GetLocation(), "local function", strongest);
        }

        private const string EscapeHarm = "is not an event handler: callers cannot await it, and an exception thrown in it escapes to the synchronization context or the thread pool, usually ending the process";

        private const string TestHarm = "cannot be awaited by its test framework: NUnit and xUnit v3 reject it, MSTest does not wait for it, and xUnit 2 only tolerates it through its synchronization context";

        private static void Report(System.Action<Diagnostic> report, IMethodSymbol method, Location location, string kind, DelegateUse? use)
        {
            var properties = DiagnosticProperties.Empty;
            if (use == DelegateUse.OtherDelegate)
            {
                properties = properties.Add(DiagnosticProperties.NoFix, "used as a void-returning delegate");
            }
            else if (method.IsVirtual)
            {
                properties = properties.Add(DiagnosticProperties.NoFix, "overrides would no longer match");
            }

            // A test gets the harm that applies to it: its framework, not the thread pool, is the caller that cannot await.
            var test = TestMethods.IsTest(method);
            report(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC203,
                location,
                properties,
                test ? "test method" : kind,
                method.Name,
                test ? TestHarm : EscapeHarm));
        }

        /// <summary>An event subscription, an event-handler delegate or a command handler (<c>new RelayCommand(Save)</c>) is an event handler.</summary>
        private DelegateUse UseOf(IDelegateCreationOperation creation)
        {
            if (symbols.IsEventHandlerDelegate(creation.Type))
            {
                return DelegateUse.EventHandler;
            }

            var parent = creation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IEventAssignmentOperation => DelegateUse.EventHandler,
                IArgumentOperation { Parent: IObjectCreationOperation or IInvocationOperation } argument when symbols.IsCommand(argument.Parent!.Type)
                    => DelegateUse.EventHandler,
                IArgumentOperation { Parent: IInvocationOperation posted } when AsyncVoidSymbols.IsPostToOwnSynchronizationContext(posted)
                    => DelegateUse.EventHandler,
                _ => DelegateUse.OtherDelegate,
            };
        }

        /// <summary>
        /// The fire-and-forget helper (<c>async void Forget(this Task task) { try { await task; } catch (Exception) { ... } }</c>):
        /// it exists to observe a task it is given without making its caller wait, and its catch-all keeps that task's
        /// exception from crashing the process. Returning Task would only move the dropped task to every call site
        /// (which ASYNC201 already treats as observed through such a helper).
        /// </summary>
        private bool IsGuardedFireAndForgetHelper(IMethodSymbol method)
        {
            var awaitable = false;
            foreach (var parameter in method.Parameters)
            {
                awaitable |= symbols.Common.IsAwaitable(parameter.Type);
            }

            if (!awaitable)
            {
                return false;
            }

            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (!GuardedBody.IsFullyGuarded(syntax))
                {
                    continue;
                }

                foreach (var node in syntax.DescendantNodes())
                {
                    if (node is AwaitExpressionSyntax awaitExpression && GuardedBody.AwaitedName(awaitExpression.Expression) is { } name)
                    {
                        foreach (var parameter in method.Parameters)
                        {
                            if (parameter.Name == name && symbols.Common.IsAwaitable(parameter.Type))
                            {
                                return true;
                            }
                        }
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// A private guarded method that its type calls directly (<c>HandlePFS(msg);</c> in a synchronous dispatch,
        /// <c>RaiseUpdates();</c> in an async read loop): deliberate fire-and-forget of the type's own, from which nothing
        /// escapes. Awaiting it would change what the author wrote (a read loop would wait for each message's processing),
        /// and <c>async Task</c> would only move a discard to each call site. A method that is never called keeps the report,
        /// as does a public or internal one (its callers are not all in sight). Calls are found in the method's top-level
        /// type, where a private method's callers are.
        /// </summary>
        private static bool IsCalledDirectly(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var reference in TopLevelType(method).DeclaringSyntaxReferences)
            {
                foreach (var token in SyntaxWords.Identifiers(reference.GetSyntax(cancellationToken), method.Name))
                {
                    if (token.Parent is SimpleNameSyntax name
                        && ExpressionEndingIn(name) is { Parent: InvocationExpressionSyntax invocation } expression
                        && invocation.Expression == expression)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// The continuation pump of a custom awaitable (Cysharp's ValueTaskSupplement: <c>OnCompleted(continuation, state, …)</c>
        /// calls <c>Resume(inner, continuation, state)</c>, which is <c>try { await inner; } catch { } continuation(state);</c>):
        /// a private method called only from implementations of <c>OnCompleted</c>/<c>UnsafeOnCompleted</c> of the awaiter
        /// protocol (<see cref="AsyncVoidSymbols.ImplementsAwaiterProtocol"/>), each call handing it that contract's continuation
        /// in the same parameter, and whose body is fully guarded with one more step allowed last: handing on that continuation.
        /// The contract returns void and its caller (the awaiting method's builder) has nothing to await; the continuation is
        /// that method's state machine, which does not throw. Returning Task would only make a task nobody can take.
        /// A call from any other method, or of the method as a delegate, keeps the report, as does anything else after the guard.
        /// </summary>
        private bool PumpsAnAwaiterContinuation(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            if (method.DeclaredAccessibility != Accessibility.Private || method.Parameters.IsEmpty)
            {
                return false;
            }

            string? handed = null;
            foreach (var reference in TopLevelType(method).DeclaringSyntaxReferences)
            {
                foreach (var token in SyntaxWords.Identifiers(reference.GetSyntax(cancellationToken), method.Name))
                {
                    // The declaration's own name, a named argument or a nameof run nothing.
                    if (token.Parent is not SimpleNameSyntax name || name.Parent is NameColonSyntax or NameEqualsSyntax || IsNamedInNameof(name))
                    {
                        continue;
                    }

                    if (ExpressionEndingIn(name) is not { Parent: InvocationExpressionSyntax call } expression
                        || call.Expression != expression
                        || ContinuationHandedBy(call, method, cancellationToken) is not { } parameter
                        || (handed is not null && handed != parameter))
                    {
                        return false;
                    }

                    handed = parameter;
                }
            }

            return handed is not null && IsFullyGuarded(method, handed);
        }

        /// <summary>
        /// The name of <paramref name="method"/>'s parameter that <paramref name="call"/> hands the continuation to, when the
        /// call is in an implementation of the awaiter protocol's <c>OnCompleted</c> and passes that method's first parameter
        /// (the continuation every such contract takes first) as it is; otherwise null.
        /// </summary>
        private string? ContinuationHandedBy(InvocationExpressionSyntax call, IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            var compilation = symbols.Common.Compilation;
            if (call.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { Identifier.ValueText: "OnCompleted" or "UnsafeOnCompleted", ParameterList.Parameters: { Count: > 0 } contractParameters } caller
                || !compilation.ContainsSyntaxTree(caller.SyntaxTree)
                || compilation.GetSemanticModel(caller.SyntaxTree).GetDeclaredSymbol(caller, cancellationToken) is not { } contract
                || !AsyncVoidSymbols.ImplementsAwaiterProtocol(contract))
            {
                return null;
            }

            var continuation = contractParameters[0].Identifier.ValueText;
            var arguments = call.ArgumentList.Arguments;
            for (var i = 0; i < arguments.Count; i++)
            {
                var value = arguments[i].Expression;
                while (value is ParenthesizedExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression })
                {
                    value = value is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((PostfixUnaryExpressionSyntax)value).Operand;
                }

                if (value is not IdentifierNameSyntax { Identifier.ValueText: var passed } || passed != continuation)
                {
                    continue;
                }

                if (arguments[i].NameColon is { } named)
                {
                    return method.Parameters.Any(p => p.Name == named.Name.Identifier.ValueText) ? named.Name.Identifier.ValueText : null;
                }

                return i < method.Parameters.Length && !method.Parameters[i].IsParams ? method.Parameters[i].Name : null;
            }

            return null;
        }

        /// <summary><c>nameof(M)</c>, <c>nameof(Specimens.M)</c>: the name is the whole argument of a <c>nameof</c>.</summary>
        private static bool IsNamedInNameof(SimpleNameSyntax name)
            => ExpressionEndingIn(name).Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } } } };

        /// <summary>
        /// A specimen of a test project: an async void method that tests name (<c>GetMethod(nameof(StepDefs.AsyncVoidStep))</c>,
        /// <c>GetMethod("AsyncVoidStep")</c>) and nothing runs, to hand it by reflection to the code under test, which must
        /// reject or handle async void (a step-binding framework that refuses async void steps). The method is the input of the
        /// test; returning Task would make the test meaningless. Every mention of its name anywhere in the compilation is a
        /// <c>nameof</c> or a string literal equal to it (a declaration of a same-named member aside), at least one of them; any
        /// other mention, a call or a method group, whatever it resolves to, keeps the report. So do a test method itself and
        /// any such method in a project without a test framework. Asked last: the name is looked for in each tree's text
        /// first, and only a tree that holds it is walked.
        /// </summary>
        private bool IsSpecimenNamedByTests(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            if (!symbols.IsTestProject || TestMethods.IsTest(method) || TestMethods.IsFixtureSetup(method))
            {
                return false;
            }

            var name = method.Name;
            var named = false;
            foreach (var tree in symbols.Common.Compilation.SyntaxTrees)
            {
                var text = tree.TryGetText(out var kept) ? kept : tree.GetText(cancellationToken);
                if (!SyntaxWords.MayName(text, name))
                {
                    continue;
                }

                var root = tree.GetRoot(cancellationToken);
                foreach (var token in SyntaxWords.Identifiers(root, name))
                {
                    if (token.Parent is not SimpleNameSyntax mention || mention.Parent is NameColonSyntax or NameEqualsSyntax)
                    {
                        continue;
                    }

                    if (!IsNamedInNameof(mention))
                    {
                        return false;
                    }

                    named = true;
                }

                // GetMethod("AsyncVoidStep"): a literal only names it (and needs looking for only while nothing else has).
                foreach (var _ in named ? Enumerable.Empty<SyntaxToken>() : SyntaxWords.StringLiterals(root, name))
                {
                    named = true;
                    break;
                }
            }

            return named;
        }

        /// <summary>
        /// <c>ConnectAndForget</c>, <c>FireAndForgetRefresh</c>: the name says the caller is not meant to wait. With a body from
        /// which no exception can escape, nothing is lost, and <c>async Task</c> would only move a discard to each call site.
        /// </summary>
        private static bool NamesFireAndForget(string name) => name.IndexOf("Forget", System.StringComparison.Ordinal) >= 0;

        /// <summary>
        /// A callback that only awaits a method of its own type whose every overload is async and fully guarded
        /// (<c>async void OnTimerTick(object state) { await CallEndpointAsync((string)state, true); }</c>): the callee catches
        /// what the callback would let escape. With <paramref name="calleeName"/>, only a callee of that name counts.
        /// </summary>
        private bool AwaitsOnlyGuardedMethod(IMethodSymbol method, string? calleeName = null)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var awaited = GuardedBody.OnlyAwaitedCallee(reference.GetSyntax());
                if (awaited is null || (calleeName is not null && awaited != calleeName))
                {
                    return false;
                }

                calleeName = awaited;
            }

            if (calleeName is null)
            {
                return false;
            }

            var callees = method.ContainingType.GetMembers(calleeName);
            if (callees.IsEmpty)
            {
                return false;
            }

            var guarded = false;
            foreach (var callee in callees)
            {
                // private async void Refresh(object _) => await Refresh(false);: the callback is one of the overloads.
                if (callee.Is(method))
                {
                    continue;
                }

                if (callee is not IMethodSymbol { IsAsync: true } asyncCallee || !IsFullyGuarded(asyncCallee))
                {
                    return false;
                }

                guarded = true;
            }

            return guarded;
        }

        /// <summary>
        /// <c>public async void Connect() => await ConnectAsync();</c> beside a <c>ConnectAsync</c> as accessible as it, whose
        /// every overload is async and fully guarded: a fire-and-forget convenience whose awaitable form is offered to
        /// any caller that wants to wait, and from which nothing can escape. A twin that may throw keeps the report.
        /// </summary>
        private bool ForwardsToItsGuardedTwin(IMethodSymbol method)
        {
            var twinName = method.Name + "Async";
            var twins = method.ContainingType.GetMembers(twinName);
            foreach (var twin in twins)
            {
                if (twin.DeclaredAccessibility < method.DeclaredAccessibility)
                {
                    return false;
                }
            }

            return !twins.IsEmpty && AwaitsOnlyGuardedMethod(method, twinName);
        }

        /// <summary>
        /// With the model of the method's tree (this compilation's: a symbol action may ask for it), so that a self-guarding
        /// project method called after the guard (an observer's <c>OnNext</c>) counts as quiet.
        /// </summary>
        /// <param name="handedContinuation">An awaiter's continuation the method was handed, which its last step may hand on.</param>
        private bool IsFullyGuarded(IMethodSymbol method, string? handedContinuation = null)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var compilation = symbols.Common.Compilation;
                var model = compilation.ContainsSyntaxTree(reference.SyntaxTree) ? compilation.GetSemanticModel(reference.SyntaxTree) : null;
                if (GuardedBody.IsFullyGuarded(reference.GetSyntax(), model, handedContinuation))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A notification once a task someone else started has ended (CommunityToolkit.Mvvm's <c>MonitorTask</c>: <c>await
        /// task.GetAwaitableWithoutEndValidation(); OnPropertyChanged(name);</c>): the first statement awaits a parameter, local
        /// or field as it is, through a form that cannot throw (<c>ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing)</c>, or an
        /// adapter named for it), and nothing else is awaited. It starts no work and the await cannot fail; what follows runs
        /// on the context like an event handler's body. A plain <c>await task;</c> helper is still reported: unguarded, it ends
        /// the process when the task fails, the classic fire-and-forget mistake (however deliberate in a command that wants
        /// to rethrow on the UI thread, the code cannot tell the two apart).
        /// </summary>
        private static bool AwaitsTheEndOfAHeldTask(SyntaxNode function)
        {
            var statements = function switch
            {
                MethodDeclarationSyntax { Body: { } block } => block.Statements,
                LocalFunctionStatementSyntax { Body: { } block } => block.Statements,
                _ => default,
            };
            if (statements.Count == 0
                || statements[0] is not ExpressionStatementSyntax { Expression: AwaitExpressionSyntax { Expression: var awaited } }
                || !IsNoThrowAwaitOfHeldTask(awaited))
            {
                return false;
            }

            // One await only: a second one would be work of its own. (The walk starts at the body: a local function's own
            // declaration would stop it.)
            var awaits = 0;
            foreach (var node in statements.SelectMany(static statement => statement.DescendantNodesAndSelf(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))))
            {
                if (node is AwaitExpressionSyntax)
                {
                    awaits++;
                }
            }

            return awaits == 1;
        }

        private static bool AwaitsTheEndOfAHeldTask(IMethodSymbol method)
            => method.DeclaringSyntaxReferences is { Length: 1 } references && AwaitsTheEndOfAHeldTask(references[0].GetSyntax());

        /// <summary>
        /// <c>task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing)</c> or <c>task.GetAwaitableWithoutEndValidation()</c>
        /// (a parameterless adapter whose name says it does not throw: <c>NoThrow</c>, <c>SuppressThrowing</c>,
        /// <c>WithoutEndValidation</c>) on a held task (<c>task</c>, <c>this.pending</c>, <c>value!</c>), not on a call that starts one.
        /// </summary>
        private static bool IsNoThrowAwaitOfHeldTask(ExpressionSyntax awaited)
            => awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Expression: var held, Name.Identifier.ValueText: var adapter }, ArgumentList.Arguments: var arguments }
               && (adapter == "ConfigureAwait"
                   ? arguments.Count == 1 && arguments[0].ToString().IndexOf("SuppressThrowing", System.StringComparison.Ordinal) >= 0
                   : arguments.Count == 0 && (adapter.IndexOf("NoThrow", System.StringComparison.Ordinal) >= 0
                                               || adapter.IndexOf("SuppressThrowing", System.StringComparison.Ordinal) >= 0
                                               || adapter.IndexOf("WithoutEndValidation", System.StringComparison.Ordinal) >= 0))
               && GuardedBody.IsPlainRead(held);

        /// <summary>
        /// <c>public async void Execute(object parameter)</c> on an abstract command base whose derived classes declare
        /// <c>ICommand</c> and inherit this method as its implementation: the interface imposes the signature all the same.
        /// Asked last, only for a public instance method of a class that can be derived from; the compilation's
        /// implementing classes are read once.
        /// </summary>
        private bool ImplementsAnInterfaceForADerivedType(IMethodSymbol method)
        {
            if (method.IsStatic || method.DeclaredAccessibility != Accessibility.Public
                || method.ContainingType is not { TypeKind: TypeKind.Class, IsSealed: false, IsStatic: false } owner
                || !implementersByBase.Value.TryGetValue(owner.OriginalDefinition, out var derivedTypes))
            {
                return false;
            }

            foreach (var derived in derivedTypes)
            {
                foreach (var @interface in derived.AllInterfaces)
                {
                    foreach (var candidate in @interface.GetMembers(method.Name))
                    {
                        if (derived.FindImplementationForInterfaceMember(candidate) is IMethodSymbol implementation
                            && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static System.Collections.Generic.Dictionary<ISymbol, System.Collections.Generic.List<INamedTypeSymbol>> ImplementersByBase(Compilation compilation)
        {
            var map = new System.Collections.Generic.Dictionary<ISymbol, System.Collections.Generic.List<INamedTypeSymbol>>(SymbolEqualityComparer.Default);
            var pending = new System.Collections.Generic.Stack<INamespaceOrTypeSymbol>();
            pending.Push(compilation.Assembly.GlobalNamespace);
            while (pending.Count > 0)
            {
                foreach (var member in pending.Pop().GetMembers())
                {
                    if (member is not INamespaceOrTypeSymbol container)
                    {
                        continue;
                    }

                    pending.Push(container);
                    if (container is not INamedTypeSymbol { TypeKind: TypeKind.Class } type || type.AllInterfaces.IsEmpty)
                    {
                        continue;
                    }

                    for (var @base = type.BaseType; @base is not null; @base = @base.BaseType)
                    {
                        if (!map.TryGetValue(@base.OriginalDefinition, out var implementers))
                        {
                            map[@base.OriginalDefinition] = implementers = new System.Collections.Generic.List<INamedTypeSymbol>();
                        }

                        implementers.Add(type);
                    }
                }
            }

            return map;
        }

        /// <summary>Overrides, interface implementations and partial methods cannot choose their return type.</summary>
        private static bool IsSignatureImposed(IMethodSymbol method)
        {
            if (method.IsOverride || method.ExplicitInterfaceImplementations.Length > 0
                || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null)
            {
                return true;
            }

            var containingType = method.ContainingType;
            if (containingType is null)
            {
                return false;
            }

            foreach (var @interface in containingType.AllInterfaces)
            {
                foreach (var candidate in @interface.GetMembers(method.Name))
                {
                    if (containingType.FindImplementationForInterfaceMember(candidate) is { } implementation
                        && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }
    }
}
