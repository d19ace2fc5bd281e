using System;
using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

/// <summary>
/// "Is this task already complete here?": true when every path to a read of a task passes through something
/// that completed it, so that reading <c>.Result</c> (or <c>.Wait()</c>, <c>GetAwaiter().GetResult()</c>) does
/// not block. Known completions:
/// <list type="bullet">
/// <item>the task is complete by construction: <c>Task.FromResult</c>, <c>Task.CompletedTask</c>,
///   <c>Task.FromException/FromCanceled</c>, the <c>ValueTask</c> made from a value, the task
///   <c>await Task.WhenAny(...)</c> returns, a continuation's antecedent (<c>ContinueWith(t =&gt; t.Result)</c>),
///   the tasks <c>Task.WhenEach</c> yields;</item>
/// <item>on every path before the read (a forward "must" data-flow over Roslyn's <see cref="ControlFlowGraph"/>):
///   the same local, parameter or <c>this</c>-rooted field/property was awaited (also through
///   <c>ConfigureAwait</c>/<c>WaitAsync</c>), passed to an awaited <c>Task.WhenAll</c> directly or inside a
///   collection (then its elements, <c>foreach</c> variables and <c>tasks[i]</c> are complete), assigned from a
///   complete task, already blocked on (<c>Wait()</c>, <c>.Result</c>, <c>Task.WaitAll</c>: reported once, not
///   again), or guarded by <c>IsCompleted</c>, <c>IsCompletedSuccessfully</c>, <c>IsFaulted</c>,
///   <c>IsCanceled</c>, <c>Status == TaskStatus.RanToCompletion|Faulted|Canceled</c>, <c>Wait(timeout)</c>
///   returning true, or <c>await Task.WhenAny(t, ...) == t</c> — in <c>if</c>, <c>else if</c>, <c>?:</c>,
///   <c>&amp;&amp;</c>, <c>switch</c>, patterns and early exits alike. Reassigning the variable (or mutating the
///   collection) forgets what was known.</item>
/// </list>
/// One instance per compilation; the per-graph analysis is cached and safe to use concurrently.
/// </summary>
internal sealed class TaskCompletion
{
    private const int CollectionExpressionKind = 127; // OperationKind.CollectionExpression (Roslyn 4.9+)
    private const int SpreadKind = 128;               // OperationKind.Spread (Roslyn 4.9+)
    private const int MaxPathLength = 4;

    private readonly AsyncSymbols symbols;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> completedTaskMethods = new(SymbolEqualityComparer.Default);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IFieldSymbol, bool> completedCaches = new(SymbolEqualityComparer.Default);

    // Asked for every GetOrAdd a completion proof meets: one delegate for the compilation, not one per question.
    private readonly System.Func<IFieldSymbol, bool> isCompletedCache;
    private readonly INamedTypeSymbol? taskStatus;
    private readonly INamedTypeSymbol? enumerable;
    private readonly INamedTypeSymbol? listOfT;
    private readonly INamedTypeSymbol? taskFactory;
    private readonly INamedTypeSymbol? taskFactoryOfT;
    private readonly INamedTypeSymbol? ienumerableOfT;
    private readonly INamedTypeSymbol? idictionary;
    private readonly INamedTypeSymbol? ireadOnlyDictionary;
    private readonly INamedTypeSymbol? timeSpan;
    private readonly INamedTypeSymbol? timeout;
    private readonly ConditionalWeakTable<ControlFlowGraph, GraphFacts> graphs = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, int> passThrough = new(SymbolEqualityComparer.Default);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, int> awaitedParameter = new(SymbolEqualityComparer.Default);

    private TaskCompletion(AsyncSymbols symbols)
    {
        this.symbols = symbols;
        isCompletedCache = field => completedCaches.GetOrAdd(field, static f => CompletedTaskCache.HoldsOnlyCompletedTasks(f));
        taskStatus = symbols.Type("System.Threading.Tasks.TaskStatus");
        enumerable = symbols.Type("System.Linq.Enumerable");
        listOfT = symbols.Type("System.Collections.Generic.List`1");
        taskFactory = symbols.TaskFactory;
        taskFactoryOfT = symbols.TaskFactoryOfT;
        ienumerableOfT = symbols.Type("System.Collections.Generic.IEnumerable`1");
        idictionary = symbols.Type("System.Collections.Generic.IDictionary`2");
        ireadOnlyDictionary = symbols.Type("System.Collections.Generic.IReadOnlyDictionary`2");
        timeSpan = symbols.Type("System.TimeSpan");
        timeout = symbols.Type("System.Threading.Timeout");
    }

    /// <summary>Create once per compilation, at compilation start.</summary>
    public static TaskCompletion Create(AsyncSymbols symbols) => new(symbols);

    /// <summary>
    /// True when the task <paramref name="task"/> evaluates to is complete on every path that reaches <paramref name="read"/>
    /// (the operation that would block on it: the <c>.Result</c> reference or the <c>Wait</c>/<c>GetResult</c> invocation).
    /// </summary>
    public bool IsCompleteAt(IOperation task, IOperation read, OperationAnalysisContext context)
        => IsCompleteAt(task, read, () => context.GetControlFlowGraph());

    /// <inheritdoc cref="IsCompleteAt(IOperation, IOperation, OperationAnalysisContext)"/>
    /// <param name="rootGraph">The graph of the member body that contains <paramref name="read"/> (asked only when needed).</param>
    public bool IsCompleteAt(IOperation task, IOperation read, Func<ControlFlowGraph?> rootGraph)
    {
        if (IsCompleteAtCore(task, read, rootGraph))
        {
            return true;
        }

        // tasks.Select(t => other.Result).ToList(): a lambda that runs in place sees what holds where its query runs.
        var position = AsyncContext.InPlacePosition(read);
        return !ReferenceEquals(position, read) && IsCompleteAtCore(task, position, rootGraph);
    }

    private bool IsCompleteAtCore(IOperation task, IOperation read, Func<ControlFlowGraph?> rootGraph)
    {
        if (task is IConditionalAccessInstanceOperation)
        {
            // task?.Result: the task is the receiver of the enclosing '?.'.
            for (var current = task.Parent; current is not null; current = current.Parent)
            {
                if (current is IConditionalAccessOperation conditional)
                {
                    task = conditional.Operation;
                    break;
                }
            }
        }

        var unwrapped = UnwrapTask(task);
        if (unwrapped is null)
        {
            return false;
        }

        if (IsCompleteByConstruction(unwrapped, state: null, captures: null))
        {
            return true;
        }

        switch (unwrapped)
        {
            case IParameterReferenceOperation parameter when IsContinuationAntecedent(parameter, allTasks: false):
                return true;

            // Otherwise the element may still be proven in the iteration (Debug.Assert(t.IsCompleted), if (t.IsCompleted)): below.
            case ILocalReferenceOperation local when FindForEachLoop(local) is { } loop && IsForEachOverCompleteTasks(loop, rootGraph):
                return true;

            // foreach (var job in jobs) … job.Task, after Task.WhenAll(jobs.Select(job => job.Task)).
            case var projected when ElementMemberRead(projected) is { } elementRead
                                    && PathOf(StripMaterialization(Unwrap(elementRead.Loop.Collection)), captures: null) is { } jobsPath
                                    && HoldsAt(new Fact(jobsPath.WithMember(elementRead.Member), allElements: true), elementRead.Loop.Collection, rootGraph):
                return true;

            // foreach (var pair in tasksByKey) … pair.Value: the dictionary's values are its tasks.
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: ILocalReferenceOperation pair }
                when pair.Type is INamedTypeSymbol { Name: "KeyValuePair" } && FindForEachLoop(pair) is { } pairLoop && IsForEachOverCompleteTasks(pairLoop, rootGraph):
                return true;

            // tasks.Select(t => t.Result), jobs.Sum(j => j.Task.Result), tasks.Where(t => t.IsCompleted).Select(t => t.Result):
            // the query's element, after Task.WhenAll over its source (or a filter on completion).
            case var element when QueryElementRead(element) is { } query && IsQueryOverCompleteTasks(query.Call, query.Member, rootGraph):
                return true;
        }

        if (ElementSource(unwrapped, out var filtered) is { } source)
        {
            if (filtered)
            {
                return true;
            }

            if (source is IParameterReferenceOperation antecedents && IsContinuationAntecedent(antecedents, allTasks: true))
            {
                return true;
            }

            return PathOf(source, captures: null) is { } collection
                && HoldsAt(new Fact(collection, allElements: true), read, rootGraph);
        }

        if (unwrapped is ILocalReferenceOperation { Local: var taskLocal }
            && (AwaitedEarlierInSameBlock(taskLocal, read) || ExecutedBatchEarlierInSameBlock(taskLocal, read)))
        {
            return true;
        }

        return PathOf(unwrapped, captures: null) is { } path
            && MayHaveFacts(path, read)
            && HoldsAt(new Fact(path, allElements: false), read, rootGraph);
    }

    /// <summary>
    /// The commonest proof, found before any control-flow graph is built: an earlier statement of the block that holds the
    /// read is <c>await t</c> or <c>await Task.WhenAll(…, t, …)</c> (ConfigureAwait allowed), the block has no labels
    /// (so every path to the read runs that statement first), and the Task local is never assigned after its declaration.
    /// It only ever answers "complete"; everything else is left to the graph.
    /// </summary>
    private bool AwaitedEarlierInSameBlock(ILocalSymbol local, IOperation read)
    {
        if (local.RefKind != RefKind.None || local.Type is not INamedTypeSymbol type
            || !(type.OriginalDefinition.Is(symbols.Task) || type.OriginalDefinition.Is(symbols.TaskOfT)))
        {
            return false;
        }

        if (EnclosingStatement(read) is not { Parent: IBlockOperation block } statement || HasLabels(block))
        {
            return false;
        }

        foreach (var earlier in block.Operations)
        {
            if (ReferenceEquals(earlier, statement))
            {
                return false;
            }

            if (AwaitsLocal(earlier, local) || TryStartsAwaiting(earlier, local))
            {
                break;
            }
        }

        return !IsAssignedAfterDeclaration(local, block);
    }

    /// <summary>
    /// <c>try { await t; … } catch { … }</c>: past this statement the task is complete whichever way the try ended, since
    /// its first step awaits the task, and an await throws only when the task has faulted or been canceled.
    /// </summary>
    private bool TryStartsAwaiting(IOperation statement, ILocalSymbol local)
        => statement is ITryOperation { Finally: null, Catches.Length: > 0, Body.Operations: { Length: > 0 } body }
           && AwaitsLocal(body[0], local);

    /// <summary>
    /// A task queued on a batch, then the batch run synchronously: <c>var x = batch.GetAsync(k); … batch.Execute(); … x.Result</c>
    /// (a pipelining client's batch or transaction: its synchronous <c>Execute</c> sends what was queued and returns when
    /// every queued operation has its answer). Same block, in that order, no labels, the local and the batch never
    /// reassigned, and <c>Execute</c> evaluated unconditionally in its statement.
    /// </summary>
    private bool ExecutedBatchEarlierInSameBlock(ILocalSymbol local, IOperation read)
    {
        if (EnclosingStatement(read) is not { Parent: IBlockOperation block } statement || HasLabels(block))
        {
            return false;
        }

        ISymbol? batch = null;
        var executed = false;
        foreach (var earlier in block.Operations)
        {
            if (ReferenceEquals(earlier, statement))
            {
                break;
            }

            if (batch is null)
            {
                batch = QueuedOn(earlier, local);
                continue;
            }

            executed = executed || ExecutesUnconditionally(earlier, batch);
        }

        return executed
               && batch is not null
               && !IsAssignedIn(local.Name, block.Syntax)
               && !IsAssignedIn(batch.Name, block.Syntax);
    }

    /// <summary>A label in the block: a goto may jump into it past earlier statements, so their order proves nothing.</summary>
    private static bool HasLabels(IBlockOperation block)
    {
        foreach (var operation in block.Operations)
        {
            if (operation is ILabeledOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The statement (a direct child of a block) that holds the operation, outside lambdas; null when there is none.</summary>
    private static IOperation? EnclosingStatement(IOperation operation)
    {
        var statement = operation;
        while (statement.Parent is { } parent && parent is not IBlockOperation)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation)
            {
                return null;
            }

            statement = parent;
        }

        return statement.Parent is IBlockOperation ? statement : null;
    }

    /// <summary>For <c>var t = batch.XAsync(…);</c> declaring <paramref name="local"/>: the batch (a local or parameter); otherwise null.</summary>
    private ISymbol? QueuedOn(IOperation statement, ILocalSymbol local)
    {
        if (statement is not IVariableDeclarationGroupOperation group)
        {
            return null;
        }

        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                if (declarator.Symbol.Is(local)
                    && declarator.Initializer?.Value is { } value
                    && Unwrap(value) is IInvocationOperation { TargetMethod.Name: var name, Instance: { } instance } invocation
                    && name.EndsWith("Async", StringComparison.Ordinal)
                    && IsTaskOrValueTaskType(invocation.Type))
                {
                    return Unwrap(instance) switch
                    {
                        ILocalReferenceOperation batchLocal => batchLocal.Local,
                        IParameterReferenceOperation batchParameter => batchParameter.Parameter,
                        _ => null,
                    };
                }
            }
        }

        return null;
    }

    /// <summary>The statement calls <c>batch.Execute(…)</c> (synchronous: it returns no task) wherever it runs to its end.</summary>
    private bool ExecutesUnconditionally(IOperation statement, ISymbol batch)
    {
        foreach (var operation in statement.DescendantsAndSelf())
        {
            if (operation is not IInvocationOperation { TargetMethod.Name: "Execute", Instance: { } instance } invocation
                || IsAwaitableResult(invocation.Type)
                || !(Unwrap(instance) is ILocalReferenceOperation { Local: var l } && l.Is(batch)
                     || Unwrap(instance) is IParameterReferenceOperation { Parameter: var p } && p.Is(batch)))
            {
                continue;
            }

            for (var child = (IOperation)invocation; !ReferenceEquals(child, statement); child = child.Parent!)
            {
                switch (child.Parent)
                {
                    case null:
                    case IConditionalOperation or ICoalesceOperation or IConditionalAccessOperation or IAnonymousFunctionOperation or ILocalFunctionOperation:
                        return false;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } binary
                        when ReferenceEquals(binary.RightOperand, child):
                        return false;
                }
            }

            return true;
        }

        return false;
    }

    private bool IsAwaitableResult(ITypeSymbol? type) => type is not null && (IsTaskOrValueTaskType(type) || symbols.IsAwaitable(type));

    /// <summary>
    /// <c>await t;</c>, <c>x = await t;</c>, <c>await Task.WhenAll(tasks)</c> (ConfigureAwait allowed) on locals and parameters:
    /// an await whose operand cannot throw before it is awaited, so the statement throws only once the task is complete.
    /// </summary>
    private bool AwaitsWithoutThrowingFirst(IOperation statement)
    {
        var value = statement is IExpressionStatementOperation expression ? Unwrap(expression.Operation) : null;
        if (value is ISimpleAssignmentOperation assignment)
        {
            value = Unwrap(assignment.Value);
        }

        if (value is not IAwaitOperation await)
        {
            return false;
        }

        var operand = UnwrapTask(await.Operation);
        return operand is ILocalReferenceOperation or IParameterReferenceOperation
               || (operand is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAll" } whenAll } invocation
                   && whenAll.ContainingType.Is(symbols.Task)
                   && invocation.Arguments.All(static argument => argument.Value.DescendantsAndSelf().All(
                       static o => o is ILocalReferenceOperation or IParameterReferenceOperation or IConversionOperation or IArrayCreationOperation
                                    or IArrayInitializerOperation or ILiteralOperation)));
    }

    /// <summary><c>await t;</c>, <c>var x = await t;</c> or the same with <c>Task.WhenAll(…, t, …)</c>, directly as the statement.</summary>
    private bool AwaitsLocal(IOperation statement, ILocalSymbol local)
    {
        var value = statement switch
        {
            IExpressionStatementOperation expression => expression.Operation,
            IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1
                => group.Declarations[0].Declarators[0].Initializer?.Value,
            _ => null,
        };
        if (value is null || Unwrap(value) is not IAwaitOperation await)
        {
            return false;
        }

        var operand = UnwrapTask(await.Operation);
        if (operand is ILocalReferenceOperation reference)
        {
            return reference.Local.Is(local);
        }

        if (operand is not IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAll" } whenAll } invocation
            || !whenAll.ContainingType.Is(symbols.Task))
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            // params Task[] (an array creation), params ReadOnlySpan<Task> (a collection expression) or one task.
            var argumentValue = Unwrap(argument.Value);
            IEnumerable<IOperation> elements = argumentValue switch
            {
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                _ when (int)argumentValue.Kind == CollectionExpressionKind => argumentValue.ChildOperations,
                _ => ImmutableArray.Create(argumentValue),
            };
            foreach (var element in elements)
            {
                if (UnwrapTask(element) is ILocalReferenceOperation { Local: var named } && named.Is(local))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Is the local written anywhere but its own declarator, in the function that holds <paramref name="block"/>
    /// (assignment, deconstruction, ref/out argument, ref alias)? Read from syntax: cheaper than binding, and a name
    /// shared by another local can only make the answer "yes" (the graph then decides).
    /// </summary>
    private static bool IsAssignedAfterDeclaration(ILocalSymbol local, IBlockOperation block)
    {
        SyntaxNode scope = block.Syntax;
        foreach (var ancestor in block.Syntax.AncestorsAndSelf())
        {
            scope = ancestor;
            if (ancestor is MemberDeclarationSyntax or CompilationUnitSyntax)
            {
                break;
            }
        }

        return IsAssignedIn(local.Name, scope);
    }

    private static IOperation? ArgumentFor(IInvocationOperation invocation, int ordinal)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter?.Ordinal == ordinal)
            {
                return argument.Value;
            }
        }

        return null;
    }

    /// <summary>Is a variable of this name assigned anywhere in <paramref name="scope"/> (assignment, deconstruction, ref/out, ref alias, ++/--)?</summary>
    private static bool IsAssignedIn(string name, SyntaxNode scope)
    {
        foreach (var token in SyntaxWords.Identifiers(scope, name))
        {
            if (token.Parent is not IdentifierNameSyntax identifier)
            {
                continue;
            }

            SyntaxNode node = identifier;
            while (node.Parent is ParenthesizedExpressionSyntax
                   or ArgumentSyntax { Parent: TupleExpressionSyntax }
                   or TupleExpressionSyntax)
            {
                node = node.Parent;
            }

            switch (node.Parent)
            {
                case AssignmentExpressionSyntax assignment when assignment.Left == node:
                case ArgumentSyntax { RefKindKeyword.RawKind: not 0 }:
                case RefExpressionSyntax:
                case PrefixUnaryExpressionSyntax:
                case PostfixUnaryExpressionSyntax:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A cheap syntactic test before building a control-flow graph: a parameter or field that the function names
    /// nowhere but in the read itself cannot have been awaited, guarded or collected there.
    /// </summary>
    private static bool MayHaveFacts(AccessPath path, IOperation read)
    {
        var root = path.Outermost;
        if (root is not (IParameterSymbol or IFieldSymbol or IPropertySymbol))
        {
            return true;
        }

        SyntaxNode? function = null;
        foreach (var ancestor in read.Syntax.Ancestors())
        {
            if (ancestor is AnonymousFunctionExpressionSyntax
                or LocalFunctionStatementSyntax
                or BaseMethodDeclarationSyntax
                or AccessorDeclarationSyntax
                or CompilationUnitSyntax)
            {
                function = ancestor;
                break;
            }
        }

        if (function is null)
        {
            return true;
        }

        var name = root.Name;
        var readSpan = read.Syntax.Span;
        foreach (var token in SyntaxWords.Identifiers(function, name))
        {
            if (!readSpan.Contains(token.Span)
                && token.Parent is not ParameterSyntax)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when every task in the collection <paramref name="collection"/> evaluates to is complete at <paramref name="read"/>
    /// (the collection was passed to an awaited <c>Task.WhenAll</c> and not changed since).
    /// </summary>
    public bool AreAllCompleteAt(IOperation collection, IOperation read, OperationAnalysisContext context)
    {
        var source = StripMaterialization(Unwrap(collection));
        if (source is IParameterReferenceOperation antecedents && IsContinuationAntecedent(antecedents, allTasks: true))
        {
            return true;
        }

        return PathOf(source, captures: null) is { } path
            && HoldsAt(new Fact(path, allElements: true), read, () => context.GetControlFlowGraph());
    }

    /// <summary>
    /// For an argument of <c>Task.WaitAll</c>/<c>WaitAny</c>/<c>WhenAll</c>: every task it stands for (a task, a params array or
    /// collection literal of tasks, or a collection) is complete at <paramref name="read"/>. False when it stands for none.
    /// </summary>
    public bool AreTasksCompleteAt(IOperation argumentValue, IOperation read, OperationAnalysisContext context)
    {
        var value = Unwrap(argumentValue);
        if (value is IArrayCreationOperation { Initializer: { } initializer })
        {
            return AllComplete(initializer.ElementValues, read, context);
        }

        if ((int)value.Kind == CollectionExpressionKind)
        {
            var elements = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var child in value.ChildOperations)
            {
                if ((int)child.Kind == SpreadKind)
                {
                    return false;
                }

                elements.Add(child);
            }

            return AllComplete(elements.ToImmutable(), read, context);
        }

        return IsTaskOrValueTaskType(value.Type) ? IsCompleteAt(value, read, context) : AreAllCompleteAt(value, read, context);
    }

    private bool AllComplete(ImmutableArray<IOperation> elements, IOperation read, OperationAnalysisContext context)
    {
        foreach (var element in elements)
        {
            if (!IsCompleteAt(element, read, context))
            {
                return false;
            }
        }

        return elements.Length > 0;
    }

    // ---- completion by construction --------------------------------------------------------------

    /// <summary>Task.FromResult, CompletedTask, await Task.WhenAny(...), new ValueTask&lt;T&gt;(value), …; or a path known complete in <paramref name="state"/>.</summary>
    private bool IsCompleteByConstruction(IOperation operation, FactSet? state, FlowScope? captures)
    {
        var value = UnwrapTask(operation);
        switch (value)
        {
            case null:
                return false;

            case IPropertyReferenceOperation { Property.IsStatic: true, Property.Name: "CompletedTask" } property:
                return IsTaskOrValueTaskType(property.Property.ContainingType);

            case IInvocationOperation invocation:
                var method = invocation.TargetMethod;
                if (method.IsStatic && method.Name is "FromResult" or "FromException" or "FromCanceled" && IsTaskOrValueTaskType(method.ContainingType))
                {
                    return true;
                }

                // A method of the project that does its work and returns Task.FromResult(…) (a certificate selector that
                // checks its argument first): not a stub standing for real async work, see CompletedTaskMethod.
                if (method.DeclaringSyntaxReferences.Length == 1 && !method.IsAsync && method.RunsOnlyItsOwnBody())
                {
                    var definition = (method.ReducedFrom ?? method).OriginalDefinition;
                    if (completedTaskMethods.GetOrAdd(definition, static m => Unobserved.CompletedTaskMethod.ReturnsOnlyCompletedTasks(m)))
                    {
                        return true;
                    }
                }

                if (CompletedTaskCache.IsReadFromCompletedCache(invocation, isCompletedCache))
                {
                    return true;
                }

                break;

            case IAwaitOperation await:
                return UnwrapTask(await.Operation) is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAny" } whenAny }
                    && whenAny.ContainingType.Is(symbols.Task);

            case IObjectCreationOperation creation when IsValueTaskType(creation.Type):
                // new ValueTask() / new ValueTask<T>(value) are complete; new ValueTask(task) or (source, token) are not.
                return creation.Arguments.Length == 0
                    || (creation.Arguments.Length == 1
                        && creation.Constructor?.OriginalDefinition is { Parameters.Length: 1 } constructor
                        && constructor.Parameters[0].Type is ITypeParameterSymbol);

            case IDefaultValueOperation defaultValue:
                return IsValueTaskType(defaultValue.Type);

            case IFlowCaptureReferenceOperation reference when captures is not null:
                return captures.Values.TryGetValue(reference.Id, out var values)
                    && (values.Count == 1
                        ? IsCompleteByConstruction(values[0], state, captures)
                        : values.TrueForAll(v => IsCompleteByConstruction(v, null, captures)));
        }

        return state is not null
            && PathOf(value, captures) is { } path
            && state.Contains(new Fact(path, allElements: false));
    }

    /// <summary>The lambda parameter is the antecedent of <c>ContinueWith</c>/<c>ContinueWhenAny</c> (or the array of <c>ContinueWhenAll</c>).</summary>
    private bool IsContinuationAntecedent(IParameterReferenceOperation reference, bool allTasks)
    {
        if (CallTakingLambdaOf(reference) is not { } taking)
        {
            return false;
        }

        var method = taking.Call.TargetMethod;
        var type = method.ContainingType?.OriginalDefinition;
        if (allTasks)
        {
            return method.Name == "ContinueWhenAll" && (type.Is(taskFactory) || type.Is(taskFactoryOfT));
        }

        return method.Name switch
        {
            "ContinueWith" => IsTaskOrValueTaskType(type) && taking.Argument.Parameter?.Ordinal == 0,
            "ContinueWhenAny" => type.Is(taskFactory) || type.Is(taskFactoryOfT),
            _ => false,
        };
    }

    /// <summary>
    /// For the first parameter of a lambda (<c>t</c> in <c>tasks.Select(t =&gt; …)</c>, <c>pending.ContinueWith(t =&gt; …)</c>): the
    /// call the lambda is handed to, and the argument it is; null for another parameter or a lambda that is not an argument.
    /// </summary>
    private static (IInvocationOperation Call, IArgumentOperation Argument)? CallTakingLambdaOf(IParameterReferenceOperation reference)
    {
        if (reference.Parameter is not { Ordinal: 0, ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol })
        {
            return null;
        }

        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            if (current is not IAnonymousFunctionOperation lambda || !lambda.Symbol.Is(lambdaSymbol))
            {
                continue;
            }

            IOperation? parent = lambda.Parent;
            while (parent is IDelegateCreationOperation or IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent is IArgumentOperation { Parent: IInvocationOperation call } argument ? (call, argument) : null;
        }

        return null;
    }

    // ---- a fresh empty collection ------------------------------------------------------------------

    /// <summary><c>new List&lt;Task&gt;()</c> (or with a capacity), <c>new Task[0]</c>, <c>Array.Empty&lt;Task&gt;()</c>, <c>[]</c>.</summary>
    private static bool IsEmptyCollection(IOperation value) => value switch
    {
        IObjectCreationOperation { Type: INamedTypeSymbol type } creation
            => (creation.Initializer is null || creation.Initializer.Initializers.IsEmpty)
               && (type.ContainingNamespace.IsNamespace("System.Collections.Generic") || type.ContainingNamespace.IsNamespace("System.Collections.Concurrent"))
               && creation.Arguments.All(static a => a.Value.Type?.SpecialType == SpecialType.System_Int32),
        IArrayCreationOperation array
            => array.DimensionSizes.All(static d => d.ConstantValue is { HasValue: true, Value: 0 })
               && (array.Initializer is null || array.Initializer.ElementValues.IsEmpty),
        IInvocationOperation { TargetMethod: { Name: "Empty", IsStatic: true, ContainingType.SpecialType: SpecialType.System_Array }, Arguments.IsEmpty: true } => true,
        _ => (int)value.Kind == CollectionExpressionKind && !value.ChildOperations.Any(),
    };

    /// <summary>
    /// The collection local is only filled and read where the walk sees it: every mention in its function is its
    /// declaration, a member access on it (<c>Add</c>, which the walk follows; <c>Count</c>; a LINQ operator), an element
    /// access (an assignment to an element is followed too), an argument of
    /// <c>Task.WhenAll</c>/<c>WhenAny</c>/<c>WaitAll</c>/<c>WaitAny</c>, or a <c>foreach</c> over it; never handed to another
    /// method, assigned elsewhere, returned or captured by a lambda or local function that could fill it out of sight.
    /// </summary>
    private static bool StaysInItsFunction(ILocalSymbol local)
    {
        if (local.DeclaringSyntaxReferences.Length != 1)
        {
            return false;
        }

        static SyntaxNode? FunctionAround(SyntaxNode node) => node.FirstAncestorOrSelf<SyntaxNode>(static n => n is BaseMethodDeclarationSyntax
            or AccessorDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or CompilationUnitSyntax);

        var function = FunctionAround(local.DeclaringSyntaxReferences[0].GetSyntax());
        if (function is null)
        {
            return false;
        }

        foreach (var token in SyntaxWords.Identifiers(function, local.Name))
        {
            if (token.Parent is not IdentifierNameSyntax name)
            {
                continue; // the declarator's own identifier
            }

            if (!ReferenceEquals(FunctionAround(name), function))
            {
                return false;
            }

            var fine = name.Parent switch
            {
                MemberAccessExpressionSyntax member when member.Expression == name => true,
                ElementAccessExpressionSyntax element when element.Expression == name => true,
                ForEachStatementSyntax loop when loop.Expression == name => true,
                ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
                    => HelperSource.RightmostName(call.Expression) is "WhenAll" or "WhenAny" or "WaitAll" or "WaitAny",
                _ => false,
            };
            if (!fine)
            {
                return false;
            }
        }

        return true;
    }

    // ---- query elements over complete tasks -------------------------------------------------------

    /// <summary>
    /// <c>t</c>, <c>t.Task</c> or <c>pair.Value</c>, where <c>t</c>/<c>pair</c> is the element parameter of a lambda handed to a
    /// LINQ to Objects operator or <c>ForEach</c>: the call, and the member read from the element (null for the element itself).
    /// </summary>
    private (IInvocationOperation Call, ISymbol? Member)? QueryElementRead(IOperation task)
    {
        ISymbol? member = null;
        var element = task;
        switch (task)
        {
            case IPropertyReferenceOperation { Property.Name: "Value", Instance: IParameterReferenceOperation pair }
                when pair.Type is INamedTypeSymbol { Name: "KeyValuePair" }:
                element = pair;
                break;
            case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: IParameterReferenceOperation owner } property:
                element = owner;
                member = NormalizeMember(property.Property);
                break;
            case IFieldReferenceOperation { Instance: IParameterReferenceOperation owner } field:
                element = owner;
                member = NormalizeMember(field.Field);
                break;
        }

        return element is IParameterReferenceOperation parameter && CallTakingLambdaOf(parameter) is { } taking
               && IsElementSelector(taking.Call.TargetMethod, taking.Argument)
            ? (taking.Call, member)
            : null;
    }

    /// <summary>An operator whose lambda takes each element of one source as its first parameter (not <c>Aggregate</c>, <c>Zip</c>, <c>Join</c>).</summary>
    private bool IsElementSelector(IMethodSymbol method, IArgumentOperation argument)
    {
        if (method.Name == "ForEach")
        {
            return method.ContainingType is { Name: "List" or "Array" };
        }

        return method.ContainingType.Is(enumerable)
               && argument.Parameter?.Ordinal > 0
               && method.Name is "Select" or "SelectMany" or "Where" or "Sum" or "Min" or "Max" or "Average" or "Count" or "LongCount"
                   or "Any" or "All" or "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single" or "SingleOrDefault"
                   or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "GroupBy" or "ToDictionary" or "ToLookup"
                   or "TakeWhile" or "SkipWhile" or "DistinctBy" or "MinBy" or "MaxBy";
    }

    /// <summary>
    /// Every element the query's lambda sees is a complete task (or its <paramref name="member"/> is): the source, through
    /// operators that keep elements (<c>Where</c>, <c>OrderBy</c>, <c>Skip</c>, <c>ToList</c>…), is a collection awaited with
    /// <c>Task.WhenAll</c> before the query runs, a continuation's antecedents, or is filtered on completion on the way.
    /// </summary>
    private bool IsQueryOverCompleteTasks(IInvocationOperation call, ISymbol? member, Func<ControlFlowGraph?> rootGraph)
    {
        var source = call.TargetMethod.Name == "ForEach" && call.Instance is { } list ? list
            : call.Arguments.Length > 0 ? call.Arguments[0].Value
            : null;
        if (source is null)
        {
            return false;
        }

        var collection = ElementPreservingSource(source, out var filtered);
        if (filtered && member is null)
        {
            return true;
        }

        if (member is null && collection is IParameterReferenceOperation antecedents && IsContinuationAntecedent(antecedents, allTasks: true))
        {
            return true;
        }

        return PathOf(collection, captures: null) is { } path
               && HoldsAt(new Fact(member is null ? path : path.WithMember(member), allElements: true), AsyncContext.InPlacePosition(call), rootGraph);
    }

    /// <summary>
    /// <c>tasks.Where(…).OrderBy(…).ToList()</c> → <c>tasks</c>: down through the operators that keep the elements they are
    /// given (and a dictionary's <c>Values</c>); <paramref name="filteredOnCompletion"/> when a <c>Where</c> on the way keeps
    /// only complete tasks.
    /// </summary>
    private IOperation ElementPreservingSource(IOperation source, out bool filteredOnCompletion)
    {
        filteredOnCompletion = false;
        source = StripMaterialization(Unwrap(source));
        for (var depth = 0; depth < 8; depth++)
        {
            if (source is not IInvocationOperation { TargetMethod: { } method } inner || !method.ContainingType.Is(enumerable) || inner.Arguments.Length == 0
                || method.Name is not ("Where" or "OrderBy" or "OrderByDescending" or "ThenBy" or "ThenByDescending" or "Skip" or "Take"
                    or "SkipWhile" or "TakeWhile" or "Distinct" or "DistinctBy" or "Reverse" or "ToHashSet"))
            {
                break;
            }

            if (method.Name == "Where" && inner.Arguments.Length == 2 && FiltersOnCompletion(inner.Arguments[1].Value))
            {
                filteredOnCompletion = true;
            }

            source = StripMaterialization(Unwrap(inner.Arguments[0].Value));
        }

        return source;
    }

    /// <summary><c>t =&gt; t.IsCompleted</c> (or <c>IsCompletedSuccessfully</c>, <c>IsFaulted</c>, <c>IsCanceled</c>, possibly <c>&amp;&amp;</c> more).</summary>
    private static bool FiltersOnCompletion(IOperation predicate)
    {
        while (predicate is IDelegateCreationOperation or IConversionOperation)
        {
            predicate = predicate is IDelegateCreationOperation creation ? creation.Target : ((IConversionOperation)predicate).Operand;
        }

        if (predicate is not IAnonymousFunctionOperation { Symbol.Parameters.Length: 1 } lambda
            || lambda.Body.Operations.Length != 1
            || lambda.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } condition })
        {
            return false;
        }

        var parameter = lambda.Symbol.Parameters[0];
        bool TestsCompletion(IOperation operation) => Unwrap(operation) switch
        {
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both => TestsCompletion(both.LeftOperand) || TestsCompletion(both.RightOperand),
            IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled", Instance: IParameterReferenceOperation tested }
                => tested.Parameter.Is(parameter),
            _ => false,
        };

        return TestsCompletion(condition);
    }

    // ---- foreach over complete tasks ---------------------------------------------------------------

    private static IForEachLoopOperation? FindForEachLoop(ILocalReferenceOperation reference)
    {
        var local = reference.Local;
        for (var current = reference.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case IForEachLoopOperation loop when loop.Locals.Contains(local) && loop.LoopControlVariable is IVariableDeclaratorOperation declarator
                                                     && declarator.Symbol.Is(local):
                    return loop;
                case IAnonymousFunctionOperation or ILocalFunctionOperation:
                    return null;
            }
        }

        return null;
    }

    private bool IsForEachOverCompleteTasks(IForEachLoopOperation loop, Func<ControlFlowGraph?> rootGraph)
    {
        var collection = Unwrap(loop.Collection);

        // await foreach (var t in Task.WhenEach(tasks)) — each task is yielded when it completes.
        while (collection is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "WithCancellation" } configured
               && (configured.Instance ?? (configured.TargetMethod.IsExtensionMethod && configured.Arguments.Length > 0 ? configured.Arguments[0].Value : null)) is { } inner)
        {
            collection = Unwrap(inner);
        }

        if (collection is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenEach" } whenEach } && whenEach.ContainingType.Is(symbols.Task))
        {
            return true;
        }

        collection = StripMaterialization(collection);
        if (collection is IParameterReferenceOperation antecedents && IsContinuationAntecedent(antecedents, allTasks: true))
        {
            return true;
        }

        // Asked where the collection is read (its own kind, not the enumerator captures that share its syntax).
        return PathOf(collection, captures: null) is { } path
            && HoldsAt(new Fact(path, allElements: true), collection, rootGraph);
    }

    /// <summary>For <c>tasks[i]</c>, <c>tasks.First()</c>, <c>tasks.ElementAt(i)</c>…: the collection.</summary>
    private IOperation? ElementSource(IOperation task) => ElementSource(task, out _);

    /// <inheritdoc cref="ElementSource(IOperation)"/>
    /// <param name="filteredOnCompletion">
    /// <c>tasks.Where(t =&gt; t.IsCompleted).First()</c>: the operators between the collection and the element keep only complete tasks.
    /// </param>
    private IOperation? ElementSource(IOperation task, out bool filteredOnCompletion)
    {
        filteredOnCompletion = false;
        switch (task)
        {
            case IArrayElementReferenceOperation element:
                return Unwrap(element.ArrayReference);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance }:
                return Unwrap(instance);
            case IInvocationOperation { TargetMethod: { IsExtensionMethod: true } method } invocation
                when method.ContainingType.Is(enumerable) && invocation.Arguments.Length > 0
                     && method.Name is "First" or "FirstOrDefault" or "Last" or "LastOrDefault" or "Single" or "SingleOrDefault" or "ElementAt" or "ElementAtOrDefault":
                return ElementPreservingSource(invocation.Arguments[0].Value, out filteredOnCompletion);
            default:
                return null;
        }
    }

    // ---- the data-flow ------------------------------------------------------------------------------

    private bool HoldsAt(Fact fact, IOperation at, Func<ControlFlowGraph?> rootGraph)
    {
        ControlFlowGraph? root;
        try
        {
            root = rootGraph();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            return false;
        }

        if (root is null)
        {
            return false;
        }

        var graph = AsyncContext.EnclosingFunctionOperation(at) is { } function ? FindFunctionGraph(root, function) : root;
        if (graph is null)
        {
            return false;
        }

        var facts = graphs.GetValue(graph, g => new GraphFacts(this, g));
        return facts.HoldsAt(fact, at.Syntax, at.Kind);
    }

    private static ControlFlowGraph? FindFunctionGraph(ControlFlowGraph root, IOperation function)
    {
        var symbol = function switch
        {
            IAnonymousFunctionOperation lambda => lambda.Symbol,
            ILocalFunctionOperation local => local.Symbol,
            _ => null,
        };
        if (symbol is null)
        {
            return null;
        }

        var pending = new Stack<ControlFlowGraph>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var graph = pending.Pop();
            foreach (var localFunction in graph.LocalFunctions)
            {
                var nested = graph.GetLocalFunctionControlFlowGraph(localFunction);
                if (localFunction.Is(symbol))
                {
                    return nested;
                }

                pending.Push(nested);
            }

            foreach (var block in graph.Blocks)
            {
                foreach (var operation in BlockOperations(block))
                {
                    foreach (var descendant in operation.DescendantsAndSelf())
                    {
                        if (descendant is IFlowAnonymousFunctionOperation anonymous)
                        {
                            var nested = graph.GetAnonymousFunctionControlFlowGraph(anonymous);
                            if (anonymous.Symbol.Is(symbol))
                            {
                                return nested;
                            }

                            pending.Push(nested);
                        }
                    }
                }
            }
        }

        return null;
    }

    private static IEnumerable<IOperation> BlockOperations(BasicBlock block)
    {
        foreach (var operation in block.Operations)
        {
            yield return operation;
        }

        if (block.BranchValue is { } branch)
        {
            yield return branch;
        }
    }

    /// <summary>The facts at the entry of every block of one graph (computed once), and the replay to a point inside a block.</summary>
    private sealed class GraphFacts
    {
        private readonly TaskCompletion owner;
        private readonly ControlFlowGraph graph;
        private readonly FactSet?[] entry;
        private readonly FlowScope captures = new();

        public GraphFacts(TaskCompletion owner, ControlFlowGraph graph)
        {
            this.owner = owner;
            this.graph = graph;
            entry = new FactSet?[graph.Blocks.Length];
            CollectCaptures();
            Solve();
        }

        public bool HoldsAt(Fact fact, SyntaxNode syntax, OperationKind? kind)
        {
            var found = false;
            foreach (var block in graph.Blocks)
            {
                if (!Contains(block, syntax))
                {
                    continue;
                }

                var walker = new Walker(owner, captures, (entry[block.Ordinal] ?? FactSet.Empty).ToBuilder(), syntax, kind);
                foreach (var operation in BlockOperations(block))
                {
                    walker.Visit(operation);
                    if (walker.StateAtTarget is not null)
                    {
                        break;
                    }
                }

                if (walker.StateAtTarget is { } state)
                {
                    if (!state.Contains(fact))
                    {
                        return false;
                    }

                    found = true;
                }
            }

            return found;
        }

        private static bool Contains(BasicBlock block, SyntaxNode syntax)
        {
            foreach (var operation in BlockOperations(block))
            {
                if (operation.Syntax.SyntaxTree == syntax.SyntaxTree && operation.Syntax.Span.Contains(syntax.Span))
                {
                    return true;
                }
            }

            return false;
        }

        private void CollectCaptures()
        {
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in BlockOperations(block))
                {
                    foreach (var descendant in operation.DescendantsAndSelf())
                    {
                        if (descendant is ISimpleAssignmentOperation { Target: ILocalReferenceOperation { Local: var local } } assignment)
                        {
                            // var all = Task.WhenAll(a, b); … await all; — completing 'all' completes a and b.
                            var combined = Unwrap(assignment.Value) is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WhenAll" } whenAll } invocation
                                           && whenAll.ContainingType.Is(owner.symbols.Task)
                                ? invocation
                                : null;
                            captures.Combined[local] = captures.Combined.ContainsKey(local) ? null : combined;
                            var winner = owner.AwaitedWhenAny(assignment.Value);
                            captures.WhenAnyWinners[local] = captures.WhenAnyWinners.ContainsKey(local) ? null : winner;

                            // var done = t.IsCompleted; … if (done) — the test, kept for the flag's later uses.
                            captures.Flags[local] = captures.Flags.ContainsKey(local) || local.Type.SpecialType != SpecialType.System_Boolean
                                ? null
                                : assignment.Value;
                        }

                        if (descendant is ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } written)
                        {
                            var target = written.Target is ILocalReferenceOperation l ? (ISymbol)l.Local : ((IParameterReferenceOperation)written.Target).Parameter;
                            captures.Assignments[target] = captures.Assignments.TryGetValue(target, out var count) ? count + 1 : 1;
                        }

                        if (descendant is IFlowCaptureOperation capture)
                        {
                            if (!captures.Values.TryGetValue(capture.Id, out var values))
                            {
                                captures.Values[capture.Id] = values = new List<IOperation>(1);
                            }

                            values.Add(capture.Value);
                        }
                    }
                }
            }
        }

        /// <summary>Forward must-analysis: a block's entry facts are the intersection over its incoming edges, to a fixed point.</summary>
        private void Solve()
        {
            var blocks = graph.Blocks;
            var pending = new Queue<BasicBlock>();
            var queued = new bool[blocks.Length];
            foreach (var block in blocks)
            {
                // The entry, and the blocks no edge reaches (dead code): nothing known there. Exception handlers are
                // reached from their try blocks below instead.
                if (block.Kind == BasicBlockKind.Entry
                    || (block.Kind == BasicBlockKind.Block && block.Predecessors.IsEmpty && !IsHandlerStart(block)))
                {
                    entry[block.Ordinal] = FactSet.Empty;
                    pending.Enqueue(block);
                    queued[block.Ordinal] = true;
                }
            }

            var budget = blocks.Length * 50;
            while (pending.Count > 0 && budget-- > 0)
            {
                var block = pending.Dequeue();
                queued[block.Ordinal] = false;

                var walker = new Walker(owner, captures, entry[block.Ordinal]!.ToBuilder(), null, null);
                var handlers = HandlerStarts(block);

                // try { await Task.WhenAll(tasks); … }: only the await can throw in that first statement, and an await
                // throws only once its task is complete, so a handler of this try knows what the await completed.
                var awaitsFirst = handlers is not null && block.Operations.Length > 0 && owner.AwaitsWithoutThrowingFirst(block.Operations[0]);
                FactSet? afterFirstAwait = null;
                foreach (var operation in block.Operations)
                {
                    walker.Visit(operation);
                    if (awaitsFirst && afterFirstAwait is null)
                    {
                        afterFirstAwait = walker.State.ToImmutable();
                    }
                }

                if (block.BranchValue is { } branchValue)
                {
                    walker.Visit(branchValue);
                }

                var after = walker.State;

                // An exception may leave the block anywhere: its handlers know what held both before and after it.
                if (handlers is not null)
                {
                    var thrown = (afterFirstAwait ?? entry[block.Ordinal]!).Intersect(after.ToImmutable());
                    foreach (var handler in handlers)
                    {
                        FlowTo(handler, thrown);
                    }
                }

                if (block.ConditionKind != ControlFlowConditionKind.None && block.BranchValue is { } condition)
                {
                    var jumpsWhen = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                    Flow(block.ConditionalSuccessor, WithCondition(after, condition, jumpsWhen));
                    Flow(block.FallThroughSuccessor, WithCondition(after, condition, !jumpsWhen));
                }
                else
                {
                    var state = after.ToImmutable();
                    Flow(block.ConditionalSuccessor, state);
                    Flow(block.FallThroughSuccessor, state);
                }
            }

            void Flow(ControlFlowBranch? branch, FactSet state)
            {
                if (branch?.Destination is { } destination)
                {
                    FlowTo(destination, state);
                }
            }

            void FlowTo(BasicBlock destination, FactSet state)
            {
                var current = entry[destination.Ordinal];
                var merged = current is null ? state : current.Intersect(state);
                if (current is not null && merged.Count == current.Count)
                {
                    return;
                }

                entry[destination.Ordinal] = merged;
                if (!queued[destination.Ordinal])
                {
                    queued[destination.Ordinal] = true;
                    pending.Enqueue(destination);
                }
            }
        }

        private bool IsHandlerStart(BasicBlock block)
        {
            foreach (var region in RegionsAround(block))
            {
                if (region.FirstBlockOrdinal != block.Ordinal)
                {
                    return false;
                }

                if (region.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.Filter or ControlFlowRegionKind.FilterAndHandler
                    or ControlFlowRegionKind.Finally)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The regions around <paramref name="block"/>, innermost first, up to this graph's root: the root region of a local
        /// function's or lambda's graph has the enclosing member's region as its parent, whose block ordinals index another graph.
        /// </summary>
        private IEnumerable<ControlFlowRegion> RegionsAround(BasicBlock block)
        {
            for (var region = block.EnclosingRegion; region is not null; region = region.EnclosingRegion)
            {
                yield return region;
                if (ReferenceEquals(region, graph.Root))
                {
                    yield break;
                }
            }
        }

        /// <summary>The first blocks of the catch, filter and finally handlers that guard <paramref name="block"/>, or null.</summary>
        private List<BasicBlock>? HandlerStarts(BasicBlock block)
        {
            List<BasicBlock>? starts = null;
            ControlFlowRegion? child = null;
            foreach (var region in RegionsAround(block))
            {
                if (region.Kind is (ControlFlowRegionKind.TryAndCatch or ControlFlowRegionKind.TryAndFinally)
                    && child is { Kind: ControlFlowRegionKind.Try })
                {
                    foreach (var handler in region.NestedRegions)
                    {
                        if (!ReferenceEquals(handler, child))
                        {
                            (starts ??= new List<BasicBlock>()).Add(graph.Blocks[handler.FirstBlockOrdinal]);
                        }
                    }
                }

                child = region;
            }

            return starts;
        }

        private FactSet WithCondition(FactSet.Builder after, IOperation condition, bool value)
        {
            var builder = after.Clone();
            owner.AddConditionFacts(condition, value, builder, captures, depth: 0);
            return builder.ToImmutable();
        }
    }

    /// <summary>Replays the operations of a block in evaluation order, applying what completes or forgets a task.</summary>
    private sealed class Walker
    {
        private readonly TaskCompletion owner;
        private readonly FlowScope captures;
        private readonly SyntaxNode? target;
        private readonly OperationKind? targetKind;

        public Walker(TaskCompletion owner, FlowScope captures, FactSet.Builder state, SyntaxNode? target, OperationKind? targetKind)
        {
            this.owner = owner;
            this.captures = captures;
            State = state;
            this.target = target;
            this.targetKind = targetKind;
        }

        private const int MaxWalkDepth = 200;
        private int depth;

        public FactSet.Builder State { get; }

        public FactSet? StateAtTarget { get; private set; }

        public void Visit(IOperation operation)
        {
            // Very deep expressions (generated string concatenations) are not walked to the bottom: no stack overflow.
            if (StateAtTarget is not null || depth > MaxWalkDepth)
            {
                return;
            }

            depth++;
            try
            {
                VisitCore(operation);
            }
            finally
            {
                depth--;
            }
        }

        private void VisitCore(IOperation operation)
        {

            switch (operation)
            {
                case IFlowAnonymousFunctionOperation or IAnonymousFunctionOperation or ILocalFunctionOperation:
                    // The body runs later (or never): nothing in it completes a task here.
                    return;

                case ISimpleAssignmentOperation assignment:
                    VisitChildrenOf(assignment.Target);
                    Visit(assignment.Value);
                    CheckTarget(operation);
                    Assign(assignment.Target, assignment.Value);
                    return;

                case IDeconstructionAssignmentOperation deconstruction:
                    Visit(deconstruction.Value);
                    CheckTarget(operation);
                    foreach (var element in deconstruction.Target.DescendantsAndSelf())
                    {
                        if (owner.PathOf(element, captures) is { } assigned)
                        {
                            State.Forget(assigned);
                        }
                    }

                    return;

                case ICompoundAssignmentOperation or IIncrementOrDecrementOperation or ICoalesceAssignmentOperation:
                    foreach (var child in operation.ChildOperations)
                    {
                        Visit(child);
                    }

                    CheckTarget(operation);
                    var changed = operation switch
                    {
                        ICompoundAssignmentOperation compound => compound.Target,
                        IIncrementOrDecrementOperation increment => increment.Target,
                        ICoalesceAssignmentOperation coalesce => coalesce.Target,
                        _ => null,
                    };
                    if (changed is not null && owner.PathOf(changed, captures) is { } changedPath)
                    {
                        State.Forget(changedPath);
                    }

                    return;
            }

            foreach (var child in operation.ChildOperations)
            {
                Visit(child);
            }

            if (StateAtTarget is not null)
            {
                return;
            }

            CheckTarget(operation);
            Apply(operation);
        }

        private void VisitChildrenOf(IOperation operation)
        {
            foreach (var child in operation.ChildOperations)
            {
                Visit(child);
            }
        }

        private void CheckTarget(IOperation operation)
        {
            if (target is not null && StateAtTarget is null && operation.Syntax == target && (targetKind is null || operation.Kind == targetKind))
            {
                StateAtTarget = State.ToImmutable();
            }
        }

        private void Assign(IOperation targetOperation, IOperation value)
        {
            var assigned = owner.PathOf(targetOperation, captures);
            if (assigned is null)
            {
                // tasks[i] = …: the collection no longer holds only complete tasks.
                if (owner.ElementSource(targetOperation) is { } collection && owner.PathOf(collection, captures) is { } collectionPath)
                {
                    State.RemoveAllElements(collectionPath);
                    State.ForgetMembersOf(collectionPath);
                }

                return;
            }

            var complete = owner.IsCompleteByConstruction(value, State.Snapshot(), captures);
            var valuePath = owner.PathOf(owner.StripMaterialization(Unwrap(value)), captures);
            var allComplete = valuePath is not null && State.Contains(new Fact(valuePath, allElements: true));
            State.Forget(assigned);
            if (complete)
            {
                State.Add(new Fact(assigned, allElements: false));
            }

            // var tasks = new[] { a, b } / Task[] tasks = [a, b]: remember which tasks the collection holds.
            var literal = Resolve(Unwrap(value), captures);

            // var pending = new List<Task<T>>(); if (…) { pending.Add(…); await Task.WhenAll(pending); } … pending[0].Result:
            // on the path that skipped the adds the list is still empty, so every element it has is complete.
            if (allComplete || (targetOperation is ILocalReferenceOperation { Local: var local } && IsEmptyCollection(literal) && StaysInItsFunction(local)))
            {
                State.Add(new Fact(assigned, allElements: true));
            }

            var elements = literal switch
            {
                IArrayCreationOperation { Initializer: { } initializer } => initializer.ElementValues,
                _ when (int)literal.Kind == CollectionExpressionKind => literal.ChildOperations.ToImmutableArray(),
                _ => ImmutableArray<IOperation>.Empty,
            };
            foreach (var element in elements)
            {
                if (owner.PathOf(owner.UnwrapTask(element) ?? element, captures) is { } elementPath)
                {
                    State.Add(new Fact(assigned, elementPath));
                }
            }
        }

        private void Apply(IOperation operation)
        {
            switch (operation)
            {
                case IAwaitOperation await:
                    owner.AddAwaitFacts(await.Operation, State, captures);
                    break;

                case IPropertyReferenceOperation { Property.Name: "Result", Instance: { } instance } when owner.IsTaskOrValueTaskType(instance.Type):
                    // Reading .Result blocked until completion: afterwards the task is complete.
                    owner.AddCompleted(instance, State, captures);
                    break;

                case IInvocationOperation invocation:
                    owner.ApplyInvocation(invocation, State, captures);
                    break;

                case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } argument
                    when owner.PathOf(argument.Value, captures) is { } passed:
                    State.Forget(passed);
                    break;
            }
        }
    }

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
    /// await task; }</c>): every <c>return</c> follows an <c>await</c> of it, and so does the end of the body; anything
    /// else must throw. Read from the declaration once per method; -1 when it is not such a method.
    /// </summary>
    private int AwaitedParameter(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (!method.IsAsync || method.DeclaringSyntaxReferences.Length != 1)
        {
            return -1;
        }

        return awaitedParameter.GetOrAdd(method, static m =>
        {
            if (m.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { Body: { } body })
            {
                return -1;
            }

            foreach (var parameter in m.Parameters)
            {
                if (parameter.RefKind == RefKind.None && parameter.Type is INamedTypeSymbol { Name: "Task" or "ValueTask" }
                    && !IsAssignedIn(parameter.Name, body)
                    && EndsAwaiting(body, parameter.Name)
                    && EveryReturnFollowsAwait(body, parameter.Name))
                {
                    return parameter.Ordinal;
                }
            }

            return -1;
        });
    }

    /// <summary>The statement cannot complete normally without having awaited <paramref name="name"/> last.</summary>
    private static bool EndsAwaiting(StatementSyntax statement, string name) => statement switch
    {
        BlockSyntax { Statements.Count: > 0 } block => block.Statements[block.Statements.Count - 1] is ReturnStatementSyntax
            ? block.Statements.Count > 1 && IsAwaitOf(block.Statements[block.Statements.Count - 2], name)
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
    {
        if (statement is not ExpressionStatementSyntax { Expression: AwaitExpressionSyntax { Expression: var awaited } })
        {
            return false;
        }

        if (awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } })
        {
            awaited = configured;
        }

        return awaited is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name;
    }

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

            // task.IsCompletedSuccessfully(): the compatibility shim of libraries that target frameworks without the property.
            case IInvocationOperation { TargetMethod: { IsExtensionMethod: true, Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" }, Arguments.Length: 1 } shim
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

    /// <summary>What one graph's operations say about values: flow captures, and locals that hold a <c>Task.WhenAll</c>.</summary>
    private sealed class FlowScope
    {
        /// <summary>The values each flow capture may hold (more than one where branches meet).</summary>
        public Dictionary<CaptureId, List<IOperation>> Values { get; } = new();

        /// <summary>Locals assigned once, from <c>Task.WhenAll(...)</c> (null where assigned more than once or from something else).</summary>
        public Dictionary<ILocalSymbol, IInvocationOperation?> Combined { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Locals assigned once, from <c>await Task.WhenAny(...)</c>: the invocation (null where assigned more than once or otherwise).</summary>
        public Dictionary<ILocalSymbol, IInvocationOperation?> WhenAnyWinners { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>Bool locals assigned once: the value (null where assigned more than once).</summary>
        public Dictionary<ILocalSymbol, IOperation?> Flags { get; } = new(SymbolEqualityComparer.Default);

        /// <summary>How many times each local or parameter is assigned in the graph (a declaration with an initializer counts once).</summary>
        public Dictionary<ISymbol, int> Assignments { get; } = new(SymbolEqualityComparer.Default);
    }

    // ---- facts ------------------------------------------------------------------------------------

    /// <summary>A local, parameter or member chain, innermost member first (<c>this.pending.Task</c> → Task, pending, C).</summary>
    private sealed class AccessPath : IEquatable<AccessPath>
    {
        private readonly ImmutableArray<ISymbol> symbols;
        private readonly int hash;

        public AccessPath(List<ISymbol> symbols)
        {
            this.symbols = symbols.ToImmutableArray();
            var h = 17;
            foreach (var symbol in this.symbols)
            {
                h = (h * 31) + SymbolEqualityComparer.Default.GetHashCode(symbol);
            }

            hash = h;
        }

        /// <summary>The named variable or member the chain starts from (<c>pending</c> in <c>this.pending.Task</c>).</summary>
        public ISymbol Outermost
        {
            get
            {
                for (var i = symbols.Length - 1; i > 0; i--)
                {
                    if (symbols[i] is not ITypeSymbol)
                    {
                        return symbols[i];
                    }
                }

                return symbols[0];
            }
        }

        public bool Mentions(AccessPath other)
        {
            // Assigning other forgets every path that goes through the assigned variable or member.
            var assigned = other.symbols[0];
            foreach (var symbol in symbols)
            {
                if (SymbolEqualityComparer.Default.Equals(symbol, assigned))
                {
                    return true;
                }
            }

            return false;
        }

        public bool Equals(AccessPath? other)
        {
            if (other is null || other.hash != hash || other.symbols.Length != symbols.Length)
            {
                return false;
            }

            for (var i = 0; i < symbols.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(symbols[i], other.symbols[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is AccessPath other && Equals(other);

        public override int GetHashCode() => hash;

        /// <summary>This path is <paramref name="collection"/> one member further (see <see cref="WithMember"/>).</summary>
        public bool IsProjectionOf(AccessPath collection)
        {
            if (symbols.Length != collection.symbols.Length + 1)
            {
                return false;
            }

            for (var i = 0; i < collection.symbols.Length; i++)
            {
                if (!SymbolEqualityComparer.Default.Equals(symbols[i + 1], collection.symbols[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The path one member further (<c>jobs</c> → the <c>task</c> of every element of <c>jobs</c>).</summary>
        public AccessPath WithMember(ISymbol member)
        {
            var list = new List<ISymbol>(symbols.Length + 1) { member };
            list.AddRange(symbols);
            return new AccessPath(list);
        }
    }

    /// <summary>"The task at <see cref="Path"/> is complete", or "every task in the collection at Path is".</summary>
    private readonly struct Fact : IEquatable<Fact>
    {
        public Fact(AccessPath path, bool allElements)
        {
            Path = path;
            AllElements = allElements;
            Element = null;
        }

        /// <summary>"The task at <paramref name="element"/> is in the collection at <paramref name="collection"/>".</summary>
        public Fact(AccessPath collection, AccessPath element)
        {
            Path = collection;
            AllElements = false;
            Element = element;
        }

        public AccessPath Path { get; }

        public bool AllElements { get; }

        /// <summary>Set for a membership fact: the task known to be held by the collection at <see cref="Path"/>.</summary>
        public AccessPath? Element { get; }

        public bool Mentions(AccessPath assigned) => Path.Mentions(assigned) || (Element?.Mentions(assigned) ?? false);

        public bool Equals(Fact other)
            => AllElements == other.AllElements && Path.Equals(other.Path)
               && (Element is null ? other.Element is null : Element.Equals(other.Element));

        public override bool Equals(object? obj) => obj is Fact other && Equals(other);

        public override int GetHashCode() => Path.GetHashCode() ^ (AllElements ? 1 : 0) ^ ((Element?.GetHashCode() ?? 0) * 7);
    }

    /// <summary>An immutable set of facts (tiny: a handful per function).</summary>
    private sealed class FactSet
    {
        // A property, not a shared static instance: analyzers keep no static state (facts hold symbols of one compilation).
        public static FactSet Empty => new(ImmutableHashSet<Fact>.Empty);

        private readonly ImmutableHashSet<Fact> facts;

        private FactSet(ImmutableHashSet<Fact> facts)
        {
            this.facts = facts;
        }

        public int Count => facts.Count;

        public bool Contains(Fact fact) => facts.Contains(fact);

        public FactSet Intersect(FactSet other) => facts.Count == 0 ? this : new FactSet(facts.Intersect(other.facts));

        public Builder ToBuilder() => new(facts.ToBuilder());

        public sealed class Builder
        {
            private readonly ImmutableHashSet<Fact>.Builder facts;

            public Builder(ImmutableHashSet<Fact>.Builder facts)
            {
                this.facts = facts;
            }

            public bool Contains(Fact fact) => facts.Contains(fact);

            public IEnumerable<Fact> Items => facts;

            public void Add(Fact fact) => facts.Add(fact);

            public void Remove(Fact fact) => facts.Remove(fact);

            /// <summary>The collection gained or replaced an element: neither it nor a projection of it (<c>jobs.Select(j => j.Task)</c>) is all complete.</summary>
            public void RemoveAllElements(AccessPath collection)
            {
                facts.Remove(new Fact(collection, allElements: true));
                List<Fact>? stale = null;
                foreach (var fact in facts)
                {
                    if (fact.AllElements && fact.Path.IsProjectionOf(collection))
                    {
                        (stale ??= new List<Fact>()).Add(fact);
                    }
                }

                if (stale is not null)
                {
                    facts.ExceptWith(stale);
                }
            }

            public void Forget(AccessPath assigned)
            {
                if (facts.Count == 0)
                {
                    return;
                }

                List<Fact>? stale = null;
                foreach (var fact in facts)
                {
                    if (fact.Mentions(assigned))
                    {
                        (stale ??= new List<Fact>()).Add(fact);
                    }
                }

                if (stale is not null)
                {
                    facts.ExceptWith(stale);
                }
            }

            /// <summary>The tasks known to be in the collection at <paramref name="collection"/>.</summary>
            public List<AccessPath>? MembersOf(AccessPath collection)
            {
                List<AccessPath>? members = null;
                foreach (var fact in facts)
                {
                    if (fact.Element is { } element && fact.Path.Equals(collection))
                    {
                        (members ??= new List<AccessPath>()).Add(element);
                    }
                }

                return members;
            }

            /// <summary>The collection lost elements (Remove, Clear, <c>tasks[i] = …</c>): what it held is no longer known.</summary>
            public void ForgetMembersOf(AccessPath collection)
            {
                if (MembersOf(collection) is { } members)
                {
                    foreach (var member in members)
                    {
                        facts.Remove(new Fact(collection, member));
                    }
                }
            }

            public Builder Clone() => new(facts.ToImmutable().ToBuilder());

            public FactSet Snapshot() => new(facts.ToImmutable());

            public FactSet ToImmutable() => new(facts.ToImmutable());
        }
    }
}
