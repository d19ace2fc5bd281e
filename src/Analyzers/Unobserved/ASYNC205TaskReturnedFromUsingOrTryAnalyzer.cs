using System.Linq;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// ASYNC205: a non-async function returns the task of a call from inside a <c>using</c> (statement or declaration
/// scope) or a <c>try</c> with <c>catch</c>/<c>finally</c>. The function leaves the block at once: the resource is
/// disposed, the <c>finally</c> runs and the <c>catch</c> never sees the operation's exceptions while it is still in flight.
/// Silent for already-completed tasks (<c>Task.FromResult</c>, <c>Task.CompletedTask</c>, ...), for tasks that are not the
/// result of a call made there (a field, a parameter, <c>tcs.Task</c>), and for async functions (they await or return values).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC205TaskReturnedFromUsingOrTryAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ASYNC205);

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

            var analysis = new CompilationAnalysis(symbols);
            start.RegisterOperationAction(analysis.AnalyzeReturn, OperationKind.Return);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncSymbols symbols;
        private readonly AmbientScope ambientScopes = new();
        private readonly System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, bool> failedTaskHelpers = new(SymbolEqualityComparer.Default);

        public CompilationAnalysis(AsyncSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void AnalyzeReturn(OperationAnalysisContext context)
        {
            var @return = (IReturnOperation)context.Operation;
            if (@return.ReturnedValue is not { } value || @return.Syntax is not Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax)
            {
                return;
            }

            // Cheap first: is the returned value a call at all, and does the return sit in a using or try?
            // Only then the questions that read other code (a helper's body, a resource type's Dispose, IsAwaitable).
            if (!IsCall(value))
            {
                return;
            }

            var block = EnclosingGuard(@return, out var function, readResources: false);
            if (block is null || InFlightCall(value) is not { } call)
            {
                return;
            }

            var functionSymbol = function switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => context.ContainingSymbol as IMethodSymbol,
            };
            if (functionSymbol is null || functionSymbol.IsAsync
                || !symbols.IsAwaitable(functionSymbol.ReturnType) || !symbols.IsAwaitable(call.Type))
            {
                return;
            }

            if (HandsOverAnInFlightTask(call))
            {
                return;
            }

            // Last, the question that reads the whole function: a using whose resource is only consulted guards nothing.
            block = EnclosingGuard(@return, out _, readResources: true);
            // try { return handler(arg).ContinueWith(t => { if (t.IsFaulted) Log(t.Exception); }); } catch { … }: the
            // continuation is the asynchronous half of the catch, which is there for what the call throws before it returns.
            // try { return AwaitMoveNextAsync(…); } catch (Exception e) { … }: an async method of the project whose whole body
            // is a catch-all has no fault for the catch to miss, nor has try { Log(); return Task.Run(() => Guard.Run(callback)); }.
            if (block is null
                || (block.Value.OnlyCatches
                    && ((call.Syntax is InvocationExpressionSyntax continuation && NeverFaultingMethod.ObservesItsAntecedentsFault(continuation))
                        || GuardedWork.IsGuardedSourceCall(call.TargetMethod)
                        || GuardedWork.StartsGuardedWork(call, static _ => false))))
            {
                return;
            }

            var properties = DiagnosticProperties.Empty;
            if (!symbols.IsTaskOrValueTask(functionSymbol.ReturnType))
            {
                properties = properties.Add(DiagnosticProperties.NoFix, "the return type cannot be async");
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC205,
                @return.Syntax.GetLocation(),
                properties,
                call.TargetMethod.Name,
                block.Value.Keyword,
                block.Value.Consequence));
        }

        /// <summary>The returned value is a call, under conversions, parentheses and <c>?:</c> (no symbols read).</summary>
        private static bool IsCall(IOperation value) => value switch
        {
            IConversionOperation conversion => IsCall(conversion.Operand),
            IParenthesizedOperation parenthesized => IsCall(parenthesized.Operand),
            IConditionalOperation { WhenFalse: { } whenFalse } conditional => IsCall(conditional.WhenTrue) || IsCall(whenFalse),
            IInvocationOperation => true,
            _ => false,
        };

        /// <summary>The call whose task is returned (through conversions, or either arm of a conditional), unless it is already complete.</summary>
        private IInvocationOperation? InFlightCall(IOperation value)
        {
            while (true)
            {
                switch (value)
                {
                    case IConversionOperation conversion:
                        value = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        value = parenthesized.Operand;
                        continue;
                    case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                        return InFlightCall(conditional.WhenTrue) ?? InFlightCall(whenFalse);
                    // valueTask.AsTask() on a local: the task already in hand, converted; as `return task;` it starts nothing.
                    case IInvocationOperation { TargetMethod.Name: "AsTask" or "Preserve", Arguments.Length: 0, Instance: ILocalReferenceOperation or IParameterReferenceOperation }:
                        return null;
                    case IInvocationOperation invocation:
                        return IsCompletedFactory(invocation.TargetMethod) || ReturnsOnlyFailedTasks(invocation.TargetMethod) || ConsumesItsArgumentsBeforeReturning(invocation)
                            ? null
                            : invocation;
                    default:
                        return null;
                }
            }
        }

        /// <summary>
        /// The fast-path/slow-path idiom of high-performance libraries: <c>var pending = StartAsync(); if (!pending.IsCompleted)
        /// return AwaitedAsync(pending, ...);</c>. The callee receives the in-flight task (a local or parameter) and awaits it
        /// itself, with its own try/finally: the block was designed to cover only the synchronous part. The callee may also be
        /// an async local function that awaits the in-flight task it captured (<c>return AwaitAndPublish();</c>).
        /// </summary>
        private bool HandsOverAnInFlightTask(IInvocationOperation call)
        {
            if (call.TargetMethod is { MethodKind: MethodKind.LocalFunction, IsAsync: true } localFunction && AwaitsCapturedTask(call, localFunction))
            {
                return true;
            }

            // pending.ContinueWith(t => { …cleanup… }) (then .Unwrap()): the continuation is the handler of the async part.
            if (call.TargetMethod.Name == "Unwrap"
                && (call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null)) is { } wrapped
                && Unwrap(wrapped) is IInvocationOperation inner)
            {
                call = inner;
            }

            if (call is { TargetMethod.Name: "ContinueWith", Instance: { } antecedent }
                && Unwrap(antecedent) is ILocalReferenceOperation or IParameterReferenceOperation
                && symbols.IsAwaitable(antecedent.Type))
            {
                return true;
            }

            foreach (var argument in call.Arguments)
            {
                var value = argument.Value;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                if (value is ILocalReferenceOperation or IParameterReferenceOperation && symbols.IsAwaitable(value.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private bool AwaitsCapturedTask(IInvocationOperation call, IMethodSymbol localFunction)
        {
            // In a generic type the call binds to a constructed symbol, which has no syntax of its own.
            localFunction = localFunction.OriginalDefinition;
            if (localFunction.DeclaringSyntaxReferences.Length != 1
                || call.SemanticModel?.GetOperation(localFunction.DeclaringSyntaxReferences[0].GetSyntax()) is not ILocalFunctionOperation declaration)
            {
                return false;
            }

            foreach (var operation in declaration.Descendants())
            {
                if (operation is IAwaitOperation awaited
                    && Unwrap(awaited.Operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } configured } ? configured : awaited.Operation)
                        is ILocalReferenceOperation { Local: var local }
                    && !SymbolEqualityComparer.Default.Equals(local.ContainingSymbol.OriginalDefinition, localFunction)
                    && symbols.IsAwaitable(local.Type))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>Task.FromResult</c>, <c>Task.FromException</c>, <c>Task.FromCanceled</c> and the ValueTask ones: already complete.</summary>
        private bool IsCompletedFactory(IMethodSymbol method)
        {
            if (!method.IsStatic || !method.Name.StartsWith("From", System.StringComparison.Ordinal))
            {
                return false;
            }

            var type = method.ContainingType?.OriginalDefinition;
            return (type.Is(symbols.Task) || type.Is(symbols.ValueTask) || type.Is(symbols.TaskOfT) || type.Is(symbols.ValueTaskOfT))
                && method.Name is "FromResult" or "FromException" or "FromCanceled";
        }

        /// <summary>
        /// <c>using var stream = File.OpenRead(path); return DecodeAsync(stream, token);</c> where <c>DecodeAsync</c> is a
        /// method of the project that cannot be replaced (not virtual, or in a sealed type), is not <c>async</c>, reads what it
        /// is handed and then returns only completed tasks (<c>return Task.FromResult(result);</c>): the work on the
        /// resource is over when the task is returned. A one-statement stub (<c>=&gt; Task.FromResult(x)</c>), which in a sample
        /// stands for real asynchronous work, or a body that never reads its parameters, is still told.
        /// </summary>
        private static bool ConsumesItsArgumentsBeforeReturning(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod.OriginalDefinition;
            if (method.IsAsync || method.IsAbstract || !(method.RunsOnlyItsOwnBody() || method.ContainingType is { IsSealed: true })
                || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax { Body: { Statements.Count: >= 2 } body }
                || !CompletedTaskMethod.ReturnsOnlyCompletedTasks(body))
            {
                return false;
            }

            // The body reads a parameter that was handed a variable (the resource): one pass over its identifiers.
            var handed = invocation.Arguments
                .Where(static a => a.Parameter is not null && a.Value is ILocalReferenceOperation or IParameterReferenceOperation or IConversionOperation)
                .Select(static a => a.Parameter!.Name)
                .ToImmutableHashSet();
            return !handed.IsEmpty && body.DescendantNodes().Any(n => n is IdentifierNameSyntax name && handed.Contains(name.Identifier.ValueText));
        }

        /// <summary>
        /// A helper of the project that only ever returns an already failed task (<c>CreateErrorTask(message)</c> ending in
        /// <c>return Task.FromException(ex);</c>): nothing runs after the block ends, and the exception is in the task either way.
        /// Not a helper returning <c>Task.CompletedTask</c> or <c>FromResult</c>: in a sample that is the stub of a real operation.
        /// </summary>
        private bool ReturnsOnlyFailedTasks(IMethodSymbol method)
            => !method.IsAsync && !method.DeclaringSyntaxReferences.IsEmpty
               && failedTaskHelpers.GetOrAdd(method.OriginalDefinition, static m => ComputeReturnsOnlyFailedTasks(m));

        private static bool ComputeReturnsOnlyFailedTasks(IMethodSymbol method)
        {
            if (method.IsAsync || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            if (declaration.ExpressionBody is { } arrow)
            {
                return IsCompletedTaskExpression(arrow.Expression);
            }

            if (declaration.Body is not { } body)
            {
                return false;
            }

            var returns = 0;
            foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax @return)
                {
                    if (@return.Expression is null || !IsCompletedTaskExpression(@return.Expression))
                    {
                        return false;
                    }

                    returns++;
                }
                else if (node is YieldStatementSyntax)
                {
                    return false;
                }
            }

            return returns > 0;
        }

        /// <summary><c>Task.FromException(…)</c>, <c>Task.FromCanceled(…)</c> (also generic, also on ValueTask).</summary>
        private static bool IsCompletedTaskExpression(ExpressionSyntax expression)
            => expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name: { Identifier.ValueText: "FromException" or "FromCanceled" }, Expression: var type } }
               && HelperSource.IsTaskTypeName(type);


        /// <summary>
        /// The innermost using or try (within the returning function) that the task escapes from, and that function:
        /// a lambda, a local function, or null for the member itself.
        /// </summary>
        /// <param name="readResources">Also ask whether a using's resource is only consulted (reads the whole function body):
        /// only once everything cheaper says the return would be reported.</param>
        private Guard? EnclosingGuard(IOperation @return, out IOperation? function, bool readResources)
        {
            function = null;
            Guard? found = null;
            var child = @return;
            for (var current = @return.Parent; current is not null; child = current, current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    function = current;
                    return found;
                }

                if (found is not null)
                {
                    continue;
                }

                switch (current)
                {
                    // An ambient scope (a logging scope, an AsyncLocal holder) flows into the task with the execution context.
                    case IUsingOperation @using when @using.Body == child && !ambientScopes.IsAmbientScope(@using.Resources) && !HoldsASynchronousLock(@using.Resources)
                                                      && !(readResources && ConsultedResource.IsOnlyConsulted(@using.Resources, (IReturnOperation)@return)):
                        found = new Guard("using", Disposed(ResourceName(@using.Resources)));
                        break;

                    case IBlockOperation block when UsingDeclarationBefore(block, child, (IReturnOperation)@return, readResources) is { } declaration:
                        found = new Guard("using", Disposed(ResourceName(declaration.DeclarationGroup)));
                        break;

                    case ITryOperation @try when @try.Body == child && (@try.Catches.Length > 0 || @try.Finally is not null)
                                                  && !ConvertsSynchronousExceptionsToFaultedTasks(@try) && !OnlyRethrows(@try)
                                                  && !FinallyOnlyRestoresFlow(@try) && !OnlyTraces(@try) && !FinallyOnlyExitsThreadAffineLock(@try):
                        found = @try.Finally is null
                            ? new Guard("try", "the catch never sees its exceptions", onlyCatches: true)
                            : @try.Catches.Length > 0
                                ? new Guard("try", "the catch never sees its exceptions and the finally runs")
                                : new Guard("try", "the finally runs");
                        break;

                    case ICatchClauseOperation when current.Parent is ITryOperation { Finally: { } @finally } && !IsTrace(@finally):
                        found = new Guard("catch", "the finally runs");
                        break;
                }
            }

            return found;
        }

        /// <summary>
        /// <c>try { return F(); } catch (Exception e) { return Task.FromException(e); }</c>: the catch is there on purpose
        /// for the synchronous part only, turning it into a faulted task; the asynchronous failures are in F's task already.
        /// </summary>
        private bool ConvertsSynchronousExceptionsToFaultedTasks(ITryOperation @try)
        {
            if (@try.Finally is not null || @try.Catches.Length == 0)
            {
                return false;
            }

            var anyConverts = false;
            foreach (var @catch in @try.Catches)
            {
                if (UnwrapsReflectionOrRethrows(@catch))
                {
                    continue;
                }

                var converts = false;
                foreach (var operation in @catch.Handler.Descendants())
                {
                    if (operation is IReturnOperation { ReturnedValue: { } value }
                        && (IsFailedTask(Unwrap(value))
                            || ReturnsFailedPromise(@catch, Unwrap(value))
                            || FailsWithCaught(@catch, Unwrap(value))))
                    {
                        converts = true;
                        break;
                    }
                }

                if (!converts)
                {
                    return false;
                }

                anyConverts = true;
            }

            return anyConverts;
        }

        /// <summary>
        /// <c>catch (TargetInvocationException e) { ExceptionDispatchInfo.Capture(e.InnerException).Throw(); throw; }</c> beside the
        /// converting catch of a reflection invoker, or a bare <c>catch (X) { throw; }</c>: a catch that only lets the exception
        /// on. Only a synchronous reflection call throws the wrapper, and a bare rethrow changes nothing an asynchronous failure
        /// would need; a catch that translates any other exception (<c>throw new StoreException(e)</c>) keeps the report.
        /// </summary>
        private static bool UnwrapsReflectionOrRethrows(ICatchClauseOperation @catch)
        {
            var statements = @catch.Handler.Operations;
            if (statements.Length == 0 || ThrownBy(statements[statements.Length - 1]) is not { } thrown)
            {
                return false;
            }

            return (statements.Length == 1 && thrown.Exception is null)
                   || (@catch.ExceptionType is { Name: "TargetInvocationException" } caught && caught.ContainingNamespace.IsNamespace("System.Reflection"));
        }

        /// <summary>The throw a statement is (<c>throw;</c>, <c>throw e;</c>), as the statement or inside an expression statement.</summary>
        private static IThrowOperation? ThrownBy(IOperation statement) => statement switch
        {
            IThrowOperation @throw => @throw,
            IExpressionStatementOperation { Operation: IThrowOperation @throw } => @throw,
            _ => null,
        };

        /// <summary>
        /// <c>try { ExecutionContext.SuppressFlow(); return Start(); } finally { ExecutionContext.RestoreFlow(); }</c> (also under an
        /// <c>if</c>): the suppression only has to cover the start of the task. Or <c>finally { holder.Value =
        /// ExecutionContext.Capture(); }</c>: it records the context the synchronous start left behind (a step's constructor
        /// setting an <c>AsyncLocal</c>); awaiting first would record the context after the work, and lose that.
        /// </summary>
        private static bool FinallyOnlyRestoresFlow(ITryOperation @try)
        {
            if (@try.Catches.Length > 0 || @try.Finally is null)
            {
                return false;
            }

            var restores = false;
            var pending = new Stack<IOperation>(@try.Finally.ChildOperations);
            while (pending.Count > 0)
            {
                switch (pending.Pop())
                {
                    case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "RestoreFlow", ContainingType.Name: "ExecutionContext" } }:
                        restores = true;
                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation { Arguments.IsEmpty: true } } assignment
                        when IsContextCapture(assignment.Value) && GuardedWork.CallsNothing(assignment.Target):
                        restores = true;
                        break;
                    case IInvocationOperation or IObjectCreationOperation or IAssignmentOperation or IThrowOperation:
                        return false;
                    case var other:
                        foreach (var child in other.ChildOperations)
                        {
                            pending.Push(child);
                        }

                        break;
                }
            }

            return restores;

            static bool IsContextCapture(IOperation value)
                => value is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "Capture", ContainingType.Name: "ExecutionContext" } };
        }

        /// <summary>
        /// <c>Monitor.Enter(gate, ref taken); try { return StartOrEnqueue(); } finally { if (taken) Monitor.Exit(gate); }</c>: the
        /// lock is thread-affine (also <c>SpinLock</c>, <c>ReaderWriterLockSlim</c>, <c>Mutex</c>), so an async method cannot hold
        /// it across an await: the release on another thread would throw. It guards the synchronous start only, as a <c>lock</c>
        /// statement would, and awaiting inside it is no fix.
        /// </summary>
        private static bool FinallyOnlyExitsThreadAffineLock(ITryOperation @try)
            => @try.Catches.Length == 0 && @try.Finally is { Operations.Length: > 0 } @finally && OnlyReleases(@finally.Operations);

        /// <summary><c>Monitor.Exit(gate);</c>, <c>if (taken) spin.Exit();</c>: statements that release the lock and do nothing else.</summary>
        private static bool OnlyReleases(ImmutableArray<IOperation> statements)
        {
            foreach (var statement in statements)
            {
                var released = statement switch
                {
                    IExpressionStatementOperation { Operation: IInvocationOperation call } => IsThreadAffineRelease(call.TargetMethod),
                    IConditionalOperation { WhenFalse: null, Condition: ILocalReferenceOperation or IFieldReferenceOperation, WhenTrue: var then }
                        => OnlyReleases(then is IBlockOperation block ? block.Operations : ImmutableArray.Create(then)),
                    IBlockOperation block => OnlyReleases(block.Operations),
                    _ => false,
                };

                if (!released)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsThreadAffineRelease(IMethodSymbol method)
            => method.ContainingType is { } type && type.ContainingNamespace.IsNamespace("System.Threading")
               && (type.Name, method.Name) switch
               {
                   ("Monitor", "Exit") or ("SpinLock", "Exit") or ("Mutex", "ReleaseMutex") => true,
                   ("ReaderWriterLockSlim", "ExitReadLock" or "ExitWriteLock" or "ExitUpgradeableReadLock") => true,
                   ("ReaderWriterLock", "ReleaseReaderLock" or "ReleaseWriterLock" or "ReleaseLock") => true,
                   _ => false,
               };

        /// <summary><c>Task.FromException(e)</c>, <c>ValueTask.FromCanceled(ct)</c>, or a ValueTask made from one (<c>new(Task.FromException(e))</c>).</summary>
        private static bool IsFailedTask(IOperation value)
            => value is IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromException" or "FromCanceled" } }
               || (value is IObjectCreationOperation { Arguments.Length: 1 } wrapped && IsFailedTask(Unwrap(wrapped.Arguments[0].Value)));

        /// <summary>
        /// <c>catch (Exception e) { promise.TrySetException(e); return promise.Task; }</c>: <c>Task.FromException</c> written
        /// with a TaskCompletionSource that the catch fails before handing out its task.
        /// </summary>
        private static bool ReturnsFailedPromise(ICatchClauseOperation @catch, IOperation returned)
        {
            if (returned is not IPropertyReferenceOperation { Property.Name: "Task", Instance: { } promise } || PromiseSymbol(promise) is not { } symbol)
            {
                return false;
            }

            foreach (var operation in @catch.Handler.Descendants())
            {
                if (operation is IInvocationOperation { TargetMethod.Name: "TrySetException" or "SetException" or "TrySetCanceled" or "SetCanceled", Instance: { } completed }
                    && SymbolEqualityComparer.Default.Equals(PromiseSymbol(completed), symbol))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>catch (Exception ex) { return ComposeExceptionTask(ex); }</c>: the caught exception handed to an error-task helper,
        /// <see cref="FailsWithItsArgument"/>.
        /// </summary>
        private bool FailsWithCaught(ICatchClauseOperation @catch, IOperation returned)
            => returned is IInvocationOperation call
               && @catch.ExceptionDeclarationOrExpression is IVariableDeclaratorOperation { Symbol: var caught }
               && ParameterGiven(call, caught) is { } parameter
               && FailsWithItsArgument(call.TargetMethod, parameter, call.SemanticModel, depth: 0);

        /// <summary>
        /// The method returns a task already failed with the exception passed as <paramref name="parameter"/>: a static
        /// <c>FromException</c> returning Task or ValueTask (<c>Task.FromException(e)</c>, a library's <c>TaskEx.FromException(e)</c>
        /// read from metadata, by its name and signature); or a non-async helper of the same file that forwards that parameter
        /// to one of these (<c>static Task ComposeExceptionTask(Exception cause) =&gt; TaskEx.FromException(cause);</c>, at
        /// most three helpers deep), or that fails a fresh TaskCompletionSource with it and returns its task.
        /// </summary>
        private bool FailsWithItsArgument(IMethodSymbol method, IParameterSymbol parameter, SemanticModel? model, int depth)
        {
            if (!symbols.IsTaskOrValueTask(method.ReturnType))
            {
                return false;
            }

            if (method.IsStatic && method.Name == "FromException")
            {
                return true;
            }

            method = method.OriginalDefinition;
            if (depth >= 3 || model is null || method.IsAsync || parameter.Ordinal >= method.Parameters.Length
                || method.DeclaringSyntaxReferences.Length != 1
                || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
                || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
            {
                return false;
            }

            parameter = method.Parameters[parameter.Ordinal];
            if (declaration.ExpressionBody is { } arrow)
            {
                return model.GetOperation(HelperSource.WithoutSuppression(arrow.Expression)) is { } forwarded
                       && ForwardsFailure(Unwrap(forwarded), parameter, model, depth);
            }

            if (declaration.Body is null || model.GetOperation(declaration.Body) is not IBlockOperation { Operations: var operations })
            {
                return false;
            }

            return operations.Length == 1
                ? operations[0] is IReturnOperation { ReturnedValue: { } returned } && ForwardsFailure(Unwrap(returned), parameter, model, depth)
                : FailsFreshPromise(operations, parameter);
        }

        private bool ForwardsFailure(IOperation value, IParameterSymbol parameter, SemanticModel model, int depth)
            => value is IInvocationOperation inner
               && ParameterGiven(inner, parameter) is { } innerParameter
               && FailsWithItsArgument(inner.TargetMethod, innerParameter, model, depth + 1);

        /// <summary>The parameter of <paramref name="call"/> whose argument is <paramref name="value"/> (a local or parameter) as it is.</summary>
        private static IParameterSymbol? ParameterGiven(IInvocationOperation call, ISymbol value)
        {
            foreach (var argument in call.Arguments)
            {
                var given = Unwrap(argument.Value) switch
                {
                    ILocalReferenceOperation local => (ISymbol)local.Local,
                    IParameterReferenceOperation reference => reference.Parameter,
                    _ => null,
                };
                if (given is not null && SymbolEqualityComparer.Default.Equals(given, value))
                {
                    return argument.Parameter;
                }
            }

            return null;
        }

        /// <summary><c>var tcs = new TaskCompletionSource&lt;int&gt;(); tcs.TrySetException(cause); return tcs.Task;</c>: Task.FromException by hand.</summary>
        private static bool FailsFreshPromise(ImmutableArray<IOperation> operations, IParameterSymbol parameter)
        {
            if (operations.Length != 3
                || operations[0] is not IVariableDeclarationGroupOperation { Declarations: { Length: 1 } declarations }
                || declarations[0].Declarators.Length != 1
                || declarations[0].Declarators[0] is not { Symbol: var promise } declarator
                || (declarator.Initializer ?? declarations[0].Initializer)?.Value is not { } created
                || Unwrap(created) is not IObjectCreationOperation { Type: { } type }
                || !IsPromiseType(type))
            {
                return false;
            }

            return operations[1] is IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod.Name: "SetException" or "TrySetException", Instance: { } failed, Arguments: { Length: 1 } arguments } }
                   && SymbolEqualityComparer.Default.Equals(PromiseSymbol(failed), promise)
                   && Unwrap(arguments[0].Value) is IParameterReferenceOperation { Parameter: var given }
                   && SymbolEqualityComparer.Default.Equals(given, parameter)
                   && operations[2] is IReturnOperation { ReturnedValue: { } returned }
                   && Unwrap(returned) is IPropertyReferenceOperation { Property.Name: "Task", Instance: { } handedOut }
                   && SymbolEqualityComparer.Default.Equals(PromiseSymbol(handedOut), promise);
        }

        /// <summary>TaskCompletionSource, TaskCompletionSource&lt;T&gt;, or a class derived from one.</summary>
        private static bool IsPromiseType(ITypeSymbol? type)
        {
            for (var current = type as INamedTypeSymbol; current is not null; current = current.BaseType)
            {
                if (GuardedWork.IsTasksType(current.OriginalDefinition, "TaskCompletionSource"))
                {
                    return true;
                }
            }

            return false;
        }

        private static ISymbol? PromiseSymbol(IOperation promise) => Unwrap(promise).VariableSymbol();

        /// <summary>
        /// <c>try { return F(); } catch { throw; }</c>: every catch rethrows unchanged, unfiltered, and there is no finally.
        /// The try changes nothing whether the task fails now or later, so leaving it early loses nothing. Before the
        /// rethrow a catch may dispose locals (<c>catch { frame.Dispose(); throw; }</c>): the ownership hand-off, where the
        /// call takes over the object once it has returned and the catch covers only the synchronous window.
        /// </summary>
        private static bool OnlyRethrows(ITryOperation @try)
        {
            if (@try.Finally is not null || @try.Catches.Length == 0)
            {
                return false;
            }

            foreach (var @catch in @try.Catches)
            {
                var operations = @catch.Handler.Operations;
                if (@catch.Filter is not null
                    || operations.Length == 0
                    || operations[operations.Length - 1] is not (IThrowOperation { Exception: null } or IExpressionStatementOperation { Operation: IThrowOperation { Exception: null } }))
                {
                    return false;
                }

                // catch { frame.Dispose(); throw; }: cleanup of what the call was about to own, for the synchronous window only;
                // catch (Exception e) { logger.LogError(e, "…"); throw; }: a report of what it caught, which it rethrows.
                if (!OnlyReportsBeforeRethrow(@catch, allowDisposal: true))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// <c>try { return F(); } catch (Exception ex) { if (Logging.IsEnabled) Logging.Error(this, ex); throw; } finally { if
        /// (Logging.IsEnabled) Logging.Exit(this, …); }</c>: entry/exit tracing around a forwarding method. The finally only
        /// writes a trace line and each catch only reports what it caught and rethrows: nothing is released early and no
        /// exception is lost; awaiting would only move the exit line. A finally that also releases or disposes is reported.
        /// </summary>
        private static bool OnlyTraces(ITryOperation @try)
        {
            if (@try.Finally is null || !IsTrace(@try.Finally))
            {
                return false;
            }

            foreach (var @catch in @try.Catches)
            {
                var operations = @catch.Handler.Operations;
                if (@catch.Filter is not null || operations.Length == 0 || !IsRethrow(operations[operations.Length - 1])
                    || !OnlyReportsBeforeRethrow(@catch, allowDisposal: false))
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsRethrow(IOperation statement)
            => statement is IThrowOperation { Exception: null } or IExpressionStatementOperation { Operation: IThrowOperation { Exception: null } };

        /// <summary>Every statement before the catch's final rethrow reports what it caught (or traces), or disposes a local.</summary>
        private static bool OnlyReportsBeforeRethrow(ICatchClauseOperation @catch, bool allowDisposal)
        {
            var operations = @catch.Handler.Operations;
            for (var i = 0; i < operations.Length - 1; i++)
            {
                if (!(allowDisposal && OnlyDisposesLocals(operations[i]))
                    && !ReportsCaught(operations[i], @catch.ExceptionDeclarationOrExpression)
                    && !IsTrace(operations[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// Log or trace calls only (<c>Logging.Exit(this, nameof(OpenAsync))</c>, <c>_log.Debug(…)</c>), possibly under a check
        /// that the logger is on (<c>if (Logging.IsEnabled)</c>, <c>if (logger.IsEnabled(LogLevel.Debug))</c>).
        /// </summary>
        private static bool IsTrace(IOperation statement) => statement switch
        {
            IBlockOperation block => block.Operations.Length > 0 && block.Operations.All(IsTrace),
            IConditionalOperation { WhenFalse: null } conditional => IsLoggerEnabledCheck(conditional.Condition) && IsTrace(conditional.WhenTrue),
            IExpressionStatementOperation { Operation: IInvocationOperation { TargetMethod: { IsStatic: false } method } } when IsEventSourceEvent(method) => true,
            IExpressionStatementOperation { Operation: IInvocationOperation { Syntax: InvocationExpressionSyntax call } } => GuardedBody.IsLoggerCall(call),
            _ => false,
        };

        /// <summary>
        /// <c>ClientEventSource.Log.CloseStop(id)</c>: an event of an <c>EventSource</c>, the framework's tracing type, which
        /// writes nothing unless a listener is on and does not throw on a failed write unless told to.
        /// </summary>
        private static bool IsEventSourceEvent(IMethodSymbol method)
        {
            for (var type = method.ContainingType?.BaseType; type is not null; type = type.BaseType)
            {
                if (type.Name == "EventSource" && type.ContainingNamespace.IsNamespace("System.Diagnostics.Tracing"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>Logging.IsEnabled</c>, <c>_log.IsDebugEnabled</c>, <c>logger.IsEnabled(LogLevel.Trace)</c>, and those joined by <c>&amp;&amp;</c>.</summary>
        private static bool IsLoggerEnabledCheck(IOperation condition) => condition switch
        {
            IPropertyReferenceOperation property => IsEnabledName(property.Property.Name),
            IFieldReferenceOperation field => IsEnabledName(field.Field.Name),
            IInvocationOperation invocation => IsEnabledName(invocation.TargetMethod.Name),
            IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both => IsLoggerEnabledCheck(both.LeftOperand) && IsLoggerEnabledCheck(both.RightOperand),
            _ => false,
        };

        private static bool IsEnabledName(string name)
            => name.StartsWith("Is", System.StringComparison.Ordinal) && name.EndsWith("Enabled", System.StringComparison.Ordinal);

        /// <summary><c>logger.LogError(e, "…");</c> (a logging verb on a logger), or a call on the caught exception (<c>e.CheckFailFast();</c>).</summary>
        private static bool ReportsCaught(IOperation statement, IOperation? caught)
        {
            if (statement is not IExpressionStatementOperation { Operation: IInvocationOperation call })
            {
                return false;
            }

            if (call.Syntax is InvocationExpressionSyntax syntax && GuardedBody.IsLoggerCall(syntax))
            {
                return true;
            }

            var receiver = call.Instance ?? (call.TargetMethod.IsExtensionMethod && call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
            return caught is IVariableDeclaratorOperation { Symbol: var exception }
                   && receiver is not null
                   && Unwrap(receiver) is ILocalReferenceOperation local
                   && SymbolEqualityComparer.Default.Equals(local.Local, exception);
        }

        /// <summary><c>x.Dispose();</c>, <c>x?.Dispose();</c>, possibly under <c>if</c>/<c>else</c>, on a local or parameter.</summary>
        private static bool OnlyDisposesLocals(IOperation statement) => statement switch
        {
            IBlockOperation block => block.Operations.All(OnlyDisposesLocals),
            IConditionalOperation conditional => OnlyDisposesLocals(conditional.WhenTrue) && (conditional.WhenFalse is null || OnlyDisposesLocals(conditional.WhenFalse)),
            IExpressionStatementOperation { Operation: var expression } => IsDisposeOfLocal(expression),
            _ => false,
        };

        private static bool IsDisposeOfLocal(IOperation expression)
        {
            if (expression is IConditionalAccessOperation access)
            {
                return Unwrap(access.Operation) is ILocalReferenceOperation or IParameterReferenceOperation
                       && access.WhenNotNull is IInvocationOperation { TargetMethod.Name: "Dispose", Arguments.Length: 0 };
            }

            return expression is IInvocationOperation { TargetMethod.Name: "Dispose", Arguments.Length: 0, Instance: { } instance }
                   && Unwrap(instance) is ILocalReferenceOperation or IParameterReferenceOperation;
        }

        private static IOperation Unwrap(IOperation value)
        {
            while (value is IConversionOperation or IParenthesizedOperation)
            {
                value = value is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)value).Operand;
            }

            return value;
        }

        /// <summary>
        /// <c>using (TakeSenderLock(id)) { return handler.Outgoing(command); }</c>, <c>using (gate.EnterScope())</c>,
        /// <c>using (EnterSynchronizedSection())</c>: a lock
        /// taken synchronously guards the synchronous start of the request, not the request. Such a lock is usually
        /// thread-affine (a <c>Monitor</c>, a <c>Lock</c>, a <c>ReaderWriterLockSlim</c> behind <c>IDisposable</c>), and
        /// awaiting inside it would release it on another thread. A lock taken with <c>await</c> is an async lock and keeps
        /// the report, as does any other resource.
        /// </summary>
        private static bool HoldsASynchronousLock(IOperation resources)
        {
            var value = resources is IVariableDeclarationGroupOperation { Declarations: { Length: 1 } declarations }
                        && declarations[0].Declarators.Length == 1
                ? declarations[0].Declarators[0].Initializer?.Value ?? declarations[0].Initializer?.Value
                : resources;
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value is IInvocationOperation { TargetMethod.Name: var name }
                   && !name.EndsWith("Async", System.StringComparison.Ordinal)
                   && (NameWords.ContainsWords(name, "Lock") || StartsWithEnter(name));
        }

        /// <summary><c>Enter</c>, <c>EnterScope</c>, <c>EnterSynchronizedSection</c>: a region entered now and left on dispose.</summary>
        private static bool StartsWithEnter(string name)
            => name.StartsWith("Enter", System.StringComparison.Ordinal) && (name.Length == 5 || char.IsUpper(name[5]));

        /// <summary>A <c>using var x = ...;</c> earlier in the same block: its scope runs to the end of the block.</summary>
        private IUsingDeclarationOperation? UsingDeclarationBefore(IBlockOperation block, IOperation child, IReturnOperation @return, bool readResources)
        {
            // The nearest one before the child that is not an ambient scope or only consulted, looked for backwards from the child.
            var operations = block.Operations;
            var index = -1;
            for (var i = 0; i < operations.Length; i++)
            {
                if (operations[i] == child)
                {
                    index = i;
                    break;
                }
            }

            for (var i = index - 1; i >= 0; i--)
            {
                if (operations[i] is IUsingDeclarationOperation declaration && !ambientScopes.IsAmbientScope(declaration.DeclarationGroup)
                    && !HoldsASynchronousLock(declaration.DeclarationGroup)
                    && !(readResources && ConsultedResource.IsOnlyConsulted(declaration.DeclarationGroup, @return)))
                {
                    return declaration;
                }
            }

            return null;
        }

        /// <summary>The name of the one disposed variable (<c>using var reader</c>, <c>using (stream)</c>), or null.</summary>
        private static string? ResourceName(IOperation resources)
        {
            switch (resources)
            {
                case IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1:
                    return group.Declarations[0].Declarators[0].Symbol.Name;
                case ILocalReferenceOperation local:
                    return local.Local.Name;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter.Name;
                case IConversionOperation conversion:
                    return ResourceName(conversion.Operand);
                default:
                    return null;
            }
        }

        private static string Disposed(string? name) => name is null ? "the resource is disposed" : $"'{name}' is disposed";

        private readonly struct Guard
        {
            public Guard(string keyword, string consequence, bool onlyCatches = false)
            {
                Keyword = keyword;
                Consequence = consequence;
                OnlyCatches = onlyCatches;
            }

            public string Keyword { get; }

            public string Consequence { get; }

            /// <summary>A try with catches and no finally: nothing is released early, only the async failures escape the catch.</summary>
            public bool OnlyCatches { get; }
        }
    }
}
