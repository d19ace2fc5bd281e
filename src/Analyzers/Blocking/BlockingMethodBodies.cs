using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using AsyncLint.Analyzers.Unobserved;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>The blocking call a synchronous project method makes: what it is, and where (for the message and the IDE).</summary>
internal sealed class BlockingStep
{
    public BlockingStep(string api, Location location, IMethodSymbol? through)
    {
        Api = api;
        Location = location;
        Through = through;
    }

    /// <summary>The blocking API as the message names it (<c>Process.WaitForExit</c>, <c>Task.Result</c>).</summary>
    public string Api { get; }

    public Location Location { get; }

    /// <summary>The project method that makes the call when it is one call further down, or null when the body makes it.</summary>
    public IMethodSymbol? Through { get; }
}

/// <summary>
/// ASYNC106's reading of a synchronous method of this compilation: does its own body (not its lambdas or local functions)
/// make a call that always holds the thread until something else happens — <c>Thread.Sleep</c>, <c>Process.WaitForExit()</c>,
/// <c>Thread.Join()</c>, an event's <c>WaitOne()</c>/<c>Wait()</c>, <c>Task.WaitAll</c>, or a sync-over-async read of a task
/// it has just started (<c>LoadAsync().Result</c>, <c>.GetAwaiter().GetResult()</c>, <c>.Wait()</c>)? One answer per method,
/// kept for the compilation; one more call down, to a method of the same type, is followed (a helper that calls a
/// helper that blocks). Its normal path only: a wait in a catch clause is a retry after a failure.
/// </summary>
/// <remarks>
/// Left out on purpose: locks and <c>SemaphoreSlim.Wait</c>/<c>Monitor</c> (a short critical section, not a wait for work),
/// reads of a task the method was handed (whether it is finished is the caller's business, and ASYNC101's blocking helpers),
/// zero timeouts (probes), synchronous I/O (most synchronous helpers touch a file; ASYNC104 reports it where it is written).
/// </remarks>
internal sealed class BlockingMethodBodies
{
    /// <summary>The cached answer for a method that does not block (a table holds no null); one per compilation, like the tables.</summary>
    private readonly BlockingStep noStep = new(string.Empty, Location.None, through: null);

    private readonly AsyncSymbols symbols;
    private readonly WaitSymbols waits;
    private readonly ConditionalWeakTable<IMethodSymbol, BlockingStep> direct = new();
    private readonly ConditionalWeakTable<IMethodSymbol, BlockingStep> throughOneCall = new();
    private readonly ConditionalWeakTable<IMethodSymbol, BlockingStep>.CreateValueCallback readDirect;
    private readonly ConditionalWeakTable<IMethodSymbol, BlockingStep>.CreateValueCallback readThroughOneCall;

    public BlockingMethodBodies(AsyncSymbols symbols)
    {
        this.symbols = symbols;
        waits = symbols.Family(WaitSymbols.Create);
        readDirect = method => (IsCandidate(method) ? ReadBody(method, followCalls: false) : null) ?? noStep;
        readThroughOneCall = method => (IsCandidate(method) ? ReadBody(method, followCalls: true) : null) ?? noStep;
    }

    /// <summary>The blocking step of a synchronous project method that only ever runs its own body, or null. One answer per method.</summary>
    public BlockingStep? Find(IMethodSymbol method) => Known(throughOneCall.GetValue(method.OriginalDefinition, readThroughOneCall));

    private BlockingStep? DirectStep(IMethodSymbol method) => Known(direct.GetValue(method.OriginalDefinition, readDirect));

    private BlockingStep? Known(BlockingStep step) => ReferenceEquals(step, noStep) ? null : step;

    /// <summary>
    /// An ordinary method with one body written in this compilation, that is not async and returns no task (a task-returning
    /// method's caller awaits it; whether it blocks first is another question).
    /// </summary>
    private bool IsCandidate(IMethodSymbol method)
        => method is { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction, IsAsync: false, DeclaringSyntaxReferences.Length: 1 }
           && method.RunsOnlyItsOwnBody()
           && !symbols.IsTaskOrValueTask(method.ReturnType)
           && method.DeclaringSyntaxReferences[0].SyntaxTree is var tree
           && symbols.Compilation.ContainsSyntaxTree(tree);

    private BlockingStep? ReadBody(IMethodSymbol method, bool followCalls)
    {
        if (method.SingleSourceBody() is not { } body)
        {
            return null;
        }

        // Names first: most bodies mention none of the blocking members, and then nothing is bound. A call is followed
        // only when it names a method of the same type (Run(args), this.Run(args)) that blocks by its own body: the
        // members are looked up by name, and the call is bound only then (binding every call of a long method would
        // bind much of the project again).
        SemanticModel? model = null;
        BlockingStep? throughCall = null;
        foreach (var node in body.DescendantNodes(static n => !IsNestedFunction(n) && n is not CatchClauseSyntax))
        {
            if (node is not InvocationExpressionSyntax and not MemberAccessExpressionSyntax)
            {
                continue;
            }

            if (node is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } || (node is InvocationExpressionSyntax invocation && MayBlock(invocation)))
            {
                model ??= symbols.Compilation.GetSemanticModel(body.SyntaxTree);
                if (model.GetOperation(node) is { } operation && Classify(operation) is { } api && !DualCodePath.IsInSyncArm(operation))
                {
                    return IsIterator(body) ? null : new BlockingStep(api, node.GetLocation(), through: null);
                }
            }
            else if (followCalls && throughCall is null && node is InvocationExpressionSyntax call
                     && OwnMemberName(call) is { } name && SameTypeMemberBlocks(method, name))
            {
                model ??= symbols.Compilation.GetSemanticModel(body.SyntaxTree);
                if (model.GetSymbolInfo(call).Symbol is IMethodSymbol { OriginalDefinition: var callee }
                    && !SymbolEqualityComparer.Default.Equals(callee, method)
                    && DirectStep(callee) is { } step
                    && model.GetOperation(call) is { } calleeCall
                    && !DualCodePath.IsInSyncArm(calleeCall))
                {
                    throughCall = new BlockingStep(step.Api, step.Location, callee);
                }
            }
        }

        return throughCall is not null && IsIterator(body) ? null : throughCall;
    }

    /// <summary>An iterator's body runs as the caller enumerates, not when it is called: the call itself does not block.</summary>
    private static bool IsIterator(SyntaxNode body)
    {
        foreach (var node in body.DescendantNodes(static n => !IsNestedFunction(n)))
        {
            if (node is YieldStatementSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name of a call on the method's own type: <c>Run(…)</c>, <c>this.Run(…)</c>, <c>Run&lt;T&gt;(…)</c>.</summary>
    private static string? OwnMemberName(InvocationExpressionSyntax call) => call.Expression switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        GenericNameSyntax generic => generic.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>A method of <paramref name="method"/>'s type with that name blocks by its own body (read once per method).</summary>
    private bool SameTypeMemberBlocks(IMethodSymbol method, string name)
    {
        if (method.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var member in type.GetMembers(name))
        {
            if (member is IMethodSymbol candidate && DirectStep(candidate) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsNestedFunction(SyntaxNode node)
        => node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    private static string? CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };

    /// <summary>
    /// A call named for a blocking member. <c>Join</c> only as <c>thread.Join()</c> or <c>Join(timeout)</c>: <c>string.Join(",",
    /// items)</c>, in nearly every body, takes more arguments or is called on <c>string</c>.
    /// </summary>
    private static bool MayBlock(InvocationExpressionSyntax invocation)
        => CalledName(invocation) switch
        {
            "Join" => invocation.ArgumentList.Arguments.Count <= 1
                      && invocation.Expression is MemberAccessExpressionSyntax { Expression: not PredefinedTypeSyntax and not IdentifierNameSyntax { Identifier.ValueText: "String" } },
            "Sleep" or "WaitForExit" or "WaitOne" or "Wait" or "WaitAll" or "WaitAny" or "GetResult" => true,
            _ => false,
        };

    /// <summary>The blocking API <paramref name="operation"/> calls, or null when it does not block for sure.</summary>
    private string? Classify(IOperation operation)
    {
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } task } when symbols.IsTaskOrValueTask(task.Type):
                return StartsRealWork(task) ? task.Type!.Name + ".Result" : null;

            case IInvocationOperation invocation:
                return Classify(invocation);

            default:
                return null;
        }
    }

    private string? Classify(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType?.OriginalDefinition;
        // A zero timeout is a probe; a bounded wait whose result an assertion takes is a test helper's deadline check
        // (var fired = signal.WaitOne(2000); fired.Should().BeTrue()), as ASYNC101/102 read it written in the test.
        if (type is null
            || (WaitArguments.Timeout(invocation, waits.TimeSpan) is { } timeout
                && (WaitArguments.IsZero(timeout, waits.TimeSpan) || WaitArguments.IsAssertedDeadline(timeout, invocation, waits.TimeSpan))))
        {
            return null;
        }

        switch (method.Name)
        {
            case "Sleep" when type.Is(symbols.Thread):
                return "Thread.Sleep";

            case "Join" when !method.IsStatic && type.Is(symbols.Thread):
                return "Thread.Join";

            case "WaitForExit" when type.Name == "Process" && type.ContainingNamespace.IsNamespace("System.Diagnostics"):
                return "Process.WaitForExit";

            case "WaitAll" or "WaitAny" when method.IsStatic && type.Is(symbols.Task):
                return "Task." + method.Name;

            case "Wait" when !method.IsStatic && invocation.Instance is { } task && symbols.IsTaskOrValueTask(task.Type):
                return StartsRealWork(task) ? "Task.Wait" : null;

            case "GetResult" when invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited }:
                return StartsRealWork(awaited) ? "GetAwaiter().GetResult()" : null;

            // An event to wait for, not a mutex or semaphore used as a lock (as ASYNC102 tells them).
            case "WaitOne" when !method.IsStatic && invocation.Instance?.Type is { } handle && handle.InheritsFromOrEquals(waits.WaitHandle)
                                && !handle.InheritsFromOrEquals(waits.Mutex) && !handle.InheritsFromOrEquals(waits.Semaphore):
                return handle.Name + ".WaitOne";

            case "Wait" when !method.IsStatic && (type.Is(waits.ManualResetEventSlim) || type.Is(waits.CountdownEvent)):
                return type.Name + ".Wait";

            default:
                return null;
        }
    }

    /// <summary>
    /// The task read is one the method has just started by calling a task-returning method (through <c>ConfigureAwait</c>):
    /// <c>client.GetAsync(url).Result</c>. Not a task it was handed or keeps in a field (which may be finished), nor a task
    /// made complete (<c>Task.FromResult</c>, a project method that only returns finished tasks).
    /// </summary>
    private bool StartsRealWork(IOperation task)
    {
        var value = GuardedWork.Peel(task);
        if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured })
        {
            value = GuardedWork.Peel(configured);
        }

        if (value is not IInvocationOperation { TargetMethod: var started } || !symbols.IsTaskOrValueTask(started.ReturnType))
        {
            return false;
        }

        if (started.Name is "FromResult" or "FromException" or "FromCanceled" && started.ContainingType.OriginalDefinition.Is(symbols.Task))
        {
            return false;
        }

        var definition = (started.ReducedFrom ?? started).OriginalDefinition;
        return !CompletedTaskMethod.ReturnsOnlyCompletedTasks(definition);
    }
}
