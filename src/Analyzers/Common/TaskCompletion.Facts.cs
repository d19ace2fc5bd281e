using System;
using System.Linq;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

/// <summary>
/// What each operation teaches the data-flow of <see cref="TaskCompletion"/>: an await, a <c>Task.WhenAll</c> over a
/// collection, a blocking wait already reported, a guard on <c>IsCompleted</c>/<c>Status</c>, a <c>WhenAny</c> winner or loser,
/// and a cancellation-only race. Each adds facts to the block's state or, by reassignment, forgets them. Last, how an
/// operation names the value a fact is about (<c>PathOf</c>, through conversions, <c>ConfigureAwait</c> and captures).
/// </summary>
internal sealed partial class TaskCompletion
{
    private void ApplyInvocation(IInvocationOperation invocation, FactSet.Builder state, FlowScope captures)
    {
        var method = invocation.TargetMethod;
        switch (method.Name)
        {
            case "Wait" when !method.IsStatic && invocation.Instance is { } waited && IsTaskOrValueTaskType(waited.Type) && WaitsWithoutTimeout(invocation):
                AddCompleted(waited, state, captures);
                return;

            case "GetResult" when !method.IsStatic && invocation.Instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited }:
                AddCompleted(awaited, state, captures);
                return;

            // task.RunSynchronously(): returns when the task has run to its end on this thread (or faulted or cancelled).
            case "RunSynchronously" when !method.IsStatic && invocation.Instance is { } ran && method.ContainingType.Is(symbols.Task):
                AddCompleted(ran, state, captures);
                return;

            case "WaitAll" when method.IsStatic && method.ContainingType.Is(symbols.Task) && WaitsWithoutTimeout(invocation):
                AddAllCompleted(invocation, state, captures);
                return;

            case "Wait" or "WaitAll" when !method.ContainingType.Is(symbols.Task) && IsProjectWaitHelper(method):
                AddAllCompleted(invocation, state, captures);
                return;

            case "True" or "IsTrue" or "Assert" or "That" or "False" or "IsFalse" when AssertedCondition(invocation) is { } condition:
                // Assert.True(t.IsCompleted): past the assertion, the condition held (or the test stopped there).
                AddConditionFacts(condition, method.Name is not ("False" or "IsFalse"), state, captures, depth: 0);
                return;

            // await Task.WhenAny(pending, Task.Delay(Timeout.Infinite, token)); token.ThrowIfCancellationRequested();: the other
            // task ends only by cancellation, and past the check there was none, so the race ended with pending complete.
            case "ThrowIfCancellationRequested" when !method.IsStatic && invocation.Instance is { } token
                                                     && RacedAgainstCancellation(invocation, token) is { } winner:
                AddCompleted(winner, state, captures);
                return;

            // tcs.TrySetResult(false): whether or not this call set it, past it the promise's task is complete.
            case "TrySetResult" or "TrySetException" or "TrySetCanceled" or "SetResult" or "SetException" or "SetCanceled"
                when !method.IsStatic && invocation.Instance is { } promise && IsTaskCompletionSource(promise.Type)
                     && PathOf(promise, captures) is { } promisePath && PromiseTask(promise.Type!) is { } taskProperty:
                state.Add(new Fact(promisePath.WithMember(taskProperty), allElements: false));
                return;

            case "Add" or "AddRange" or "Insert" or "InsertRange" or "Push" or "Enqueue" or "TryAdd" or "Prepend" or "Append"
                when !method.IsStatic && invocation.Instance is { } collection && PathOf(collection, captures) is { } collectionPath:
                state.RemoveAllElements(collectionPath);
                if (method.Name is "Add" or "Insert" or "Push" or "Enqueue")
                {
                    // tasks.Add(a): the collection now holds a.
                    foreach (var argument in invocation.Arguments)
                    {
                        if (IsTaskOrValueTaskType(argument.Value.Type) && PathOf(UnwrapTask(argument.Value) ?? argument.Value, captures) is { } added)
                        {
                            state.Add(new Fact(collectionPath, added));
                        }
                    }
                }

                return;

            case "Remove" or "RemoveAt" or "RemoveAll" or "RemoveRange" or "Clear" or "Pop" or "Dequeue" or "TryTake" or "TryDequeue" or "TryPop" or "TryRemove"
                when !method.IsStatic && invocation.Instance is { } shrunk && PathOf(shrunk, captures) is { } shrunkPath:
                state.ForgetMembersOf(shrunkPath);
                return;
        }
    }

    /// <summary>
    /// The statement before <paramref name="check"/> is <c>await Task.WhenAny(a, b)</c> where <c>b</c> completes only when
    /// <paramref name="token"/> is cancelled (<c>Task.Delay(Timeout.Infinite, token)</c>, or the task of a local promise
    /// <c>new CancellableTask(token)</c> whose type only ever cancels itself): then <c>a</c>, else null.
    /// </summary>
    private IOperation? RacedAgainstCancellation(IInvocationOperation check, IOperation token)
    {
        if (check.Syntax.Parent is not ExpressionStatementSyntax { Parent: BlockSyntax block } statement
            || block.Statements.IndexOf(statement) < 1
            || block.Statements[block.Statements.IndexOf(statement) - 1] is not ExpressionStatementSyntax { Expression: AwaitExpressionSyntax previous }
            || !previous.Expression.DescendantTokens().Any(static t => t.ValueText == "WhenAny")

            // Operations of a flow graph carry no semantic model; this runs only after the syntax matched.
            || (check.SemanticModel ?? symbols.Compilation.GetSemanticModel(previous.SyntaxTree)).GetOperation(previous) is not IAwaitOperation race
            || UnwrapTask(race.Operation) is not IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAny" } whenAny } invocation
            || !whenAny.ContainingType.Is(symbols.Task)
            || Unwrap(token).VariableSymbol() is not { } tokenSymbol)
        {
            return null;
        }

        var raced = new List<IOperation>();
        foreach (var argument in invocation.Arguments)
        {
            if (Unwrap(argument.Value) is IArrayCreationOperation { Initializer: { } initializer })
            {
                raced.AddRange(initializer.ElementValues);
            }
            else
            {
                raced.Add(argument.Value);
            }
        }

        if (raced.Count != 2)
        {
            return null;
        }

        return EndsOnlyByCancellation(raced[1], tokenSymbol) ? raced[0]
            : EndsOnlyByCancellation(raced[0], tokenSymbol) ? raced[1]
            : null;
    }

    private bool EndsOnlyByCancellation(IOperation task, ISymbol token)
    {
        switch (Unwrap(task))
        {
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Delay" } delay, Arguments.Length: 2 } call
                when delay.ContainingType.Is(symbols.Task) && IsInfinite(call.Arguments[0].Value):
                return SymbolEqualityComparer.Default.Equals(Unwrap(call.Arguments[1].Value).VariableSymbol(), token);

            case IPropertyReferenceOperation { Property.Name: "Task", Instance: ILocalReferenceOperation promise }
                when AssignedValue.Initializer(promise) is IObjectCreationOperation { Type: INamedTypeSymbol promiseType } creation
                     && creation.Arguments.Any(a => SymbolEqualityComparer.Default.Equals(Unwrap(a.Value).VariableSymbol(), token)):
                return IsCancelOnlyPromise(promiseType);

            default:
                return false;
        }
    }

    /// <summary>A promise type of the project, derived from TaskCompletionSource, whose source never sets a result or an exception.</summary>
    private static bool IsCancelOnlyPromise(INamedTypeSymbol type)
    {
        var derived = false;
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            derived |= IsTaskCompletionSource(current);
        }

        if (!derived || type.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            foreach (var token in reference.GetSyntax().DescendantTokens())
            {
                if (token.ValueText is "SetResult" or "TrySetResult" or "SetException" or "TrySetException" or "SetFromTask" or "TrySetFromTask")
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static bool IsTaskCompletionSource(ITypeSymbol? type)
        => type is INamedTypeSymbol { Name: "TaskCompletionSource" } named && named.ContainingNamespace.IsNamespace("System.Threading.Tasks");

    private static IPropertySymbol? PromiseTask(ITypeSymbol promise)
    {
        foreach (var member in promise.GetMembers("Task"))
        {
            if (member is IPropertySymbol property)
            {
                return property;
            }
        }

        return null;
    }

    private void AddAwaitFacts(IOperation awaited, FactSet.Builder state, FlowScope captures)
    {
        var operand = UnwrapTask(awaited);
        if (operand is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAll" } whenAll } invocation && whenAll.ContainingType.Is(symbols.Task))
        {
            AddAllCompleted(invocation, state, captures);
            return;
        }

        if (operand is not null)
        {
            AddCompleted(operand, state, captures);
        }

        // await task.WithTimeout(timeout): a project helper that returns only after awaiting the task it was given.
        if (operand is IInvocationOperation { Arguments.Length: > 0 } helper
            && AwaitedParameter(helper.TargetMethod) is var ordinal and >= 0
            && ArgumentFor(helper, ordinal) is { } waited)
        {
            AddAwaitFacts(waited, state, captures);
        }
    }

    /// <summary>
    /// An <c>async</c> method of the project that returns normally only after awaiting one of its task parameters
    /// (<c>async Task WithTimeout(this Task task, int ms) { if (await Task.WhenAny(task, Task.Delay(ms)) != task) throw …;
    /// await task; }</c>, or <c>… return await task;</c> for a <c>Task&lt;T&gt;</c>): every <c>return</c> follows or is an
    /// <c>await</c> of it, and so does the end of the body; anything else must throw. Also a non-async overload that only
    /// hands its task on to such a method (<see cref="ForwardedAwaitedParameter"/>). Read from the declaration once per
    /// method; -1 when it is not such a method.
    /// </summary>
    private int AwaitedParameter(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.Length != 1)
        {
            return -1;
        }

        return awaitedParameter.TryGetValue(method, out var known) ? known : awaitedParameter.GetOrAdd(method, ComputeAwaitedParameter(method, depth: 0));
    }

    private const int MaxForwardingHops = 3;

    private int ComputeAwaitedParameter(IMethodSymbol method, int depth)
    {
        if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return -1;
        }

        if (!method.IsAsync)
        {
            return depth < MaxForwardingHops ? ForwardedAwaitedParameter(method, declaration, depth) : -1;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.Type is not INamedTypeSymbol { Name: "Task" or "ValueTask" })
            {
                continue;
            }

            var awaitsIt = declaration switch
            {
                { Body: { } body } => !IsAssignedIn(parameter.Name, body) && EndsAwaiting(body, parameter.Name) && EveryReturnFollowsAwait(body, parameter.Name),
                { ExpressionBody.Expression: { } expression } => IsAwaitOf(expression, parameter.Name),
                _ => false,
            };

            if (awaitsIt)
            {
                return parameter.Ordinal;
            }
        }

        return -1;
    }

    /// <summary>
    /// A non-async overload whose whole body hands one of its task parameters, unchanged, to an awaiting helper
    /// (<c>Task&lt;T&gt; WithTimeout&lt;T&gt;(this Task&lt;T&gt; task, int? ms = null) =&gt; WithTimeout(task,
    /// TimeSpan.FromMilliseconds(ms ?? 1000));</c>): the task it returns completes only after that parameter did. The
    /// forwarded call is bound once per method, only after the syntax matched; followed for a few hops.
    /// </summary>
    private int ForwardedAwaitedParameter(IMethodSymbol method, MethodDeclarationSyntax declaration, int depth)
    {
        // In the IDE a referenced project's symbols carry its own trees, which this compilation cannot bind.
        if (MethodBodySyntax.SoleReturnedValue(declaration) is not InvocationExpressionSyntax call
            || !IsTaskOrValueTaskType(method.ReturnType)
            || !symbols.Compilation.ContainsSyntaxTree(declaration.SyntaxTree)
            || symbols.Compilation.GetSemanticModel(declaration.SyntaxTree).GetOperation(call) is not IInvocationOperation invocation)
        {
            return -1;
        }

        var target = invocation.TargetMethod.OriginalDefinition;
        if (SymbolEqualityComparer.Default.Equals(target, method) || ComputeAwaitedParameter(target, depth + 1) is not (>= 0 and var ordinal))
        {
            return -1;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal
                && Unwrap(argument.Value) is IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } parameter }
                && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method))
            {
                return parameter.Ordinal;
            }
        }

        return -1;
    }

    /// <summary>The statement cannot complete normally without having awaited <paramref name="name"/> last.</summary>
    private static bool EndsAwaiting(StatementSyntax statement, string name) => statement switch
    {
        BlockSyntax { Statements.Count: > 0 } block => block.Statements[block.Statements.Count - 1] is ReturnStatementSyntax last
            ? ReturnsAwaitOf(last, name) || (block.Statements.Count > 1 && IsAwaitOf(block.Statements[block.Statements.Count - 2], name))
            : EndsAwaiting(block.Statements[block.Statements.Count - 1], name),
        ThrowStatementSyntax => true,
        ExpressionStatementSyntax { Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Throw" } } } => true,
        IfStatementSyntax { Else: { } otherwise } branch => EndsAwaiting(branch.Statement, name) && EndsAwaiting(otherwise.Statement, name),
        TryStatementSyntax { Finally: null } @try => EndsAwaiting(@try.Block, name) && @try.Catches.All(c => EndsAwaiting(c.Block, name)),

        // using (var timer = new CancellationTokenSource()) { …; await task; }: disposing the timer does not un-await the task.
        UsingStatementSyntax @using => EndsAwaiting(@using.Statement, name),
        _ => IsAwaitOf(statement, name),
    };

    private static bool EveryReturnFollowsAwait(BlockSyntax body, string name)
    {
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax @return
                && !ReturnsAwaitOf(@return, name)
                && !(@return.Parent is BlockSyntax block && block.Statements.IndexOf(@return) is > 0 and var index
                     && IsAwaitOf(block.Statements[index - 1], name)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>await name;</c> or <c>await name.ConfigureAwait(…);</c></summary>
    private static bool IsAwaitOf(StatementSyntax statement, string name)
        => statement is ExpressionStatementSyntax { Expression: var expression } && IsAwaitOf(expression, name);

    /// <summary><c>return await name;</c> (the <c>Task&lt;T&gt;</c> helper's normal exit), also with <c>ConfigureAwait(…)</c>.</summary>
    private static bool ReturnsAwaitOf(ReturnStatementSyntax statement, string name)
        => statement.Expression is { } expression && IsAwaitOf(expression, name);

    private static bool IsAwaitOf(ExpressionSyntax expression, string name)
        => expression is AwaitExpressionSyntax { Expression: var awaited }
           && AwaitSyntax.WithoutConfigureAwait(awaited) is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name;

    private void AddCompleted(IOperation task, FactSet.Builder state, FlowScope captures)
    {
        if (UnwrapTask(task) is { } unwrapped && PathOf(unwrapped, captures) is { } path)
        {
            state.Add(new Fact(path, allElements: false));
            if (unwrapped is ILocalReferenceOperation { Local: var local }
                && captures.Combined.TryGetValue(local, out var whenAll) && whenAll is not null)
            {
                AddAllCompleted(whenAll, state, captures);
            }
        }
    }

    /// <summary>
    /// The condition of an assertion that throws when it fails: xUnit <c>Assert.True/False</c>, NUnit and MSTest
    /// <c>Assert.IsTrue/IsFalse</c> and <c>Assert.That(bool)</c>, <c>ClassicAssert</c>, <c>Debug.Assert</c>, <c>Trace.Assert</c>.
    /// Recognized by shape (a static method of a type named so, whose first parameter is the bool condition); null otherwise.
    /// </summary>
    private static IOperation? AssertedCondition(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!method.IsStatic
            || method.ContainingType?.Name is not ("Assert" or "ClassicAssert" or "Debug" or "Trace")
            || method.Parameters.Length == 0
            || method.Parameters[0].Type.SpecialType != SpecialType.System_Boolean)
        {
            return null;
        }

        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == 0)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>
    /// A method of the project that hands back the task it was given (<c>Task&lt;T&gt; QuickWait&lt;T&gt;(Task&lt;T&gt; task) { …; return task; }</c>):
    /// every return returns the same parameter, which the body never assigns. Its result is that argument, the same task.
    /// Read from the declaration once per method; -1 when it is not such a method.
    /// </summary>
    private int PassThroughParameter(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (method.DeclaringSyntaxReferences.Length != 1 || !IsTaskOrValueTaskType(method.ReturnType))
        {
            return -1;
        }

        if (passThrough.TryGetValue(method, out var known))
        {
            return known;
        }

        var ordinal = ComputePassThroughParameter(method);
        passThrough.TryAdd(method, ordinal);
        return ordinal;
    }

    private int ComputePassThroughParameter(IMethodSymbol method)
    {
        var declaration = method.DeclaringSyntaxReferences[0].GetSyntax();
        var (body, expressionBody) = declaration switch
        {
            MethodDeclarationSyntax m => ((SyntaxNode?)m.Body, m.ExpressionBody?.Expression),
            LocalFunctionStatementSyntax l => (l.Body, l.ExpressionBody?.Expression),
            _ => (null, null),
        };

        string? returned = null;
        if (expressionBody is not null)
        {
            returned = (expressionBody as IdentifierNameSyntax)?.Identifier.ValueText;
        }
        else if (body is not null)
        {
            foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is not ReturnStatementSyntax statement)
                {
                    continue;
                }

                if (statement.Expression is not IdentifierNameSyntax name
                    || (returned is not null && returned != name.Identifier.ValueText))
                {
                    return -1;
                }

                returned = name.Identifier.ValueText;
            }
        }

        if (returned is null)
        {
            return -1;
        }

        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == returned && parameter.RefKind == RefKind.None && IsTaskOrValueTaskType(parameter.Type)
                && !IsAssignedIn(returned, (SyntaxNode?)body ?? expressionBody!))
            {
                return parameter.Ordinal;
            }
        }

        return -1;
    }

    /// <summary>
    /// A project's own blocking wait helper that reports failure only by throwing: <c>void WaitAll(params Task[] tasks)</c>,
    /// <c>T Wait&lt;T&gt;(Task&lt;T&gt; task)</c>, <c>void Wait(Task task)</c> (a connection applying its own timeout). Every
    /// parameter is a task or an array of tasks, and it returns nothing or the task's result: when it returns, the tasks
    /// are complete.
    /// </summary>
    private bool IsProjectWaitHelper(IMethodSymbol method)
    {
        if (method.Parameters.Length == 0)
        {
            return false;
        }

        ITypeSymbol? result = null;
        foreach (var parameter in method.Parameters)
        {
            var type = parameter.Type is IArrayTypeSymbol array ? array.ElementType : parameter.Type;
            if (!IsTaskOrValueTaskType(type))
            {
                return false;
            }

            result = type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic ? generic.TypeArguments[0] : null;
        }

        return method.ReturnsVoid
               || (method.Parameters.Length == 1 && result is not null && SymbolEqualityComparer.Default.Equals(result, method.ReturnType));
    }

    /// <summary>The arguments of <c>Task.WhenAll</c>/<c>WaitAll</c>: each task (params or collection literal) or each collection.</summary>
    private void AddAllCompleted(IInvocationOperation invocation, FactSet.Builder state, FlowScope captures)
    {
        foreach (var argument in invocation.Arguments)
        {
            var value = Unwrap(argument.Value);
            if (symbols.IsCancellationToken(value.Type) || value.Type?.SpecialType is SpecialType.System_Int32)
            {
                continue;
            }

            AddTasksOf(value, state, captures, depth: 0);
        }
    }

    private void AddTasksOf(IOperation value, FactSet.Builder state, FlowScope captures, int depth)
    {
        value = Unwrap(value);
        if (depth > 2)
        {
            return;
        }

        if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            foreach (var element in initializer.ElementValues)
            {
                AddTasksOf(element, state, captures, depth + 1);
            }

            return;
        }

        if ((int)value.Kind == CollectionExpressionKind)
        {
            foreach (var element in value.ChildOperations)
            {
                AddTasksOf(element, state, captures, depth + 1);
            }

            return;
        }

        // new Task[] { t, u }.Concat(more), tasks.Append(t): every task of each part.
        if (value is IInvocationOperation { TargetMethod: { IsExtensionMethod: true, Name: "Concat" or "Append" or "Prepend" } combine } joined
            && combine.ContainingType.Is(enumerable) && joined.Arguments.Length == 2)
        {
            AddTasksOf(joined.Arguments[0].Value, state, captures, depth + 1);
            AddTasksOf(joined.Arguments[1].Value, state, captures, depth + 1);
            return;
        }

        if ((int)value.Kind == SpreadKind)
        {
            foreach (var element in value.ChildOperations)
            {
                AddCollection(element, state, captures);
            }

            return;
        }

        if (IsTaskOrValueTaskType(value.Type))
        {
            AddCompleted(value, state, captures);
            return;
        }

        AddCollection(value, state, captures);
    }

    /// <summary>
    /// <c>source.Select(x => x.Member)</c>, <c>Array.ConvertAll(source, x => x.Member)</c> or
    /// <c>list.ConvertAll(x => x.Member)</c> over a materialized collection: the member (a tuple element as its ItemN
    /// field) and the collection, or null.
    /// </summary>
    private ISymbol? ProjectedMember(IOperation collection, out IOperation? source)
    {
        source = null;
        if (collection is not IInvocationOperation invocation
            || ProjectionParts(invocation) is not var (sourceOperand, projection)
            || Unwrap(projection) is not IDelegateCreationOperation { Target: { } target }
            || target.Syntax is not SimpleLambdaExpressionSyntax
            {
                Parameter.Identifier.ValueText: var parameterName,
                ExpressionBody: MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access,
            }
            || receiver.Identifier.ValueText != parameterName
            || LambdaParameterType(target) is not { } elementType)
        {
            // In a control-flow graph the lambda is a flow function without a body: read its syntax (x => x.Member).
            return null;
        }

        ISymbol? member = null;
        foreach (var candidate in elementType.GetMembers(access.Name.Identifier.ValueText))
        {
            if (candidate is IFieldSymbol or IPropertySymbol { IsIndexer: false })
            {
                member = candidate;
                break;
            }
        }

        if (member is null)
        {
            return null;
        }

        source = StripMaterialization(Unwrap(sourceOperand));
        return NormalizeMember(member);
    }

    /// <summary>The collection a projection reads and the function it applies to each element.</summary>
    private (IOperation Source, IOperation Projection)? ProjectionParts(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var arguments = invocation.Arguments;
        return method switch
        {
            { IsExtensionMethod: true, Name: "Select" } when arguments.Length == 2 && method.ContainingType.Is(enumerable)
                => (arguments[0].Value, arguments[1].Value),
            { IsStatic: true, Name: "ConvertAll" } when arguments.Length == 2 && method.ContainingType.SpecialType == SpecialType.System_Array
                => (arguments[0].Value, arguments[1].Value),
            { IsStatic: false, Name: "ConvertAll" } when arguments.Length == 1 && invocation.Instance is { } list && method.ContainingType.OriginalDefinition.Is(listOfT)
                => (list, arguments[0].Value),
            _ => null,
        };
    }

    private static ITypeSymbol? LambdaParameterType(IOperation function) => function switch
    {
        IAnonymousFunctionOperation { Symbol.Parameters: { Length: 1 } parameters } => parameters[0].Type,
        IFlowAnonymousFunctionOperation { Symbol.Parameters: { Length: 1 } parameters } => parameters[0].Type,
        _ => null,
    };

    /// <summary>
    /// A named tuple element and its ItemN field are one member, whatever the names: <c>(string Key, Task T)[]</c>
    /// deconstructed as <c>var (key, task)</c> reads the same Item2.
    /// </summary>
    private static ISymbol NormalizeMember(ISymbol member)
        => member is IFieldSymbol { CorrespondingTupleField: { } itemField } ? itemField.OriginalDefinition : member.OriginalDefinition;

    /// <summary>A local typed IEnumerable&lt;T&gt;: usually a lazy query, whose enumeration starts new tasks.</summary>
    private bool IsLazyQueryLocal(IOperation collection)
        => collection is ILocalReferenceOperation { Local.Type: INamedTypeSymbol { IsGenericType: true } localType }
           && localType.OriginalDefinition.Is(ienumerableOfT);

    /// <summary>
    /// <c>foreach (var job in jobs) … job.Task</c> or <c>foreach (var (item, task) in jobs) … task</c>: the element member
    /// read, for a projected fact (<see cref="ProjectedMember"/>), with the loop it comes from.
    /// </summary>
    private static (IForEachLoopOperation Loop, ISymbol Member)? ElementMemberRead(IOperation task)
    {
        switch (task)
        {
            case IFieldReferenceOperation { Instance: ILocalReferenceOperation element } field when FindForEachLoop(element) is { } loop:
                return (loop, NormalizeMember(field.Field));
            case IPropertyReferenceOperation { Instance: ILocalReferenceOperation element, Property.IsIndexer: false } property when FindForEachLoop(element) is { } loop:
                return (loop, NormalizeMember(property.Property));
            case ILocalReferenceOperation local:
                for (var current = local.Parent; current is not null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        return null;
                    }

                    if (current is IForEachLoopOperation { LoopControlVariable: IDeclarationExpressionOperation { Expression: ITupleOperation tuple } } loop
                        && loop.Locals.Contains(local.Local)
                        && loop.Collection.Type is not null)
                    {
                        for (var i = 0; i < tuple.Elements.Length; i++)
                        {
                            if (tuple.Elements[i] is ILocalReferenceOperation declared && declared.Local.Is(local.Local)
                                && ElementTypeOf(loop) is INamedTypeSymbol { IsTupleType: true } elementType && i < elementType.TupleElements.Length)
                            {
                                return (loop, NormalizeMember(elementType.TupleElements[i]));
                            }
                        }
                    }
                }

                return null;
            default:
                return null;
        }
    }

    /// <summary>The element type a foreach deconstructs (its tuple type).</summary>
    private static ITypeSymbol? ElementTypeOf(IForEachLoopOperation loop)
        => loop.LoopControlVariable is IDeclarationExpressionOperation { Expression: ITupleOperation { Type: { } type } } ? type : null;

    private void AddCollection(IOperation value, FactSet.Builder state, FlowScope captures)
    {
        var collection = StripMaterialization(Unwrap(value));
        if (ProjectedMember(Resolve(collection, captures), out var source) is { } projectedMember)
        {
            // Task.WhenAll(jobs.Select(job => job.Task)): the Task member of every element of jobs is complete.
            if (PathOf(source!, captures) is { } sourcePath && !IsLazyQueryLocal(source!))
            {
                state.Add(new Fact(sourcePath.WithMember(projectedMember), allElements: true));
            }

            return;
        }

        if (PathOf(collection, captures) is not { } path)
        {
            return;
        }

        // A local typed IEnumerable<T> is usually a lazy query: enumerating it again starts new tasks, which are not complete.
        if (collection is ILocalReferenceOperation { Local.Type: INamedTypeSymbol { IsGenericType: true } localType }
            && localType.OriginalDefinition.Is(ienumerableOfT))
        {
            return;
        }

        state.Add(new Fact(path, allElements: true));
        if (state.MembersOf(path) is { } members)
        {
            foreach (var member in members)
            {
                state.Add(new Fact(member, allElements: false));
            }
        }
    }

    /// <summary>What a true (or false) condition tells: guards on IsCompleted*, Status, Wait(timeout) and WhenAny identity.</summary>
    private void AddConditionFacts(IOperation condition, bool value, FactSet.Builder state, FlowScope captures, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        condition = Resolve(Unwrap(condition), captures);
        switch (condition)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                AddConditionFacts(negation.Operand, !value, state, captures, depth + 1);
                return;

            case IPropertyReferenceOperation { Instance: { } instance } property
                when value && property.Property.Name is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled"
                     && IsTaskOrValueTaskType(instance.Type):
                AddCompleted(instance, state, captures);
                return;

            // task.IsCompletedSuccessfully(), IsCompletedSuccessfully(task): the compatibility shim of libraries that target
            // frameworks without the property, as an extension or a plain static helper.
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" }, Arguments.Length: 1 } shim
                when value && IsTaskOrValueTaskType(shim.Arguments[0].Value.Type):
                AddCompleted(shim.Arguments[0].Value, state, captures);
                return;

            case IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } waited } when value && IsTaskOrValueTaskType(waited.Type):
                AddCompleted(waited, state, captures);
                return;

            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WaitAll" } waitAll } invocation when value && waitAll.ContainingType.Is(symbols.Task):
                AddAllCompleted(invocation, state, captures);
                return;

            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                var equal = (binary.OperatorKind == BinaryOperatorKind.Equals) == value;
                var left = Resolve(Unwrap(binary.LeftOperand), captures);
                var right = Resolve(Unwrap(binary.RightOperand), captures);
                if (left.ConstantValue is { HasValue: true, Value: bool leftBool })
                {
                    AddConditionFacts(right, leftBool == equal, state, captures, depth + 1);
                    return;
                }

                if (right.ConstantValue is { HasValue: true, Value: bool rightBool })
                {
                    AddConditionFacts(left, rightBool == equal, state, captures, depth + 1);
                    return;
                }

                if (equal)
                {
                    AddEqualityFacts(left, right, state, captures);
                    AddEqualityFacts(right, left, state, captures);
                }
                else
                {
                    AddLoserFacts(left, right, state, captures);
                    AddLoserFacts(right, left, state, captures);
                }

                return;

            case IIsPatternOperation pattern when value:
                AddPatternFacts(Resolve(Unwrap(pattern.Value), captures), pattern.Pattern, state, captures, depth + 1);
                return;

            // if (done), where bool done = t.IsCompleted was assigned once and t itself never changes in the function.
            case ILocalReferenceOperation { Local: var flag } when captures.Flags.TryGetValue(flag, out var test) && test is not null:
                var implied = FactSet.Empty.ToBuilder();
                AddConditionFacts(test, value, implied, captures, depth + 1);
                foreach (var fact in implied.Items)
                {
                    var root = fact.Path.Outermost;
                    if (fact.Element is null
                        && (!captures.Assignments.TryGetValue(root, out var writes) || writes <= (root is ILocalSymbol ? 1 : 0)))
                    {
                        state.Add(fact);
                    }
                }

                return;

            // x?.Task.IsCompleted == true: the access ran, so its value is the test.
            case IFlowCaptureReferenceOperation lifted when OnlyNonNullValue(lifted, captures) is { } whenNotNull:
                AddConditionFacts(whenNotNull, value, state, captures, depth + 1);
                return;
        }
    }

    /// <summary>
    /// The one value of a flow capture that is not a null or default constant (the lowered <c>x?.P</c>: the access's
    /// value on one branch, default on the other), or null.
    /// </summary>
    private static IOperation? OnlyNonNullValue(IFlowCaptureReferenceOperation reference, FlowScope captures)
    {
        if (!captures.Values.TryGetValue(reference.Id, out var values) || values.Count < 2)
        {
            return null;
        }

        IOperation? found = null;
        foreach (var candidate in values)
        {
            var unwrapped = Unwrap(candidate);
            if (unwrapped is IDefaultValueOperation || unwrapped.ConstantValue is { HasValue: true, Value: null })
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = unwrapped;
        }

        return found;
    }

    /// <summary><c>t.Status == TaskStatus.RanToCompletion</c>; <c>await Task.WhenAny(t, delay) == t</c>; <c>done == t</c>.</summary>
    private void AddEqualityFacts(IOperation side, IOperation other, FactSet.Builder state, FlowScope captures)
    {
        if ((IsStatusOf(side) ?? ConditionalStatusOf(side, captures)) is { } task && IsTerminalStatus(other))
        {
            AddCompleted(task, state, captures);
            return;
        }

        if (IsTaskOrValueTaskType(side.Type) && IsCompleteByConstruction(other, state.Snapshot(), captures))
        {
            AddCompleted(side, state, captures);
        }
    }

    /// <summary>
    /// <c>var done = await Task.WhenAny(a, b); if (done != a) … b.Result</c>: the winner of a two-task race that is not one
    /// of them is the other, which is therefore complete.
    /// </summary>
    private void AddLoserFacts(IOperation winner, IOperation other, FactSet.Builder state, FlowScope captures)
    {
        var whenAny = AwaitedWhenAny(winner);
        if (whenAny is null && winner is ILocalReferenceOperation { Local: var local }
            && captures.WhenAnyWinners.TryGetValue(local, out var recorded))
        {
            whenAny = recorded;
        }

        if (whenAny is null || PathOf(other, captures) is not { } otherPath)
        {
            return;
        }

        var contestants = new List<IOperation>(2);
        foreach (var argument in whenAny.Arguments)
        {
            var value = Unwrap(argument.Value);
            if (value is IArrayCreationOperation { Initializer: { } initializer })
            {
                contestants.AddRange(initializer.ElementValues);
            }
            else if ((int)value.Kind == CollectionExpressionKind)
            {
                contestants.AddRange(value.ChildOperations);
            }
            else if (IsTaskOrValueTaskType(value.Type))
            {
                contestants.Add(value);
            }
            else
            {
                return;
            }
        }

        if (contestants.Count != 2)
        {
            return;
        }

        var firstIsOther = otherPath.Equals(PathOf(contestants[0], captures));
        var secondIsOther = otherPath.Equals(PathOf(contestants[1], captures));
        if (firstIsOther != secondIsOther)
        {
            AddCompleted(firstIsOther ? contestants[1] : contestants[0], state, captures);
        }
    }

    /// <summary>For <c>await Task.WhenAny(...)</c> (also configured), the WhenAny invocation.</summary>
    private IInvocationOperation? AwaitedWhenAny(IOperation operation)
        => Unwrap(operation) is IAwaitOperation await
           && UnwrapTask(await.Operation) is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAny" } method } invocation
           && method.ContainingType.Is(symbols.Task)
            ? invocation
            : null;

    private void AddPatternFacts(IOperation input, IPatternOperation pattern, FactSet.Builder state, FlowScope captures, int depth)
    {
        // task is Task<string> typed: the new variable is the same task, as complete as the tested one.
        var designated = pattern switch
        {
            IDeclarationPatternOperation declaration => declaration.DeclaredSymbol,
            IRecursivePatternOperation recursive => recursive.DeclaredSymbol,
            _ => null,
        };
        if (designated is ILocalSymbol alias && IsCompleteByConstruction(input, state.Snapshot(), captures))
        {
            state.Add(new Fact(new AccessPath(new List<ISymbol> { alias }), allElements: false));
        }

        switch (pattern)
        {
            case IConstantPatternOperation constant:
                if (constant.Value.ConstantValue is { HasValue: true, Value: bool expected })
                {
                    AddConditionFacts(input, expected, state, captures, depth + 1);
                }
                else if (IsStatusOf(input) is { } task && IsTerminalStatus(constant.Value))
                {
                    AddCompleted(task, state, captures);
                }

                return;

            case IRecursivePatternOperation recursive when IsTaskOrValueTaskType(input.Type):
                foreach (var subpattern in recursive.PropertySubpatterns)
                {
                    if (subpattern.Member is IPropertyReferenceOperation { Property.Name: var name }
                        && (name is "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled"
                                && subpattern.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: true } }
                            || name == "Status" && IsTerminalStatusPattern(subpattern.Pattern)))
                    {
                        AddCompleted(input, state, captures);
                        return;
                    }
                }

                return;

            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either when IsStatusOf(input) is { } statusOf && IsTerminalStatusPattern(either):
                AddCompleted(statusOf, state, captures);
                return;

            case IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.And } both:
                AddPatternFacts(input, both.LeftPattern, state, captures, depth + 1);
                AddPatternFacts(input, both.RightPattern, state, captures, depth + 1);
                return;
        }
    }

    private bool IsTerminalStatusPattern(IPatternOperation pattern) => pattern switch
    {
        IConstantPatternOperation constant => IsTerminalStatus(constant.Value),
        IBinaryPatternOperation { OperatorKind: BinaryOperatorKind.Or } either => IsTerminalStatusPattern(either.LeftPattern) && IsTerminalStatusPattern(either.RightPattern),
        _ => false,
    };

    /// <summary>For <c>t.Status</c>, the task <c>t</c>.</summary>
    private IOperation? IsStatusOf(IOperation operation)
        => operation is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } instance } && IsTaskOrValueTaskType(instance.Type)
            ? instance
            : null;

    /// <summary>
    /// For <c>t?.Status</c> as the graph captures it (<c>switch (this.value?.Status)</c>, <c>if (t?.Status == …)</c>): the task, when
    /// the capture holds its status on one path and null on the other. A null status equals no terminal status, so the
    /// branch taken on a terminal one is the path where the task was read.
    /// </summary>
    private IOperation? ConditionalStatusOf(IOperation side, FlowScope captures)
    {
        if (Unwrap(side) is not IFlowCaptureReferenceOperation reference || !captures.Values.TryGetValue(reference.Id, out var values))
        {
            return null;
        }

        IOperation? task = null;
        foreach (var value in values)
        {
            var unwrapped = Unwrap(value);
            if (unwrapped is IDefaultValueOperation || unwrapped.ConstantValue is { HasValue: true, Value: null })
            {
                continue;
            }

            if (task is not null || IsStatusOf(unwrapped) is not { } status)
            {
                return null;
            }

            task = status;
        }

        return task;
    }

    /// <summary>RanToCompletion (5), Canceled (6) or Faulted (7).</summary>
    private bool IsTerminalStatus(IOperation operation)
    {
        operation = Unwrap(operation);
        return operation.Type.Is(taskStatus)
            && operation.ConstantValue is { HasValue: true, Value: int status }
            && status is 5 or 6 or 7;
    }

    // ---- small helpers ----------------------------------------------------------------------------

    private bool WaitsWithoutTimeout(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            var type = argument.Value.Type;
            if (type?.SpecialType == SpecialType.System_Int32 || type.Is(timeSpan))
            {
                if (!IsInfinite(argument.Value))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary><c>-1</c>, <c>Timeout.Infinite</c> or <c>Timeout.InfiniteTimeSpan</c>.</summary>
    internal bool IsInfinite(IOperation value)
    {
        value = Unwrap(value);
        if (value.ConstantValue is { HasValue: true, Value: -1 })
        {
            return true;
        }

        return value is IFieldReferenceOperation { Field: { Name: "InfiniteTimeSpan", IsStatic: true } field } && field.ContainingType.Is(timeout);
    }

    private bool IsTaskOrValueTaskType(ITypeSymbol? type)
        => type is not null && (symbols.IsTaskOrValueTask(type) || type.InheritsFromOrEquals(symbols.Task));

    private bool IsValueTaskType(ITypeSymbol? type)
        => type?.OriginalDefinition is { } definition && (definition.Is(symbols.ValueTask) || definition.Is(symbols.ValueTaskOfT));

    private static IOperation Unwrap(IOperation operation)
    {
        while (true)
        {
            switch (operation)
            {
                case IConversionOperation { Operand: { } operand } conversion when conversion.OperatorMethod is null:
                    operation = operand;
                    continue;
                case IParenthesizedOperation { Operand: { } inner }:
                    operation = inner;
                    continue;
                default:
                    return operation;
            }
        }
    }

    /// <summary>The task under <c>.ConfigureAwait(..)</c>, <c>.WaitAsync(..)</c>, <c>.AsTask()</c>, conversions and parentheses.</summary>
    private IOperation? UnwrapTask(IOperation? operation)
    {
        for (var i = 0; operation is not null && i < 8; i++)
        {
            operation = Unwrap(operation);
            if (operation is IInvocationOperation { TargetMethod: { IsStatic: false, Name: "ConfigureAwait" or "WaitAsync" or "AsTask" }, Instance: { } instance }
                && IsTaskOrValueTaskType(instance.Type))
            {
                operation = instance;
                continue;
            }

            if (ConfigureAwaitWrapperTarget(operation) is { } wrapped)
            {
                operation = wrapped;
                continue;
            }

            if (operation is IInvocationOperation { Arguments.Length: > 0 } call
                && PassThroughParameter(call.TargetMethod) is var passed and >= 0
                && ArgumentFor(call, passed) is { } handedBack)
            {
                operation = handedBack;
                continue;
            }

            return operation;
        }

        return operation;
    }

    /// <summary>
    /// A project's own spelling of <c>ConfigureAwait(false)</c>: an extension method that takes the task as its only
    /// argument and returns <c>ConfiguredTaskAwaitable</c>/<c>ConfiguredValueTaskAwaitable</c>
    /// (<c>static ConfiguredTaskAwaitable ForAwait(this Task t) =&gt; t.ConfigureAwait(false)</c>). The only way to make
    /// one from a task is to configure that task, so awaiting it completes the task. Returns the task, or null.
    /// </summary>
    private IOperation? ConfigureAwaitWrapperTarget(IOperation operation)
    {
        if (operation is not IInvocationOperation { TargetMethod: { IsExtensionMethod: true, ReturnType: var returnType } } invocation
            || invocation.Arguments.Length != 1
            || returnType.Name is not ("ConfiguredTaskAwaitable" or "ConfiguredValueTaskAwaitable")
            || !returnType.ContainingNamespace.IsNamespace("System.Runtime.CompilerServices"))
        {
            return null;
        }

        var task = invocation.Arguments[0].Value;
        return IsTaskOrValueTaskType(Unwrap(task).Type) ? task : null;
    }

    /// <summary>
    /// <c>tasks.ToArray()</c>, <c>tasks.ToList()</c>, <c>tasks.AsEnumerable()</c> → <c>tasks</c>; also the collection's own
    /// copy methods (<c>List&lt;Task&gt;.ToArray()</c>), which bind before the LINQ extension.
    /// </summary>
    private IOperation StripMaterialization(IOperation operation)
    {
        while (true)
        {
            if (operation is IInvocationOperation { TargetMethod: { IsExtensionMethod: true, Name: "ToArray" or "ToList" or "AsEnumerable" } method } invocation
                && method.ContainingType.Is(enumerable)
                && invocation.Arguments.Length == 1)
            {
                operation = Unwrap(invocation.Arguments[0].Value);
                continue;
            }

            if (operation is IInvocationOperation { TargetMethod: { IsStatic: false, Name: "ToArray" or "ToList", Parameters.Length: 0 }, Instance: { } copied }
                && copied.Type is INamedTypeSymbol { IsGenericType: true } collection
                && collection.ContainingNamespace.IsNamespace("System.Collections.Generic"))
            {
                operation = Unwrap(copied);
                continue;
            }

            if (operation is IPropertyReferenceOperation { Property.Name: "Values", Instance: { } dictionary }
                && (dictionary.Type.IsOrImplements(idictionary) || dictionary.Type.IsOrImplements(ireadOnlyDictionary)))
            {
                // tasksByKey.Values: the dictionary's values are its tasks (WhenAll(map.Values), then map[key] or pair.Value).
                operation = Unwrap(dictionary);
                continue;
            }

            return operation;
        }
    }

    private static IOperation Resolve(IOperation operation, FlowScope? captures)
    {
        for (var i = 0; i < 4 && operation is IFlowCaptureReferenceOperation reference && captures is not null; i++)
        {
            if (!captures.Values.TryGetValue(reference.Id, out var values) || values.Count != 1)
            {
                return operation;
            }

            operation = Unwrap(values[0]);
        }

        return operation;
    }

    /// <summary>A local, a parameter, or a field/property chain rooted at one of them, at <c>this</c> or at a static member.</summary>
    private AccessPath? PathOf(IOperation operation, FlowScope? captures)
    {
        var symbolsInPath = new List<ISymbol>(2);
        var current = Resolve(Unwrap(operation), captures);
        while (symbolsInPath.Count <= MaxPathLength)
        {
            switch (current)
            {
                case ILocalReferenceOperation local:
                    symbolsInPath.Add(local.Local);
                    return new AccessPath(symbolsInPath);
                case IParameterReferenceOperation parameter:
                    symbolsInPath.Add(parameter.Parameter);
                    return new AccessPath(symbolsInPath);
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } instance when instance.Type is not null:
                    symbolsInPath.Add(instance.Type);
                    return new AccessPath(symbolsInPath);
                case IFieldReferenceOperation field:
                    symbolsInPath.Add(field.Field);
                    if (field.Field.IsStatic)
                    {
                        return new AccessPath(symbolsInPath);
                    }

                    if (field.Instance is null)
                    {
                        return null;
                    }

                    current = Resolve(Unwrap(field.Instance), captures);
                    continue;
                case IPropertyReferenceOperation { Arguments.Length: 0 } property:
                    symbolsInPath.Add(property.Property);
                    if (property.Property.IsStatic)
                    {
                        return new AccessPath(symbolsInPath);
                    }

                    if (property.Instance is null)
                    {
                        return null;
                    }

                    current = Resolve(Unwrap(property.Instance), captures);
                    continue;
                default:
                    return null;
            }
        }

        return null;
    }
}
