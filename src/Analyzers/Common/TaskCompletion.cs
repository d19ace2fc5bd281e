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
internal sealed partial class TaskCompletion
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

            // items[i].Work, after Task.WhenAll(items.Select(item => item.Work)), where no element's Work is assigned again.
            case var indexed when IndexedElementMemberRead(indexed) is { } indexedRead
                                  && PathOf(StripMaterialization(Unwrap(indexedRead.Collection)), captures: null) is { } itemsPath
                                  && HoldsAt(new Fact(itemsPath.WithMember(indexedRead.Member), allElements: true), read, rootGraph):
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

    /// <summary>
    /// <c>items[i].Work</c> (an array element or a list's indexer): the collection and the member read, for a projected
    /// fact (<see cref="ProjectedMember"/>). Null when the function assigns that member of an element anywhere
    /// (<c>items[k].Work = …</c>), which the projected fact does not follow.
    /// </summary>
    private static (IOperation Collection, ISymbol Member)? IndexedElementMemberRead(IOperation task)
    {
        var (instance, member) = task switch
        {
            IFieldReferenceOperation { Instance: { } i } field => (i, (ISymbol)field.Field),
            IPropertyReferenceOperation { Instance: { } i, Property.IsIndexer: false } property => (i, property.Property),
            _ => (null, null),
        };

        var collection = instance switch
        {
            IArrayElementReferenceOperation { ArrayReference: var array } => array,
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } list } => list,
            _ => null,
        };

        if (collection is null || member is null || AsyncContext.EnclosingFunctionBody(task) is not { } function)
        {
            return null;
        }

        var normalized = NormalizeMember(member);
        foreach (var operation in function.Descendants())
        {
            if (operation is IAssignmentOperation { Target: IMemberReferenceOperation { Instance: IArrayElementReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: true } } target }
                && NormalizeMember(target.Member).Is(normalized))
            {
                return null;
            }
        }

        return (collection, normalized);
    }

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
}
