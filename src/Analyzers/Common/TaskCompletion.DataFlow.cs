using System;
using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

/// <summary>
/// The forward "must" data-flow behind <see cref="TaskCompletion"/>: per control-flow graph, which tasks are known
/// complete at the start of each block (<c>GraphFacts</c>, walked by <c>Walker</c>), and the values it tracks (access paths,
/// facts, fact sets). TaskCompletion.Facts.cs says what each operation adds to or removes from a block's facts.
/// </summary>
internal sealed partial class TaskCompletion
{
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
