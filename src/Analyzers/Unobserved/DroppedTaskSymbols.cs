using System.Collections.Immutable;
using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// What ASYNC201 (dropped task) and ASYNC202 (task local never observed) agree on, resolved once per compilation:
/// which values are task-like, and which task-producing calls are not "a started operation somebody must observe".
/// </summary>
internal sealed class DroppedTaskSymbols
{
    /// <summary>
    /// Extension methods on a task whose name says they observe it (attach a continuation that logs or swallows,
    /// or state that the caller deliberately does not wait): <c>task.Forget()</c>, <c>task.FireAndForget()</c>,
    /// <c>task.SafeFireAndForget()</c>, <c>task.NoWait()</c>, <c>task.LogExceptions()</c>, <c>task.ObserveExceptions()</c>.
    /// </summary>
    private static readonly ImmutableArray<string> ObserverVocabulary = ImmutableArray.Create(
        "Forget", "NoWait", "NoAwait", "Ignore", "Observe", "Swallow", "Suppress", "Log", "Catch", "Detach");

    /// <summary>Root namespaces of the mocking libraries whose call-recording APIs produce fake tasks.</summary>
    private static readonly ImmutableArray<string> MockingNamespaces = ImmutableArray.Create(
        "NSubstitute", "Moq", "FakeItEasy", "Telerik", "Rhino");

    private readonly ConcurrentDictionary<ITypeSymbol, bool> taskLike = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> fireAndForgetEnums = new(SymbolEqualityComparer.Default);
    private readonly NullTaskConvention nullTasks = new();
    private readonly ConcurrentDictionary<IMethodSymbol, bool> sourceMethodFacts = new(SymbolEqualityComparer.Default);

    public DroppedTaskSymbols(AsyncSymbols symbols)
    {
        Common = symbols;
        Interlocked = symbols.Type("System.Threading.Interlocked");
        Volatile = symbols.Type("System.Threading.Volatile");
        TaskCompletionSource = symbols.Type("System.Threading.Tasks.TaskCompletionSource");
        TaskCompletionSourceOfT = symbols.Type("System.Threading.Tasks.TaskCompletionSource`1");
    }

    public AsyncSymbols Common { get; }

    private INamedTypeSymbol? Interlocked { get; }

    private INamedTypeSymbol? Volatile { get; }

    private INamedTypeSymbol? TaskCompletionSource { get; }

    private INamedTypeSymbol? TaskCompletionSourceOfT { get; }

    /// <summary>
    /// Task, Task&lt;T&gt;, ValueTask(&lt;T&gt;), ConfiguredTaskAwaitable, YieldAwaitable or any other type with an instance
    /// GetAwaiter. Not a dispatcher operation (WPF/Avalonia <c>DispatcherOperation</c>): the dispatcher reports its
    /// exceptions itself, and posting work to the UI thread without waiting is what <c>BeginInvoke</c> is for.
    /// </summary>
    public bool IsTaskLike(ITypeSymbol? type)
    {
        if (type is null || type.SpecialType != SpecialType.None || type.TypeKind is TypeKind.Error or TypeKind.Dynamic or TypeKind.TypeParameter)
        {
            return false;
        }

        if (Common.IsTaskOrValueTask(type))
        {
            return true;
        }

        // Awaitability is a property of the generic definition (its GetAwaiter and base types), and a definition hashes
        // by identity where a constructed type (List<Dictionary<K, V>>) hashes its type arguments on every probe.
        var definition = type.OriginalDefinition;
        if (taskLike.TryGetValue(definition, out var known))
        {
            return known;
        }

        return taskLike.GetOrAdd(definition, Common.IsAwaitable(definition) && !IsDispatcherOperation(definition));
    }

    /// <summary><c>Task.Delay</c> and <c>Task.Yield</c>: calls whose only effect is the wait. Discarding them keeps a bug.</summary>
    public bool IsWaitOnly(IMethodSymbol method)
        => method.IsStatic
           && method.Name is "Delay" or "Yield"
           && method.ContainingType.Is(Common.Task);

    /// <summary>
    /// True when the task-like result of <paramref name="invocation"/> is not an operation that somebody must await:
    /// the call is itself an observer, asks for fire-and-forget explicitly, returns an already completed task, returns a
    /// task it did not start (a container or an atomic exchange), records a call on a mock, runs work that cannot fault
    /// (on the pool or by calling a guarded method of this compilation), does all its work before it returns, or
    /// follows the null-task convention (a project method that returns null when it finished synchronously).
    /// </summary>
    public bool IsNotAnUnobservedOperation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        return (IsObserver(method) && !WrapsNewAsyncWork(invocation))
               || CompletesAPromise(method)
               || IsCompletedTaskFactory(method)
               || ReturnsAValueItDidNotStart(invocation)
               || AsksForFireAndForget(invocation)
               || CompletesTheChannelItFeeds(invocation)
               || HandsItsFailureToACallback(invocation)
               || RunsSynchronously(invocation)
               || HandsOverAPromise(invocation)
               || IsMockingCall(invocation)
               || IsOnDefaultValue(invocation)
               || IsRenderRequest(invocation)
               || GuardedWork.StartsGuardedWork(invocation, IsPromise)
               || HasNothingToObserve(method)
               || nullTasks.MayReturnNull(method);
    }

    /// <summary>
    /// <c>InvokeAsync(StateHasChanged)</c> in a Blazor component (or <c>() =&gt; StateHasChanged()</c>, or through the renderer's
    /// <c>Dispatcher</c>): a render request marshalled to the renderer. Rendering failures go to the renderer, not to this task,
    /// and the setters, timer callbacks and event handlers that ask for a render cannot wait for it: the Blazor form of WPF's
    /// <c>Dispatcher.BeginInvoke</c>. Any other work handed to <c>InvokeAsync</c> runs the caller's code and is reported.
    /// </summary>
    private static bool IsRenderRequest(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod is not { Name: "InvokeAsync", Parameters.Length: 1, ContainingType: { Name: "ComponentBase" or "Dispatcher" } type }
            || !type.ContainingNamespace.IsNamespace("Microsoft.AspNetCore.Components"))
        {
            return false;
        }

        // Peel strips the conversion and the delegate creation: the method group or the lambda is left.
        return GuardedWork.Peel(invocation.Arguments[0].Value) switch
               {
                   IMethodReferenceOperation reference => IsStateHasChanged(reference.Method) || OnlyRenders(reference.Method),
                   IAnonymousFunctionOperation { Symbol.Parameters.IsEmpty: true } lambda => OnlyRendersIn(lambda.Body) || OnlyCallsARenderWrapper(lambda.Body),
                   _ => false,
               };

        // InvokeAsync(() => Grid.ChangeState()): the lambda only calls such a wrapper.
        static bool OnlyCallsARenderWrapper(IBlockOperation body)
        {
            var called = body.Operations.Length is 1 or 2
                ? body.Operations[0] switch
                {
                    IReturnOperation { ReturnedValue: IInvocationOperation { Arguments.Length: 0 } returned } => returned,
                    IExpressionStatementOperation { Operation: IInvocationOperation { Arguments.Length: 0 } statement } => statement,
                    _ => null,
                }
                : null;
            return called is not null && OnlyRenders(called.TargetMethod)
                   && (body.Operations.Length == 1 || body.Operations[1] is IReturnOperation { ReturnedValue: null, IsImplicit: true });
        }

        // A project's own wrapper whose whole body asks for a render: async Task ChangeState() { await InvokeAsync(StateHasChanged); }.
        static bool OnlyRenders(IMethodSymbol method)
        {
            if (method is not { Parameters.IsEmpty: true, IsVirtual: false, IsAbstract: false, IsOverride: false } || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            var only = MethodBodySyntax.SoleStatementExpression(declaration);
            if (only is AwaitExpressionSyntax { Expression: var awaited })
            {
                only = AwaitSyntax.WithoutConfigureAwait(awaited);
            }

            return only is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "StateHasChanged" }, ArgumentList.Arguments.Count: 0 }
                   || only is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "InvokeAsync" }, ArgumentList.Arguments: { Count: 1 } arguments }
                      && arguments[0].Expression is IdentifierNameSyntax { Identifier.ValueText: "StateHasChanged" };
        }

        static bool OnlyRendersIn(IBlockOperation body)
        {
            var renders = false;
            foreach (var operation in body.Operations)
            {
                if (operation is IReturnOperation { ReturnedValue: null, IsImplicit: true })
                {
                    continue;
                }

                if (renders || !Renders(operation))
                {
                    return false;
                }

                renders = true;
            }

            return renders;
        }

        // StateHasChanged(); the same behind a test that only reads state (if (!IsDisposed) StateHasChanged();); or one await of
        // a render request (async () => await InvokeAsync(StateHasChanged)).
        static bool Renders(IOperation operation) => operation switch
        {
            IExpressionStatementOperation { Operation: IInvocationOperation { Arguments.Length: 0 } call } => IsStateHasChanged(call.TargetMethod),
            IExpressionStatementOperation { Operation: IAwaitOperation { Operation: var awaited } } =>
                StripConfigureAwait(awaited) is IInvocationOperation request && IsRenderRequest(request),
            IConditionalOperation { WhenFalse: null, Condition: var condition, WhenTrue: var whenTrue } =>
                OnlyReadsState(condition) && (whenTrue is IBlockOperation block ? block.Operations.Length == 1 && Renders(block.Operations[0]) : Renders(whenTrue)),
            _ => false,
        };

        static IOperation StripConfigureAwait(IOperation awaited)
            => awaited is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } task } ? task : awaited;

        static bool OnlyReadsState(IOperation condition)
        {
            foreach (var part in condition.DescendantsAndSelf())
            {
                if (part is IInvocationOperation or IObjectCreationOperation or IAwaitOperation or IAssignmentOperation)
                {
                    return false;
                }
            }

            return true;
        }

        static bool IsStateHasChanged(IMethodSymbol method) => method is { Name: "StateHasChanged", Parameters.Length: 0, ReturnsVoid: true };
    }

    /// <summary>
    /// <c>default(TEncoder).EncodeAsync(…)</c>: ahead-of-time seeding code that only names a generic instantiation so the
    /// compiler keeps it. The call has no object to run on; nothing would be started, so nothing is dropped.
    /// </summary>
    private static bool IsOnDefaultValue(IInvocationOperation invocation)
        => GuardedWork.Peel(invocation.Instance) is IDefaultValueOperation;

    /// <summary>
    /// A method of this compilation whose task cannot fault or is complete when it returns: guarded
    /// (<see cref="GuardedWork.IsGuardedSourceCall"/>), done before it returns (<see cref="CompletedTaskMethod"/>), or
    /// returning only tasks whose faults are observed (<see cref="NeverFaultingMethod"/>), returning the receipt of a
    /// promise handed to whoever does the work (<see cref="ReceiptMethod"/>), or the task of a promise it has just completed
    /// (<see cref="CompletedTaskMethod.ReturnsAPromiseItJustCompleted"/>).
    /// Read from its syntax once per method: ASYNC202 asks it for every task local started by a call.
    /// </summary>
    private bool HasNothingToObserve(IMethodSymbol method)
    {
        var definition = (method.ReducedFrom ?? method).OriginalDefinition;
        if (definition.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        return sourceMethodFacts.GetOrAdd(
            definition,
            m => GuardedWork.IsGuardedSourceCall(m) || CompletedTaskMethod.ReturnsOnlyCompletedTasks(m) || NeverFaultingMethod.NeverFaults(m, Common.Compilation)
                 || ReceiptMethod.ReturnsAHandedOffReceipt(m) || CompletedTaskMethod.ReturnsAPromiseItJustCompleted(m));
    }

    /// <summary>
    /// The sync half of a dual code path called directly: the method shares one implementation for both APIs and is
    /// told, by a constant <c>false</c> for its <c>bool async</c> parameter (<c>doAsync</c>, <c>isAsync</c>, <c>asyncWrite</c>),
    /// to do its work synchronously (<c>buffer.WriteString(text, length, async: false)</c>). The task it returns is
    /// already complete when the call returns: the caller has nothing to wait for.
    /// </summary>
    private static bool RunsSynchronously(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter is { Type.SpecialType: SpecialType.System_Boolean, Name: var name }
                && NamesAsyncMode(name)
                && argument.Value.ConstantValue is { HasValue: true, Value: false })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>async</c>, <c>isAsync</c>, <c>doAsync</c>, <c>useAsync</c>, <c>runAsync</c>, and those followed by what is done that
    /// way (<c>asyncWrite</c>, <c>isAsyncCall</c>). Not <c>forceAsync</c>: false there still allows an async run.
    /// </summary>
    private static bool NamesAsyncMode(string name)
    {
        foreach (var prefix in AsyncModePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && (name.Length == prefix.Length || char.IsUpper(name[prefix.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly ImmutableArray<string> AsyncModePrefixes = ImmutableArray.Create("async", "isAsync", "doAsync", "useAsync", "runAsync");

    /// <summary><c>TaskCompletionSource</c> or <c>TaskCompletionSource&lt;T&gt;</c>, or a type derived from one (its completions are the base's).</summary>
    private bool IsPromise(ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.OriginalDefinition is { } definition && (definition.Is(TaskCompletionSource) || definition.Is(TaskCompletionSourceOfT)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Continuation passing: the call is handed a <c>TaskCompletionSource</c> and reports its outcome through it (older dual
    /// code returns null then). Whoever waits, waits on that promise.
    /// </summary>
    private bool HandsOverAPromise(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Value is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation
                    or IConversionOperation { Operand: ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation }
                && IsPromise(argument.Value.Type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A lambda that records a call for a mocking library (<c>sub.When(x => x.SendAsync())</c>) or is an expression tree.</summary>
    public static bool IsRecordedOrQuotedLambda(IAnonymousFunctionOperation lambda)
    {
        IOperation? parent = lambda.Parent;
        while (parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
        {
            if (parent.Type is INamedTypeSymbol { Name: "Expression" })
            {
                // A lambda converted to Expression<...> is data, not code that runs.
                return true;
            }

            parent = parent.Parent;
        }

        return parent is IArgumentOperation { Parent: IInvocationOperation invocation }
               && (IsMockingMember(invocation.TargetMethod) || IsSynchronousThrowAssertion(invocation.TargetMethod, lambda));
    }

    /// <summary>
    /// <c>Assert.Throws&lt;ArgumentNullException&gt;(() =&gt; locks.AcquireAsync(null!))</c>, <c>Assert.Catch(…)</c>,
    /// <c>Should.Throw(…)</c>: a test that the method throws before it returns a task (eager argument validation). The
    /// lambda is a void delegate on purpose; had the method returned a task, the assertion itself would fail.
    /// </summary>
    private static bool IsSynchronousThrowAssertion(IMethodSymbol assertion, IAnonymousFunctionOperation lambda)
    {
        if (!lambda.Symbol.ReturnsVoid || lambda.Symbol.IsAsync)
        {
            return false;
        }

        var asserts = assertion.ContainingType?.Name ?? "";
        return assertion.Name is "Throws" or "ThrowsAny" or "ThrowsExactly" or "ThrowsException" or "Catch" or "DoesNotThrow"
                   or "Throw" or "NotThrow" or "Invoking" or "Exception" or "That"
               && (asserts.IndexOf("Assert", StringComparison.Ordinal) >= 0 || asserts is "Should" or "Record" or "FluentActions")
               && (assertion.Name != "That" || lambda.Parent?.Type?.Name == "TestDelegate");
    }

    /// <summary>
    /// A helper that completes a TaskCompletionSource off the caller's thread (<c>tcs.TrySetResultAsync(v)</c>, an
    /// extension on the source or a method of a source type): whoever waits, waits on the source's own task, and
    /// completing a promise has no exception to lose. Dropping its task is the point of calling it.
    /// </summary>
    private bool CompletesAPromise(IMethodSymbol method)
    {
        var definition = method.ReducedFrom ?? method;
        var promise = definition.IsExtensionMethod && definition.Parameters.Length > 0
            ? definition.Parameters[0].Type
            : method.IsStatic ? null : method.ContainingType;
        for (var type = promise; type is not null; type = type.BaseType)
        {
            if (IsPromise(type))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>t.ContinueWith(...)</c>, a method named "…Forget", or an extension on a task whose name says it observes it.</summary>
    private bool IsObserver(IMethodSymbol method)
    {
        // ContinueWith (and TaskFactory's ContinueWhenAll/ContinueWhenAny) attaches a continuation; a method named
        // "...Forget" says the caller does not wait, by name.
        if (method.Name is "ContinueWith" or "ContinueWhenAll" or "ContinueWhenAny"
            || method.Name.IndexOf("Forget", StringComparison.Ordinal) >= 0)
        {
            return true;
        }

        if (!method.IsExtensionMethod)
        {
            return false;
        }

        var definition = method.ReducedFrom ?? method;
        if (definition.Parameters.Length == 0 || !IsTaskLike(definition.Parameters[0].Type) && definition.Parameters[0].Type.TypeKind != TypeKind.TypeParameter)
        {
            return false;
        }

        foreach (var word in ObserverVocabulary)
        {
            if (method.Name.IndexOf(word, StringComparison.Ordinal) >= 0)
            {
                return true;
            }
        }

        return IsLibraryPipeTo(definition) || OnlyContinues(definition.OriginalDefinition);
    }

    /// <summary>
    /// <c>connect.ContinueWith(async t =&gt; { Start(); await OnConnectAsync(); })</c>, <c>ContinueWith(t =&gt; SendAsync())</c>, a
    /// method group: a continuation that starts work of its own and returns its task (the call's type is <c>Task&lt;Task&gt;</c>).
    /// The outer task ends when the inner one is started, so dropping it drops the new work and its faults; it observes
    /// nothing. Not new work: a lambda that only hands back a task it did not start (<c>_ =&gt; cachedTask = null</c>), or an
    /// async lambda whose whole body is guarded.
    /// </summary>
    private bool WrapsNewAsyncWork(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name is not ("ContinueWith" or "ContinueWhenAll" or "ContinueWhenAny")
            || invocation.Type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } wrapper
            || !IsTaskLike(wrapper.TypeArguments[0]))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            switch (GuardedWork.Peel(argument.Value))
            {
                case IMethodReferenceOperation:
                    return true;
                case IAnonymousFunctionOperation { Symbol.IsAsync: true } asyncLambda:
                    return !GuardedBody.IsFullyGuarded(asyncLambda.Syntax, asyncLambda.SemanticModel);
                case IAnonymousFunctionOperation lambda:
                    foreach (var operation in lambda.Body.DescendantsAndSelf())
                    {
                        if (operation is IReturnOperation { ReturnedValue: { } value }
                            && AsyncContext.EnclosingFunctionOperation(operation) == lambda
                            && GuardedWork.Peel(value) is IInvocationOperation or IObjectCreationOperation)
                        {
                            return true;
                        }
                    }

                    return false;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>task.PipeTo(Self)</c> of an actor library (Akka.NET's <c>PipeToSupport</c>): the extension awaits the task and tells
    /// the recipient its result or, in a catch-all, its failure as a message; an actor cannot await, and this is how its
    /// work reports back. Only from a referenced assembly: a project's own <c>PipeTo</c> is read from its body
    /// (<see cref="GuardedWork.IsGuardedSourceCall"/>), and one without a catch-all still faults.
    /// </summary>
    private static bool IsLibraryPipeTo(IMethodSymbol extension)
        => extension.Name == "PipeTo"
           && extension.DeclaringSyntaxReferences.IsEmpty
           && extension.Parameters.Length >= 2
           && extension.Parameters[1].Type.TypeKind is TypeKind.Interface or TypeKind.Class;

    /// <summary>
    /// A project extension whose whole body attaches a continuation to the task it extends and returns it (Rx's
    /// <c>ContinueWithState(this Task task, …) =&gt; task.ContinueWith(…)</c>, a way to pass state without a closure): as much
    /// an observer as <c>ContinueWith</c> itself. <c>….ContinueWith(_ =&gt; work()).Unwrap()</c> starts new work and is not one.
    /// </summary>
    private static bool OnlyContinues(IMethodSymbol extension)
    {
        if (extension.IsAsync || extension.DeclaringSyntaxReferences.Length != 1
            || extension.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return false;
        }

        return MethodBodySyntax.SoleReturnedValue(declaration) is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContinueWith", Expression: IdentifierNameSyntax receiver } }
               && receiver.Identifier.ValueText == extension.Parameters[0].Name;
    }

    /// <summary><c>Task.FromResult</c>, <c>Task.FromException</c>, <c>Task.FromCanceled</c>, <c>ValueTask.FromResult</c>: nothing runs.</summary>
    private bool IsCompletedTaskFactory(IMethodSymbol method)
        => method.IsStatic
           && method.Name.StartsWith("From", StringComparison.Ordinal)
           && (method.ContainingType.Is(Common.Task) || method.ContainingType.Is(Common.ValueTask));

    /// <summary>
    /// A method whose declared return type is a type parameter hands back a value of the caller's type it did not
    /// create: <c>Interlocked.Exchange(ref task, next)</c>, <c>queue.Dequeue()</c>, <c>cache.GetOrAdd(key, _ => LoadAsync())</c>.
    /// Not a delegate's Invoke, and not a helper that runs a delegate it was given (<c>Retry(() => SendAsync())</c>),
    /// unless that helper is a collection that keeps the value.
    /// </summary>
    private bool ReturnsAValueItDidNotStart(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var definition = method.ReducedFrom ?? method.OriginalDefinition;
        if (definition.ReturnType.TypeKind != TypeKind.TypeParameter || method.MethodKind == MethodKind.DelegateInvoke)
        {
            return HandsBackAnExistingArgument(invocation, definition);
        }

        var containingType = method.ContainingType;
        if (containingType.Is(Interlocked) || containingType.Is(Volatile) || IsCollection(containingType))
        {
            return true;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Value.Type?.TypeKind == TypeKind.Delegate || argument.Value is IDelegateCreationOperation)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A project method whose every <c>return</c> hands back one parameter unchanged (<c>Cancel(subject, token)</c> fails the
    /// subject and returns it, for chaining), called with a value the caller already holds (a local, a field, a parameter,
    /// a stored property of one: <see cref="IsHeldValue"/>):
    /// the dropped result is that value, not new work. The same call with a task started in the argument still drops it.
    /// </summary>
    private bool HandsBackAnExistingArgument(IInvocationOperation invocation, IMethodSymbol definition)
    {
        if (definition.IsAsync || !definition.RunsOnlyItsOwnBody() || definition.DeclaringSyntaxReferences.Length != 1
            || definition.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { Body: { } body })
        {
            return false;
        }

        string? returnedName = null;
        var returns = CompletedTaskMethod.CountReturns(body, @return =>
        {
            if (@return.Expression is not IdentifierNameSyntax { Identifier.ValueText: var name } || (returnedName is not null && returnedName != name))
            {
                return false;
            }

            returnedName = name;
            return true;
        });
        if (returns <= 0)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name == returnedName)
            {
                return IsHeldValue(GuardedWork.Peel(argument.Value), depth: 0);
            }
        }

        return false;
    }

    /// <summary>
    /// A value the caller already holds: a local, a parameter, a field, <c>this</c>, or a property of one that only reads
    /// what is stored (an auto-property, or the <c>Task</c> of a promise or of an async method builder:
    /// <c>this.MethodBuilder.Task</c>). A property with a body may start work on each read and is not one.
    /// </summary>
    private bool IsHeldValue(IOperation? value, int depth)
    {
        switch (value)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation:
                return true;
            case IFieldReferenceOperation field:
                return field.Instance is null || (depth < 4 && IsHeldValue(field.Instance, depth + 1));
            case IPropertyReferenceOperation { Arguments.IsEmpty: true, Property: var property } read:
                return (IsAutoProperty(property) || IsStoredTaskOfABuilder(property))
                       && (read.Instance is null || (depth < 4 && IsHeldValue(read.Instance, depth + 1)));
            default:
                return false;
        }
    }

    private static bool IsAutoProperty(IPropertySymbol property)
        => property.GetMethod is { DeclaringSyntaxReferences: { Length: 1 } references }
           && references[0].GetSyntax() is AccessorDeclarationSyntax { Body: null, ExpressionBody: null };

    /// <summary><c>TaskCompletionSource.Task</c>, <c>AsyncTaskMethodBuilder.Task</c>: the task the promise or builder keeps.</summary>
    private bool IsStoredTaskOfABuilder(IPropertySymbol property)
        => property.Name == "Task"
           && property.ContainingType is { } owner
           && (IsPromise(owner)
               || (owner.Name.EndsWith("MethodBuilder", StringComparison.Ordinal) && SymbolExtensions.IsFrameworkAssembly(owner.ContainingAssembly)));

    private static bool IsCollection(INamedTypeSymbol? type)
    {
        if (type is null)
        {
            return false;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            if (implemented.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>channel.Writer.WriteAllAsync(source, complete: true); return channel.Reader;</c>: a producer feeding a
    /// <c>ChannelWriter&lt;T&gt;</c> (its receiver or an argument) and told to complete it when it ends, with its fault when it
    /// fails. The reader's consumer sees the outcome through the channel's completion; the task adds nothing to it. The
    /// bool parameter must be named for completing (<c>complete</c>, <c>completeWhenDone</c>) and be the constant true: a
    /// producer told not to complete the channel leaves the consumer waiting and the fault lost, and is reported.
    /// </summary>
    private static bool CompletesTheChannelItFeeds(IInvocationOperation invocation)
    {
        var feedsAChannel = IsChannelWriter(invocation.Instance?.Type);
        var completes = false;
        foreach (var argument in invocation.Arguments)
        {
            feedsAChannel |= IsChannelWriter(argument.Value.Type);
            completes |= argument.Parameter is { Type.SpecialType: SpecialType.System_Boolean } parameter
                         && parameter.Name.StartsWith("complete", StringComparison.OrdinalIgnoreCase)
                         && argument.Value.ConstantValue is { HasValue: true, Value: true };
        }

        return feedsAChannel && completes;

        static bool IsChannelWriter(ITypeSymbol? type)
        {
            for (var current = type; current is not null; current = current.BaseType)
            {
                if (current is INamedTypeSymbol { Name: "ChannelWriter", Arity: 1 } writer && writer.ContainingNamespace.IsNamespace("System.Threading.Channels"))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// <c>socket.Send(frame, OnSent, error: e =&gt; Close(e))</c>, <c>post().Error(ex =&gt; Log(ex))</c>: a callback-style API
    /// handed the function it calls with the operation's exception. The API delivers the failure there; the task it
    /// returns is for composition (Fleck's sockets, ServiceStack's <c>Success</c>/<c>Error</c>). The callback is a delegate
    /// taking an <see cref="Exception"/>, the parameter or the method is named for failure (<c>error</c>, <c>onError</c>,
    /// <c>onFailure</c>, <c>exceptionHandler</c>; <c>Error</c>, <c>OnFault</c>), and the argument is not null. A callback for
    /// something else (<c>onRetry: ex =&gt; Log(ex)</c>, <c>progress</c>) or a null handler keeps the report.
    /// </summary>
    private static bool HandsItsFailureToACallback(IInvocationOperation invocation)
    {
        // Types first: most calls take no delegate of an exception, and then no name is read.
        foreach (var argument in invocation.Arguments)
        {
            if (argument.ArgumentKind == ArgumentKind.Explicit
                && argument.Parameter is { Type: INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } callback } } parameter
                && TakesAnException(callback)
                && GuardedWork.Peel(argument.Value) is IAnonymousFunctionOperation or IMethodReferenceOperation or IParameterReferenceOperation or ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation
                && (NamesFailure(parameter.Name) || NamesFailure(invocation.TargetMethod.Name)))
            {
                return true;
            }
        }

        return false;

        static bool TakesAnException(IMethodSymbol callback)
        {
            foreach (var parameter in callback.Parameters)
            {
                if (parameter.Type.IsExceptionType())
                {
                    return true;
                }
            }

            return false;
        }

        static bool NamesFailure(string name)
            => NameWords.ContainsWords(name, "Error") || NameWords.ContainsWords(name, "Fail") || NameWords.ContainsWords(name, "Failure")
               || NameWords.ContainsWords(name, "Failed") || NameWords.ContainsWords(name, "Fault") || NameWords.ContainsWords(name, "Faulted")
               || NameWords.ContainsWords(name, "Exception");
    }

    /// <summary>
    /// An argument asks for fire-and-forget: an enum value that includes a member named <c>FireAndForget</c>
    /// (StackExchange.Redis <c>CommandFlags.FireAndForget</c>, also combined with <c>|</c>), or a bool parameter named
    /// <c>fireAndForget</c> set to true. A non-constant value of such a parameter may be fire-and-forget: stay silent.
    /// </summary>
    private bool AsksForFireAndForget(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                continue;
            }

            if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType && HasFireAndForgetMember(enumType))
            {
                var constant = argument.Value.ConstantValue;
                if (!constant.HasValue || FireAndForgetFlag.IsIncludedIn(enumType, constant.Value))
                {
                    return true;
                }
            }
            else if (parameter.Type.SpecialType == SpecialType.System_Boolean
                     && string.Equals(parameter.Name, "fireAndForget", StringComparison.OrdinalIgnoreCase))
            {
                var constant = argument.Value.ConstantValue;
                if (!constant.HasValue || constant.Value is true)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private bool HasFireAndForgetMember(INamedTypeSymbol enumType)
        => fireAndForgetEnums.GetOrAdd(enumType, static type => FireAndForgetFlag.ValueIn(type) is not null);

    /// <summary>
    /// A call on what a mocking library returned (NSubstitute <c>sub.Received().SendAsync()</c>, also an extension method
    /// on it), on a fake itself or one of its properties (<c>fake.Connection.Delete(uri)</c>), or a mocking API itself:
    /// the call is recorded or verified, and the task is the library's completed fake.
    /// </summary>
    private static bool IsMockingCall(IInvocationOperation invocation)
    {
        if (IsMockingMember(invocation.TargetMethod))
        {
            return true;
        }

        var start = invocation.Instance
                    ?? (invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0 ? invocation.Arguments[0].Value : null);
        for (var receiver = start; receiver is not null;)
        {
            switch (receiver)
            {
                case IInvocationOperation call:
                    if (IsMockingMember(call.TargetMethod))
                    {
                        return true;
                    }

                    receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    break;
                case IConversionOperation conversion:
                    receiver = conversion.Operand;
                    break;
                case IPropertyReferenceOperation property:
                    receiver = property.Instance;
                    break;
                default:
                    return IsFake(receiver, depth: 0) || IsBuiltOnAFake(receiver, depth: 0);
            }
        }

        return false;
    }

    /// <summary>
    /// The object under test was built, in this method, around a fake: <c>var client = new SearchClient(Substitute.For&lt;IApi&gt;());</c>
    /// (also through a local, or Moq's <c>mock.Object</c>). Its task comes from the fake (completed), and the test goes on to
    /// verify the call on the fake: the dropped task is the "act" step of an arrange-act-assert test, not lost work.
    /// </summary>
    private static bool IsBuiltOnAFake(IOperation? value, int depth)
    {
        while (value is IConversionOperation or IParenthesizedOperation)
        {
            value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
        }

        switch (value)
        {
            case ILocalReferenceOperation local when depth < 3:
                return IsBuiltOnAFake(LocalInitializer(local), depth + 1);

            case IObjectCreationOperation creation when depth < 3:
                foreach (var argument in creation.Arguments)
                {
                    if (IsFake(argument.Value, depth + 1))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return false;
        }
    }

    /// <summary><c>Substitute.For&lt;T&gt;()</c>, <c>A.Fake&lt;T&gt;()</c>, <c>mock.Object</c>, or a local initialized with one.</summary>
    private static bool IsFake(IOperation value, int depth)
    {
        while (value is IConversionOperation conversion)
        {
            value = conversion.Operand;
        }

        return value switch
        {
            IInvocationOperation call => IsMockingMember(call.TargetMethod),
            IPropertyReferenceOperation property => IsInMockingNamespace(property.Property),
            ILocalReferenceOperation local when depth < 3 => LocalInitializer(local) is { } initializer && IsFake(initializer, depth + 1),
            _ => false,
        };
    }

    private static IOperation? LocalInitializer(ILocalReferenceOperation local)
    {
        var references = local.Local.DeclaringSyntaxReferences;
        var model = local.SemanticModel;
        if (references.Length != 1 || model is null || references[0].SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return references[0].GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.VariableDeclaratorSyntax { Initializer.Value: { } initializer }
            ? model.GetOperation(initializer)
            : null;
    }

    private static bool IsMockingMember(IMethodSymbol method) => IsInMockingNamespace(method);

    private static bool IsInMockingNamespace(ISymbol symbol)
    {
        var ns = symbol.ContainingNamespace;
        if (ns is null || ns.IsGlobalNamespace)
        {
            return false;
        }

        while (!ns.ContainingNamespace.IsGlobalNamespace)
        {
            ns = ns.ContainingNamespace;
        }

        foreach (var name in MockingNamespaces)
        {
            if (ns.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDispatcherOperation(ITypeSymbol type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current.Name is "DispatcherOperation")
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>Small helpers ASYNC201 and ASYNC202 share to name the call in a message and to skip broken code.</summary>
internal static class DroppedTaskNames
{
    /// <summary><c>F().ConfigureAwait(false)</c> → the <c>F()</c> call: that is the operation, and its arguments say fire-and-forget.</summary>
    public static IInvocationOperation PeelConfigureAwait(IInvocationOperation invocation)
    {
        while (invocation.TargetMethod.Name == "ConfigureAwait" && invocation.Instance is IInvocationOperation inner)
        {
            invocation = inner;
        }

        return invocation;
    }

    /// <summary>How a message names the call: <c>Task.Delay</c>, <c>Client.SendAsync</c>, or the delegate invoked (<c>onChanged</c>).</summary>
    public static string Describe(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.MethodKind == MethodKind.DelegateInvoke && invocation.Instance?.Syntax is { } receiver)
        {
            var text = receiver.ToString();
            return text.Length <= 40 ? text : method.ContainingType.Name;
        }

        return method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name;
    }

    /// <summary>Half-typed code: the call or one of its arguments does not bind. The compiler's error speaks first.</summary>
    public static bool HasErrors(IOperation operation)
    {
        foreach (var descendant in operation.DescendantsAndSelf())
        {
            if (descendant is IInvalidOperation || descendant.Type?.TypeKind == TypeKind.Error)
            {
                return true;
            }
        }

        return false;
    }
}
