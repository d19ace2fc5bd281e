using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// The types ASYNC101/ASYNC102 and <see cref="TaskCompletion"/> look at, resolved once per compilation
/// (any of them may be missing: every use is null-safe).
/// </summary>
internal sealed class WaitSymbols
{
    private WaitSymbols(AsyncSymbols symbols)
    {
        Async = symbols;
        TaskStatus = symbols.Type("System.Threading.Tasks.TaskStatus");
        TaskAwaiter = symbols.Type("System.Runtime.CompilerServices.TaskAwaiter");
        TaskAwaiterOfT = symbols.Type("System.Runtime.CompilerServices.TaskAwaiter`1");
        ValueTaskAwaiter = symbols.Type("System.Runtime.CompilerServices.ValueTaskAwaiter");
        ValueTaskAwaiterOfT = symbols.Type("System.Runtime.CompilerServices.ValueTaskAwaiter`1");
        ConfiguredTaskAwaitable = symbols.Type("System.Runtime.CompilerServices.ConfiguredTaskAwaitable");
        ConfiguredTaskAwaitableOfT = symbols.Type("System.Runtime.CompilerServices.ConfiguredTaskAwaitable`1");
        ConfiguredValueTaskAwaitable = symbols.Type("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable");
        ConfiguredValueTaskAwaitableOfT = symbols.Type("System.Runtime.CompilerServices.ConfiguredValueTaskAwaitable`1");
        TimeSpan = symbols.Type("System.TimeSpan");
        Timeout = symbols.Type("System.Threading.Timeout");
        Enumerable = symbols.Type("System.Linq.Enumerable");
        WaitHandle = symbols.Type("System.Threading.WaitHandle");
        Mutex = symbols.Type("System.Threading.Mutex");
        Semaphore = symbols.Type("System.Threading.Semaphore");
        ManualResetEventSlim = symbols.Type("System.Threading.ManualResetEventSlim");
        CountdownEvent = symbols.Type("System.Threading.CountdownEvent");
        Barrier = symbols.Type("System.Threading.Barrier");
        Monitor = symbols.Type("System.Threading.Monitor");
        SpinWait = symbols.Type("System.Threading.SpinWait");
        BlockingCollection = symbols.Type("System.Collections.Concurrent.BlockingCollection`1");
        HttpClient = symbols.Type("System.Net.Http.HttpClient");
        // Asked only when a report is written: reading Task's members at compilation start made a cold build load them
        // for every project, async or not.
        waitAsyncWithToken = new Lazy<IMethodSymbol?>(() => InstanceMethod(symbols.Task, "WaitAsync", symbols.CancellationToken));
    }

    private readonly Lazy<IMethodSymbol?> waitAsyncWithToken;

    public AsyncSymbols Async { get; }
    public INamedTypeSymbol? TaskStatus { get; }
    public INamedTypeSymbol? TaskAwaiter { get; }
    public INamedTypeSymbol? TaskAwaiterOfT { get; }
    public INamedTypeSymbol? ValueTaskAwaiter { get; }
    public INamedTypeSymbol? ValueTaskAwaiterOfT { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaitable { get; }
    public INamedTypeSymbol? ConfiguredTaskAwaitableOfT { get; }
    public INamedTypeSymbol? ConfiguredValueTaskAwaitable { get; }
    public INamedTypeSymbol? ConfiguredValueTaskAwaitableOfT { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? Timeout { get; }
    public INamedTypeSymbol? Enumerable { get; }
    public INamedTypeSymbol? WaitHandle { get; }
    public INamedTypeSymbol? Mutex { get; }
    public INamedTypeSymbol? Semaphore { get; }
    public INamedTypeSymbol? ManualResetEventSlim { get; }
    public INamedTypeSymbol? CountdownEvent { get; }
    public INamedTypeSymbol? Barrier { get; }
    public INamedTypeSymbol? Monitor { get; }
    public INamedTypeSymbol? SpinWait { get; }
    public INamedTypeSymbol? BlockingCollection { get; }

    /// <summary><c>Task.WaitAsync(CancellationToken)</c> exists (.NET 6+): the async form of <c>Wait(ct)</c>.</summary>
    public bool WaitAsyncWithToken => waitAsyncWithToken.Value is not null;

    /// <summary>That method, for asking whether every target framework of the project has it (<see cref="FrameworkTwinHistory"/>).</summary>
    public IMethodSymbol? WaitAsyncWithTokenMethod => waitAsyncWithToken.Value;

    public INamedTypeSymbol Task => Async.Task;

    public static WaitSymbols Create(AsyncSymbols symbols) => new(symbols);

    /// <summary>The awaiter types whose <c>GetResult()</c> blocks on a task (TaskAwaiter, ValueTaskAwaiter and the configured ones).</summary>
    public bool IsTaskAwaiter(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return false;
        }

        var definition = named.OriginalDefinition;
        if (definition.Is(TaskAwaiter) || definition.Is(TaskAwaiterOfT) || definition.Is(ValueTaskAwaiter) || definition.Is(ValueTaskAwaiterOfT))
        {
            return true;
        }

        // ConfiguredTaskAwaitable.ConfiguredTaskAwaiter and friends are nested in the awaitable.
        return named.ContainingType is { } container && IsConfiguredAwaitable(container);
    }

    public bool IsConfiguredAwaitable(ITypeSymbol? type)
    {
        var definition = type?.OriginalDefinition;
        return definition is not null
            && (definition.Is(ConfiguredTaskAwaitable) || definition.Is(ConfiguredTaskAwaitableOfT)
                || definition.Is(ConfiguredValueTaskAwaitable) || definition.Is(ConfiguredValueTaskAwaitableOfT));
    }

    public bool IsTaskType(ITypeSymbol? type) => type.InheritsFromOrEquals(Async.Task);

    private static IMethodSymbol? InstanceMethod(INamedTypeSymbol type, string name, ITypeSymbol? parameterType)
    {
        if (parameterType is null)
        {
            return null;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol { IsStatic: false, Parameters.Length: 1 } method
                && method.Parameters[0].Type.Is(parameterType)
                && method.DeclaredAccessibility == Accessibility.Public)
            {
                return method;
            }
        }

        return null;
    }
}

/// <summary>Reading the timeout argument of a wait.</summary>
internal static class WaitArguments
{
    /// <summary>
    /// The longest constant timeout that still reads as a probe when the wait's result is checked: "is it done (yet)?",
    /// e.g. <c>task.Wait(20).ShouldBeFalse()</c> in a test that the task is still pending. Waits this short cannot starve
    /// the thread pool; the async spelling (<c>await Task.WhenAny(task, Task.Delay(20))</c>) says the same thing less clearly.
    /// </summary>
    private const double ProbeMilliseconds = 50;

    /// <summary>
    /// A wait that does not block in any way that matters: a zero timeout (<c>0</c>, <c>TimeSpan.Zero</c>, <c>default</c>,
    /// <c>TimeSpan.FromMilliseconds(0)</c>), or a constant timeout of at most
    /// <see cref="ProbeMilliseconds"/> whose bool result <paramref name="wait"/>'s caller reads.
    /// </summary>
    public static bool IsProbe(IOperation timeout, IOperation wait, ITypeSymbol? timeSpan)
        => ConstantMilliseconds(timeout, timeSpan) is { } milliseconds
           && (milliseconds == 0 || (milliseconds > 0 && milliseconds <= ProbeMilliseconds && IsResultRead(wait)));

    /// <summary>A zero timeout (<c>0</c>, <c>TimeSpan.Zero</c>, <c>default</c>, <c>TimeSpan.FromMilliseconds(0)</c>): the wait returns at once.</summary>
    public static bool IsZero(IOperation timeout, ITypeSymbol? timeSpan) => ConstantMilliseconds(timeout, timeSpan) == 0;

    /// <summary>The timeout a constant expression stands for, in milliseconds (an int/long timeout counts milliseconds).</summary>
    private static double? ConstantMilliseconds(IOperation value, ITypeSymbol? timeSpan)
    {
        value = WithoutImplicitConversions(value);
        if (value.ConstantValue is { HasValue: true, Value: { } constant })
        {
            return Number(constant);
        }

        if (timeSpan is null || !value.Type.Is(timeSpan))
        {
            return null;
        }

        return value switch
        {
            IFieldReferenceOperation { Field: { IsStatic: true, Name: "Zero" } } => 0,
            IDefaultValueOperation => 0,
            IObjectCreationOperation { Arguments.Length: 0 } => 0,
            IObjectCreationOperation { Arguments.Length: 1 } ticks => Number(ConstantOf(ticks.Arguments[0].Value)) / TimeSpan.TicksPerMillisecond,
            IInvocationOperation { TargetMethod: { IsStatic: true, Name: var name }, Arguments.Length: 1 } invocation
                when name.StartsWith("From", StringComparison.Ordinal)
                => Number(ConstantOf(invocation.Arguments[0].Value)) * name switch
                {
                    "FromTicks" => 1.0 / TimeSpan.TicksPerMillisecond,
                    "FromMilliseconds" => 1,
                    "FromSeconds" => 1000,
                    "FromMinutes" => 60_000,
                    _ => double.NaN,
                },
            _ => null,
        };
    }

    private static object? ConstantOf(IOperation value)
        => WithoutImplicitConversions(value).ConstantValue is { HasValue: true, Value: var constant } ? constant : null;

    /// <summary>
    /// A bounded wait whose bool result a test asserts: <c>Assert.True(done.Wait(TimeSpan.FromSeconds(5)))</c>,
    /// <c>Assert.That(latch.Wait(timeout), Is.True)</c>, <c>signal.WaitOne(1000).Should().BeTrue()</c>. The test checks a
    /// deadline: the await spelling (<c>WaitAsync(timeout)</c>) throws where the assertion reports, and the thread is held
    /// for a bounded time at most. An infinite timeout is no deadline.
    /// </summary>
    public static bool IsAssertedDeadline(IOperation timeout, IOperation wait, ITypeSymbol? timeSpan)
    {
        if (wait.Type?.SpecialType != SpecialType.System_Boolean
            || ConstantMilliseconds(timeout, timeSpan) is < 0
            || WithoutImplicitConversions(timeout) is IFieldReferenceOperation { Field.Name: "InfiniteTimeSpan" or "Infinite" })
        {
            return false;
        }

        var parent = wait.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            parent = parent.Parent;
        }

        // bool signaled = done.WaitOne(4000); Assert.True(signaled, "…"): the same deadline, through a local.
        var local = parent switch
        {
            IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } => target.Local,
            _ => null,
        };
        if (local is not null)
        {
            return IsAssertedLater(local, parent!);
        }

        // _ = countdown.Wait(TimeSpan.FromSeconds(10)); Assert.AreEqual(0, countdown.CurrentCount);: the result is dropped
        // and the next step checks the outcome itself (an assertion, or a test of the waited object's state).
        var statement = parent switch
        {
            IExpressionStatementOperation dropped => dropped,
            ISimpleAssignmentOperation { Target: IDiscardOperation, Parent: IExpressionStatementOperation discarded } => discarded,
            _ => null,
        };
        if (statement is not null)
        {
            return IsCheckedNext(statement, (wait as IInvocationOperation)?.Instance, discarded: parent is ISimpleAssignmentOperation);
        }

        return IsAssertion(parent) || FailsTheTestWhenUnset(parent);
    }

    /// <summary>
    /// <c>if (!saved.WaitOne(5000)) { Assert.Fail("timeout"); … }</c> (or a <c>throw</c> first) in a test, also in a lambda
    /// of one: the same deadline as <c>Assert.True(saved.WaitOne(5000))</c>. Outside tests a handled timeout still blocked.
    /// </summary>
    private static bool FailsTheTestWhenUnset(IOperation? parent)
    {
        if (parent is not IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not)
        {
            return false;
        }

        var condition = not.Parent;
        while (condition is IParenthesizedOperation)
        {
            condition = condition.Parent;
        }

        if (condition is not IConditionalOperation { WhenTrue: var whenTrue } branch || branch.Condition != WithParentheses(not))
        {
            return false;
        }

        var first = whenTrue is IBlockOperation { Operations.Length: > 0 } block ? block.Operations[0] : whenTrue;
        var fails = first switch
        {
            IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IExpressionStatementOperation { Operation: IInvocationOperation call } => IsAssertionCall(call),
            _ => false,
        };

        return fails && IsInTestMember(branch);
    }

    private static IOperation WithParentheses(IOperation operation)
    {
        while (operation.Parent is IParenthesizedOperation parenthesized)
        {
            operation = parenthesized;
        }

        return operation;
    }

    /// <summary>In a test method, or in a lambda or local function of one.</summary>
    private static bool IsInTestMember(IOperation operation)
    {
        var symbol = operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart);
        while (symbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction })
        {
            symbol = symbol.ContainingSymbol;
        }

        return symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary } method && TestMethods.IsTest(method);
    }

    /// <summary>
    /// The statement after <paramref name="statement"/> checks the waited object: an assertion on it
    /// (<c>Assert.AreEqual(0, countdown.CurrentCount)</c>, <c>count.Should().Be(3)</c>) or, in a test method, an <c>if</c>
    /// (<c>if (writer.Status != TaskStatus.RanToCompletion)</c>). After an explicit discard (<c>_ = signal.WaitOne(5000);</c>)
    /// any assertion counts: the test set the bool aside to check what the signalled work did (<c>handled.Count</c>).
    /// </summary>
    private static bool IsCheckedNext(IOperation statement, IOperation? waited, bool discarded)
    {
        if (statement.Parent is not IBlockOperation block)
        {
            return false;
        }

        var next = block.Operations.IndexOf(statement) + 1;

        // using (worker.Open()) { _ = signal.WaitOne(5000); } Assert.AreEqual(3, handled.Count);: the last step of a using
        // body, checked after the worker it ran is disposed.
        // using (signal) { using (worker.Open()) { … } }: the using statements nested this way, one after the other.
        while (next == block.Operations.Length && block.Parent is IUsingOperation { Parent: IBlockOperation outer } @using)
        {
            block = outer;
            next = outer.Operations.IndexOf(@using) + 1;
        }

        // bool wasCanceled = false;: a flag declared for the check is not a step between.
        while (next > 0 && next < block.Operations.Length && IsConstantDeclaration(block.Operations[next]))
        {
            next++;
        }

        return next > 0 && next < block.Operations.Length && block.Operations[next] switch
        {
            IExpressionStatementOperation { Operation: IInvocationOperation call }
                => IsAssertionCall(call) && (discarded || (waited is not null && ReadsTheSame(call, waited))),
            // Outside a test an `if` on the task after a bounded wait is a timeout the code handles: the wait still blocks.
            IConditionalOperation { Condition: var condition } => waited is not null && ReadsTheSame(condition, waited) && IsInTestMethod(statement),
            _ => false,
        };
    }

    private static bool IsConstantDeclaration(IOperation statement)
        => statement is IVariableDeclarationGroupOperation { Declarations: var declarations }
           && declarations.All(static d => d.Declarators.All(static v => v.Initializer?.Value.ConstantValue.HasValue ?? true));

    private static bool IsInTestMethod(IOperation operation)
        => operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart) is IMethodSymbol { MethodKind: MethodKind.Ordinary } method
           && TestMethods.IsTest(method);

    /// <summary>
    /// <c>Assert.AreEqual(0, countdown.CurrentCount)</c>, or a fluent assertion with its <c>Should…</c> somewhere in the chain
    /// (<c>count.Should().Be(3)</c>, <c>count.ShouldBe(3)</c>).
    /// </summary>
    private static bool IsAssertionCall(IInvocationOperation call)
    {
        for (var current = call; current is not null;
             current = Unwrap(current.Instance ?? (current.TargetMethod.IsExtensionMethod ? current.Arguments.FirstOrDefault()?.Value : null)) as IInvocationOperation)
        {
            if (IsAssertionMethod(current.TargetMethod))
            {
                return true;
            }
        }

        return false;

        static IOperation? Unwrap(IOperation? value) => value is null ? null : WithoutImplicitConversions(value);
    }

    /// <summary>A test framework's <c>Assert</c>/<c>ClassicAssert</c> method, or a fluent assertion's <c>Should…</c> extension.</summary>
    private static bool IsAssertionMethod(IMethodSymbol method)
        => method.IsStatic
           && (method.IsExtensionMethod
               ? method.Name.StartsWith("Should", StringComparison.Ordinal)
               : method.ContainingType?.Name is "Assert" or "ClassicAssert");

    private static bool ReadsTheSame(IOperation check, IOperation waited)
    {
        var symbol = ReferencedSymbol(waited);
        if (symbol is null)
        {
            return false;
        }

        foreach (var operation in check.DescendantsAndSelf())
        {
            if (SymbolEqualityComparer.Default.Equals(ReferencedSymbol(operation), symbol))
            {
                return true;
            }
        }

        return false;
    }

    private static ISymbol? ReferencedSymbol(IOperation operation) => WithoutImplicitConversions(operation).VariableSymbol();

    private static bool IsAssertion(IOperation? parent)
        => parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var assertion } } && IsAssertionMethod(assertion);

    /// <summary>The function that holds <paramref name="operation"/> hands <paramref name="local"/> to an assertion somewhere.</summary>
    private static bool IsAssertedLater(ILocalSymbol local, IOperation operation)
    {
        var body = operation;
        while (body.Parent is { } parent && body is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
        {
            body = parent;
        }

        foreach (var descendant in body.Descendants())
        {
            if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
            {
                var use = reference.Parent;
                while (use is IConversionOperation or IParenthesizedOperation)
                {
                    use = use.Parent;
                }

                if (IsAssertion(use))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static double? Number(object? constant) => constant switch
    {
        int i => i,
        long l => l,
        uint u => u,
        ulong ul => ul,
        double d => d,
        float f => f,
        _ => null,
    };

    private static IOperation WithoutImplicitConversions(IOperation value)
    {
        while (value is IConversionOperation { OperatorMethod: null, IsImplicit: true } conversion)
        {
            value = conversion.Operand;
        }

        return value;
    }

    /// <summary>The wait's bool result is used: tested, asserted, assigned (not a statement of its own, not <c>_ =</c>).</summary>
    private static bool IsResultRead(IOperation wait)
    {
        if (wait.Type?.SpecialType != SpecialType.System_Boolean)
        {
            return false;
        }

        return wait.Parent switch
        {
            IExpressionStatementOperation => false,
            ISimpleAssignmentOperation { Target: IDiscardOperation } => false,
            null => false,
            _ => true,
        };
    }

    /// <summary>
    /// The argument bound to a timeout parameter (an int, long or TimeSpan named <c>…timeout…</c>/<c>…Timeout</c>, or
    /// <c>milliseconds</c> as in <c>Process.WaitForExit(int milliseconds)</c>), if any.
    /// </summary>
    public static IOperation? Timeout(IInvocationOperation invocation, ITypeSymbol? timeSpan)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is { } parameter
                && (parameter.Name.IndexOf("imeout", System.StringComparison.Ordinal) >= 0 || parameter.Name == "milliseconds")
                && (parameter.Type.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32
                    || parameter.Type.Is(timeSpan)))
            {
                return argument.Value;
            }
        }

        return null;
    }
}
