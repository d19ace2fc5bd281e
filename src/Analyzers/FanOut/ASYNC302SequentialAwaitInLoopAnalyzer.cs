using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.FanOut;

/// <summary>
/// ASYNC302: a <c>foreach</c> (or counting <c>for</c>) loop whose body awaits one independent operation per element:
/// nothing carries over from one iteration to the next into the operation, nothing leaves the loop early, and the
/// operation shares nothing unsafe across iterations.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC302SequentialAwaitInLoopAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ASYNC302);

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

            var analysis = new CompilationAnalysis(symbols.Family(static s => new FanOutSymbols(s)));
            start.RegisterOperationAction(analysis.AnalyzeLoop, OperationKind.Loop);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly FanOutSymbols symbols;

        public CompilationAnalysis(FanOutSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void AnalyzeLoop(OperationAnalysisContext context)
        {
            var loop = (ILoopOperation)context.Operation;
            if (loop.Body is null || !AwaitSyntax.ContainsAwait(loop.Body.Syntax))
            {
                return;
            }

            ILocalSymbol? iterationVariable;
            FanOutLoopKind kind;
            switch (loop)
            {
                case IForEachLoopOperation forEach:
                    if (forEach.IsAsynchronous || forEach.LoopControlVariable is not IVariableDeclaratorOperation declarator
                        || IsConsumingEnumerable(forEach.Collection))
                    {
                        return;
                    }

                    iterationVariable = declarator.Symbol;
                    kind = FanOutLoopKind.ForEach;
                    break;
                case IForLoopOperation forLoop:
                    iterationVariable = CountingVariable(forLoop);
                    if (iterationVariable is null)
                    {
                        return;
                    }

                    kind = FanOutLoopKind.For;
                    break;
                default:
                    return;
            }

            var statements = loop.Body is IBlockOperation block ? block.Operations : ImmutableArray.Create(loop.Body);
            var awaits = FanOutStatements.AwaitsIn(loop.Body);
            if (awaits.Count != 1 || Independence.IsThrottleStep(awaits[0], symbols.Symbols))
            {
                return;
            }

            if (symbols.IsSilentInTests(context.Options, loop.Syntax.SyntaxTree))
            {
                return;
            }

            // The awaiting statement: a top-level statement of the body, after only side-effect-free local computations.
            var awaitIndex = -1;
            for (var i = 0; i < statements.Length; i++)
            {
                if (Contains(statements[i], awaits[0]))
                {
                    awaitIndex = i;
                    break;
                }

                if (!FanOutStatements.IsLocalComputation(statements[i]))
                {
                    return;
                }
            }

            if (awaitIndex < 0
                || !FanOutStatements.IsSimpleStatement(statements[awaitIndex])
                || !FanOutStatements.IsLeading(awaits[0], statements[awaitIndex]))
            {
                return;
            }

            var candidate = Independence.TryGetCandidate(awaits[0], symbols);
            if (candidate is null || candidate.CallsThis || !LeavesOnlyByTheEnd(loop, out var hasContinue)
                || Independence.IsUiComponent(candidate.Invocation.Instance?.Type)
                || IsExtensionPointChain(candidate.Invocation, iterationVariable)
                || Independence.SharesStaticState(candidate.Invocation.TargetMethod, candidate.Invocation.TargetMethod, symbols))
            {
                return;
            }

            // Locals declared in the body are fresh in every iteration; so is the iteration variable.
            var bodyLocals = DeclaredIn(loop.Body);
            bodyLocals.Add(iterationVariable);
            if (!ReadsIterationState(candidate, bodyLocals))
            {
                // The same call every time round: a poll, a retry or a repeat, not one operation per element.
                return;
            }

            // Condition 5: nothing written in one iteration feeds the operation in the next (counters, offsets, cursors).
            var writes = new WriteSet();
            Independence.CollectWrites(loop.Body, candidate.Invocation, writes);
            foreach (var local in bodyLocals)
            {
                writes.Symbols.Remove(local);
            }

            // Writes to this iteration's own element (order.Customer = ...) do not carry over to the next one.
            var varyingKeys = VaryingKeys(bodyLocals);
            writes.MutatedKeys.RemoveWhere(key => Varies(key, varyingKeys));

            if (writes.Symbols.Contains(iterationVariable) || Independence.ReadsWritten(candidate, writes))
            {
                return;
            }

            if (kind == FanOutLoopKind.For && !BoundIsStable((IForLoopOperation)loop, writes))
            {
                return;
            }

            // Condition 3 across iterations: what every iteration touches must be safe to share.
            var configured = AsyncLintOptions.ReadList(context.Options, loop.Syntax.SyntaxTree, AsyncLintOptions.NonConcurrentTypes);
            var dataScope = symbols.InDataScope(context.ContainingSymbol.ContainingType);
            foreach (var touch in candidate.Touches)
            {
                if (!Varies(touch.Key, varyingKeys) && Independence.UnsafeShared(touch.Type, touch.IsReceiver, symbols, configured, dataScope))
                {
                    return;
                }
            }

            // A command (plain Task) on one shared object, once per element, is a sequence of steps on it.
            if (candidate.ReceiverKey is { } receiverKey && receiverKey != "this" && !Varies(receiverKey, varyingKeys)
                && Independence.IsCommand(candidate, symbols))
            {
                return;
            }

            if (IsTimed(loop) || ReadsLocalFilesOneByOne(loop, candidate, context.ContainingSymbol.ContainingType)
                || IsOrderedTraversal(candidate, context.ContainingSymbol))
            {
                return;
            }

            Report(context, loop, kind, candidate, statements, awaitIndex, hasContinue);
        }

        /// <summary>
        /// <c>foreach (var hook in hooks) await hook.UserUpdating(record);</c>: the elements are the registered extension points
        /// (hooks, handlers, interceptors, listeners, middleware, plugins…) and each is called in turn. Registration order is
        /// their contract, as with an event's handlers, and a hook may change what the next one (or the caller) is handed.
        /// The element is the receiver, typed as an interface or abstract class named for such a role.
        /// </summary>
        private static bool IsExtensionPointChain(IInvocationOperation invocation, ILocalSymbol iterationVariable)
            => invocation.Instance is { } receiver
               && Independence.Unwrap(receiver) is ILocalReferenceOperation { Local: var local } && local.Is(iterationVariable)
               && local.Type is INamedTypeSymbol { TypeKind: TypeKind.Interface } or INamedTypeSymbol { IsAbstract: true }
               && NamesAnExtensionPoint(local.Type.Name);

        private static bool NamesAnExtensionPoint(string typeName)
        {
            foreach (var role in ExtensionPointRoles)
            {
                if (typeName.EndsWith(role, System.StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly ImmutableArray<string> ExtensionPointRoles = ImmutableArray.Create(
            "Hook", "Handler", "Interceptor", "Observer", "Listener", "Subscriber", "Middleware", "Filter", "Plugin",
            "Extension", "Contributor", "Behavior", "Behaviour", "Callback", "Step", "Stage", "Registration", "Initializer");

        /// <summary>
        /// <c>foreach (var path in Directory.GetFiles(folder, "state-*.json")) await LoadStateAsync(path, ct);</c>: the elements
        /// are files on the local disk, handed to a static helper of this type or to <c>System.IO</c> itself. Reading a
        /// folder's files together saves no network round trip, and such helpers often prune or rewrite what they read.
        /// A client given each file (<c>await blobs.UploadAsync(path)</c>) is still reported.
        /// </summary>
        private static bool ReadsLocalFilesOneByOne(ILoopOperation loop, FanOutCandidate candidate, INamedTypeSymbol? containingType)
        {
            if (loop is not IForEachLoopOperation forEach || !IsFileListing(forEach.Collection, depth: 0))
            {
                return false;
            }

            var method = candidate.Invocation.TargetMethod;
            return method.IsStatic
                   && (method.ContainingType.Is(containingType)
                       || method.ContainingNamespace.IsNamespace("System.IO"));
        }

        /// <summary>
        /// <c>foreach (var child in children) await child.TraverseAwait(action, true);</c> inside <c>TraverseAwait</c> itself: a
        /// recursive walk that hands its caller's delegate on visits the nodes in the order the caller relies on (parent
        /// before child, siblings in order); the order is the method's contract. A recursive call that is handed no
        /// delegate of the caller (a frame tree loaded node by node) is still reported.
        /// </summary>
        private static bool IsOrderedTraversal(FanOutCandidate candidate, ISymbol containing)
        {
            if (containing is not IMethodSymbol method
                || !SymbolEqualityComparer.Default.Equals(candidate.Invocation.TargetMethod.OriginalDefinition, method.OriginalDefinition))
            {
                return false;
            }

            foreach (var argument in candidate.Invocation.Arguments)
            {
                if (Independence.Unwrap(argument.Value) is IParameterReferenceOperation { Parameter: { Type.TypeKind: TypeKind.Delegate } parameter }
                    && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol.OriginalDefinition, method.OriginalDefinition))
                {
                    return true;
                }
            }

            return false;
        }

        private const int CollectionExpressionKind = 127; // OperationKind.CollectionExpression (Roslyn 4.9+)
        private const int SpreadKind = 128;               // OperationKind.Spread (Roslyn 4.9+)

        /// <summary><c>Directory.GetFiles(…)</c>, <c>new DirectoryInfo(p).EnumerateFiles()</c>, a local or spread of one.</summary>
        private static bool IsFileListing(IOperation collection, int depth)
        {
            while (collection is IConversionOperation conversion)
            {
                collection = conversion.Operand;
            }

            switch (collection)
            {
                case IInvocationOperation { TargetMethod: { Name: "GetFiles" or "EnumerateFiles" or "GetFileSystemEntries" or "EnumerateFileSystemEntries" or "GetFileSystemInfos" or "EnumerateFileSystemInfos" } listing }:
                    return listing.ContainingType is { Name: "Directory" or "DirectoryInfo" } type && type.ContainingNamespace.IsNamespace("System.IO");
                case ILocalReferenceOperation local when depth < 5 && AssignedValue.Initializer(local) is { } initializer:
                    return IsFileListing(initializer, depth + 1);

                // File.Exists(legacy) ? [.. files, legacy] : files: each arm a listing, or a listing spread with more paths.
                case IConditionalOperation { WhenFalse: { } whenFalse } choice when depth < 5:
                    return IsFileListing(choice.WhenTrue, depth + 1) && IsFileListing(whenFalse, depth + 1);
                case { Kind: (OperationKind)CollectionExpressionKind } built when depth < 5:
                    var spreads = 0;
                    foreach (var element in built.ChildOperations)
                    {
                        if (element.Kind == (OperationKind)SpreadKind)
                        {
                            if (!element.ChildOperations.Any(o => IsFileListing(o, depth + 1)))
                            {
                                return false;
                            }

                            spreads++;
                        }
                        else if (element.Type?.SpecialType != SpecialType.System_String)
                        {
                            return false;
                        }
                    }

                    return spreads > 0;
                default:
                    return false;
            }
        }

        /// <summary>
        /// <c>var sw = Stopwatch.StartNew(); foreach (…) await store.GetAsync(i); sw.Stop();</c>: a loop between starting a
        /// stopwatch and stopping or reading it measures the sequential rate on purpose; run together it measures
        /// something else.
        /// </summary>
        private static bool IsTimed(ILoopOperation loop)
        {
            if (loop.Parent is not IBlockOperation block)
            {
                return false;
            }

            var index = block.Operations.IndexOf(loop);
            var started = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            for (var i = 0; i < index; i++)
            {
                foreach (var operation in block.Operations[i].DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation { Initializer.Value: IInvocationOperation { TargetMethod.Name: "StartNew" } start } declarator
                            when IsStopwatch(start.Type):
                            started.Add(declarator.Symbol);
                            break;
                        case IInvocationOperation { TargetMethod.Name: "Start" or "Restart", Instance: { } watch }
                            when IsStopwatch(watch.Type) && Watch(watch) is { } symbol:
                            started.Add(symbol);
                            break;
                    }
                }
            }

            if (started.Count == 0)
            {
                return false;
            }

            for (var i = index + 1; i < block.Operations.Length; i++)
            {
                foreach (var operation in block.Operations[i].DescendantsAndSelf())
                {
                    var watch = operation switch
                    {
                        IInvocationOperation { TargetMethod.Name: "Stop", Instance: { } instance } => Watch(instance),
                        IPropertyReferenceOperation { Property.Name: "Elapsed" or "ElapsedMilliseconds" or "ElapsedTicks", Instance: { } instance } => Watch(instance),
                        _ => null,
                    };
                    if (watch is not null && started.Contains(watch))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static ISymbol? Watch(IOperation instance) => instance.VariableSymbol();

        private static bool IsStopwatch(ITypeSymbol? type)
            => type is { Name: "Stopwatch" } && type.ContainingNamespace.IsNamespace("System.Diagnostics");

        /// <summary>
        /// <c>queue.GetConsumingEnumerable()</c>: a producer/consumer queue read item by item as items arrive, until the
        /// producer completes it. It has no end to start everything before; materializing it would wait for the producer.
        /// </summary>
        private static bool IsConsumingEnumerable(IOperation collection)
        {
            while (collection is IConversionOperation conversion)
            {
                collection = conversion.Operand;
            }

            return collection is IInvocationOperation { TargetMethod.Name: "GetConsumingEnumerable" };
        }

        private void Report(OperationAnalysisContext context, ILoopOperation loop, FanOutLoopKind kind, FanOutCandidate candidate,
            ImmutableArray<IOperation> statements, int awaitIndex, bool hasContinue)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticProperties.Kind] = kind.ToString();
            if (CancellationTokenInScope.Find(loop, context.ContainingSymbol, symbols.Symbols) is { } token)
            {
                properties[DiagnosticProperties.CancellationToken] = token;
            }

            properties[FanOutProperties.MaxDegreeOfParallelism] = AsyncLintOptions
                .ReadPositiveInt(context.Options, loop.Syntax.SyntaxTree, AsyncLintOptions.MaxDegreeOfParallelism)
                .ToString(CultureInfo.InvariantCulture);
            if (symbols.HasWhenEach)
            {
                properties[FanOutProperties.HasWhenEach] = "true";
            }

            var fixable = symbols.Enumerable is not null && (kind == FanOutLoopKind.For || HasMatchingElementType((IForEachLoopOperation)loop));
            if (!fixable)
            {
                properties[DiagnosticProperties.NoFix] = "the loop's collection is not an IEnumerable<T> of the iteration variable's type";
            }
            else if (!hasContinue)
            {
                var producesValue = candidate.Await.Type is { SpecialType: not SpecialType.System_Void };
                if (producesValue && OrderInsensitive(statements, awaitIndex, candidate))
                {
                    properties[FanOutProperties.OrderInsensitive] = "true";
                }

                if (kind == FanOutLoopKind.ForEach && symbols.HasParallelForEachAsync && ConcurrencySafe(statements, candidate, DeclaredIn(loop.Body)))
                {
                    properties[FanOutProperties.ConcurrencySafe] = "true";
                }
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC302,
                candidate.Await.Syntax.GetLocation(),
                properties.ToImmutable(),
                candidate.Invocation.TargetMethod.Name));
        }

        /// <summary><c>for (var i = start; i &lt; bound; i++)</c> with an int counter: its variable, else null.</summary>
        private static ILocalSymbol? CountingVariable(IForLoopOperation loop)
        {
            if (loop.Before.Length != 1
                || loop.Before[0] is not IVariableDeclarationGroupOperation { Declarations.Length: 1 } group
                || group.Declarations[0].Declarators.Length != 1
                || group.Declarations[0].Declarators[0] is not { Initializer.Value: { } start } declarator
                || declarator.Symbol.Type.SpecialType != SpecialType.System_Int32
                || start.ConstantValue is not { HasValue: true, Value: 0 }
                || loop.Condition is not IBinaryOperation { OperatorKind: BinaryOperatorKind.LessThan, LeftOperand: ILocalReferenceOperation left, RightOperand: { } bound }
                || !left.Local.Is(declarator.Symbol)
                || !IsCount(bound)
                || loop.AtLoopBottom.Length != 1
                || loop.AtLoopBottom[0] is not IExpressionStatementOperation { Operation: { } step })
            {
                return null;
            }

            var steps = step switch
            {
                IIncrementOrDecrementOperation { Kind: OperationKind.Increment, Target: ILocalReferenceOperation target } => target.Local.Is(declarator.Symbol),
                ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Target: ILocalReferenceOperation target, Value.ConstantValue: { HasValue: true, Value: 1 } }
                    => target.Local.Is(declarator.Symbol),
                _ => false,
            };
            return steps ? declarator.Symbol : null;
        }

        /// <summary>A bound that is never negative: <c>x.Length</c>, <c>x.Count</c>, a non-negative constant.</summary>
        private static bool IsCount(IOperation bound)
        {
            bound = Independence.Unwrap(bound);
            if (bound.ConstantValue is { HasValue: true, Value: int constant })
            {
                return constant >= 0;
            }

            return bound is IPropertyReferenceOperation { Property.Name: "Length" or "Count", Arguments.Length: 0 } property
                   && Independence.IsPure(property.Instance);
        }

        /// <summary>The bound's object is not written or handed to a call in the body (so the count cannot change).</summary>
        private static bool BoundIsStable(IForLoopOperation loop, WriteSet writes)
        {
            if (Independence.Unwrap(((IBinaryOperation)loop.Condition!).RightOperand) is not IPropertyReferenceOperation { Instance: { } instance })
            {
                return true;
            }

            foreach (var written in writes.Symbols)
            {
                if (SymbolIn(instance, written))
                {
                    return false;
                }
            }

            var path = Independence.PathKey(instance);
            foreach (var key in writes.MutatedKeys)
            {
                if (path is null || key == path || path.StartsWith(key + ".", System.StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool SymbolIn(IOperation operation, ISymbol symbol)
        {
            foreach (var node in operation.DescendantsAndSelf())
            {
                if ((node is ILocalReferenceOperation local && local.Local.Is(symbol))
                    || (node is IParameterReferenceOperation parameter && parameter.Parameter.Is(symbol))
                    || (node is IMemberReferenceOperation member && member.Member.Is(symbol)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>No break out of the loop, return, yield, goto or throw in the body; says whether it continues.</summary>
        private static bool LeavesOnlyByTheEnd(ILoopOperation loop, out bool hasContinue)
        {
            hasContinue = false;
            foreach (var operation in loop.Body.DescendantsAndSelf())
            {
                switch (operation)
                {
                    case IReturnOperation or IThrowOperation:
                        if (!InNestedFunction(operation, loop))
                        {
                            return false;
                        }

                        break;
                    case IBranchOperation branch:
                        if (branch.BranchKind == BranchKind.GoTo)
                        {
                            return false;
                        }

                        if (branch.Target.Is(loop.ExitLabel))
                        {
                            return false;
                        }

                        if (branch.Target.Is(loop.ContinueLabel))
                        {
                            hasContinue = true;
                        }

                        break;
                }
            }

            return true;
        }

        private static bool InNestedFunction(IOperation operation, IOperation loop)
        {
            for (var current = operation.Parent; current is not null && !ReferenceEquals(current, loop); current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private static HashSet<ISymbol> DeclaredIn(IOperation body)
        {
            var locals = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IVariableDeclaratorOperation declarator)
                {
                    locals.Add(declarator.Symbol);
                }
            }

            return locals;
        }

        private static bool ReadsIterationState(FanOutCandidate candidate, HashSet<ISymbol> bodyLocals)
        {
            foreach (var read in candidate.Reads)
            {
                if (bodyLocals.Contains(read))
                {
                    return true;
                }
            }

            return false;
        }

        private static List<string> VaryingKeys(HashSet<ISymbol> bodyLocals)
        {
            var keys = new List<string>();
            foreach (var local in bodyLocals)
            {
                if (local is ILocalSymbol symbol)
                {
                    keys.Add(Independence.LocalKey(symbol));
                }
            }

            return keys;
        }

        private static bool Varies(string key, List<string> varyingKeys)
        {
            foreach (var varying in varyingKeys)
            {
                if (key.Contains(varying))
                {
                    return true;
                }
            }

            return false;
        }

        private bool HasMatchingElementType(IForEachLoopOperation loop)
        {
            var collection = Independence.Unwrap(loop.Collection);
            if (collection.Type is not { } type || loop.LoopControlVariable is not IVariableDeclaratorOperation declarator)
            {
                return false;
            }

            ITypeSymbol? element = null;
            if (type.OriginalDefinition.Is(symbols.GenericEnumerable))
            {
                element = ((INamedTypeSymbol)type).TypeArguments[0];
            }
            else
            {
                foreach (var candidate in type.AllInterfaces)
                {
                    if (candidate.OriginalDefinition.Is(symbols.GenericEnumerable))
                    {
                        if (element is not null)
                        {
                            return false;
                        }

                        element = candidate.TypeArguments[0];
                    }
                }
            }

            return element is not null && SymbolEqualityComparer.IncludeNullability.Equals(element, declarator.Symbol.Type)
                   || (element is not null && SymbolEqualityComparer.Default.Equals(element, declarator.Symbol.Type));
        }

        /// <summary>
        /// True when processing results in completion order ends the same: the await statement and everything after it only
        /// accumulate commutatively (add to a set or dictionary, to a concurrent collection, or an integer sum/count).
        /// </summary>
        private bool OrderInsensitive(ImmutableArray<IOperation> statements, int awaitIndex, FanOutCandidate candidate)
        {
            var declaresResult = statements[awaitIndex] is IVariableDeclarationGroupOperation;
            for (var i = awaitIndex; i < statements.Length; i++)
            {
                if (i == awaitIndex && declaresResult)
                {
                    continue;
                }

                if (!IsCommutativeAccumulation(statements[i], candidate))
                {
                    return false;
                }
            }

            return true;
        }

        private bool IsCommutativeAccumulation(IOperation statement, FanOutCandidate candidate)
        {
            if (statement is not IExpressionStatementOperation { Operation: var expression })
            {
                return false;
            }

            switch (expression)
            {
                case IInvocationOperation { Instance: { } receiver } invocation when OnlyAwaitOrPure(invocation.Arguments, candidate):
                    var type = receiver.Type;
                    var name = invocation.TargetMethod.Name;
                    if (type is null || !Independence.IsPure(receiver))
                    {
                        return false;
                    }

                    if (symbols.IsThreadSafe(type) && name is "Add" or "Enqueue" or "Push")
                    {
                        return true;
                    }

                    return (name == "Add" && (type.IsOrImplements(symbols.GenericSet) || type.IsOrImplements(symbols.GenericDictionary)));
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Or or BinaryOperatorKind.And or BinaryOperatorKind.ExclusiveOr } compound:
                    return compound.Target is ILocalReferenceOperation or IFieldReferenceOperation
                           && IsIntegral(compound.Target.Type)
                           && (Independence.IsPure(compound.Value) || ReferenceEquals(Independence.Unwrap(compound.Value), candidate.Await));
                case IIncrementOrDecrementOperation increment:
                    return increment.Target is ILocalReferenceOperation or IFieldReferenceOperation && IsIntegral(increment.Target.Type);
                default:
                    return false;
            }
        }

        /// <summary>
        /// True when the rest of the body may run for several elements at once: it writes only its own locals, and
        /// its only calls add to concurrent collections or are Interlocked operations.
        /// </summary>
        private bool ConcurrencySafe(ImmutableArray<IOperation> statements, FanOutCandidate candidate, HashSet<ISymbol> bodyLocals)
        {
            for (var i = 0; i < statements.Length; i++)
            {
                foreach (var operation in statements[i].DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation when ReferenceEquals(invocation, candidate.Invocation):
                            break;
                        case IInvocationOperation { TargetMethod.Name: "ConfigureAwait" } configure when ReferenceEquals(Independence.Unwrap(configure.Instance!), candidate.Invocation):
                            break;
                        case IInvocationOperation invocation:
                            var receiverType = invocation.Instance?.Type;
                            var safe = (receiverType is not null && symbols.IsThreadSafe(receiverType) && invocation.TargetMethod.Name is "Add" or "TryAdd" or "Enqueue" or "Push")
                                       || invocation.TargetMethod.ContainingType.Is(symbols.Interlocked);
                            if (!safe)
                            {
                                return false;
                            }

                            break;
                        case IAssignmentOperation assignment when !IsBodyLocal(assignment.Target, bodyLocals):
                        case IIncrementOrDecrementOperation increment when !IsBodyLocal(increment.Target, bodyLocals):
                        case IObjectCreationOperation or IDelegateCreationOperation or IAnonymousFunctionOperation or IAwaitOperation when !ReferenceEquals(operation, candidate.Await):
                            return false;
                    }
                }
            }

            return true;
        }

        private static bool IsBodyLocal(IOperation target, HashSet<ISymbol> bodyLocals)
            => target is ILocalReferenceOperation local && bodyLocals.Contains(local.Local);

        private static bool OnlyAwaitOrPure(ImmutableArray<IArgumentOperation> arguments, FanOutCandidate candidate)
        {
            foreach (var argument in arguments)
            {
                if (!Independence.IsPure(argument.Value) && !ReferenceEquals(Independence.Unwrap(argument.Value), candidate.Await))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64
            or SpecialType.System_UInt32 or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16
            or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Boolean;

        private static bool Contains(IOperation statement, IOperation operation)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                if (ReferenceEquals(current, statement))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
