using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// ASYNC206: <c>new Task(work)</c> makes a cold task, one that runs only after <c>Start()</c>. Awaited, blocked on, waited
/// for with <c>Task.WhenAll</c>, or returned to callers who expect a running task, it never completes: the caller hangs.
/// </summary>
/// <remarks>
/// The rule reads only the function that creates the task. It reports when the cold task reaches a wait there and nothing
/// else could start it: any <c>Start</c>/<c>RunSynchronously</c> on it, or any use that hands it elsewhere (stored, added to
/// a list, passed to a method, captured by a lambda that does anything but wait), keeps it silent. Waits that end anyway are
/// not waits here: <c>Wait(timeout)</c>, <c>Task.WhenAny</c> (a cold task is a known way to write "never" beside a delay).
/// A returned cold task is a hang only for callers who expect a running one: TAP says every task an <c>…Async</c> method
/// returns is running, and a function whose other <c>return</c>s hand back running tasks cannot be a factory of cold ones
/// (its callers could not call <c>Start</c> on the running ones). A factory whose every return is cold is left alone.
/// Fields are not followed: a task kept in a field is usually started by another member.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC206NeverStartedTaskAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ASYNC206);

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
            start.RegisterOperationAction(analysis.AnalyzeCreation, OperationKind.ObjectCreation);
        });
    }

    /// <summary>How a fix would rewrite the creation: <c>Task.Run(…)</c>, or not at all (state objects, creation options).</summary>
    public enum FixKind
    {
        Run,
    }

    /// <summary>What one use of the cold task does with it.</summary>
    private enum Use
    {
        /// <summary>Reads that neither wait nor hand it on: <c>Status</c>, <c>Id</c>, <c>ContinueWith</c>, <c>Wait(timeout)</c>, <c>Task.WhenAny</c>.</summary>
        Neutral,

        /// <summary>Waits for it to complete: <c>await</c>, <c>Wait()</c>, <c>.Result</c>, <c>Task.WhenAll</c>, a return to callers who expect a running task.</summary>
        Waits,

        /// <summary><c>Start()</c> or <c>RunSynchronously()</c>.</summary>
        Starts,

        /// <summary>Anything else: stored, passed, reassigned. Someone else may start it.</summary>
        Escapes,
    }

    /// <summary>A use that waits: where, and the words for the message.</summary>
    private readonly struct Wait
    {
        public Wait(IOperation operation, string description)
        {
            Operation = operation;
            Description = description;
        }

        public IOperation Operation { get; }

        public string Description { get; }
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncSymbols symbols;

        public CompilationAnalysis(AsyncSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is not INamedTypeSymbol type || !IsTaskType(type) || creation.Constructor is null)
            {
                return;
            }

            var wait = WaitOnCreatedTask(creation, context.ContainingSymbol);
            if (wait is not { } found)
            {
                return;
            }

            var properties = FixableByRun(creation.Constructor)
                ? DiagnosticProperties.Empty.Add(DiagnosticProperties.Kind, nameof(FixKind.Run))
                : DiagnosticProperties.Empty.Add(DiagnosticProperties.NoFix, string.Empty);
            // A wait on a local is elsewhere in the function: its place is the second location. A direct wait contains the creation.
            var additional = found.Operation.Syntax.Span.Contains(creation.Syntax.Span) ? ImmutableArray<Location>.Empty : ImmutableArray.Create(found.Operation.Syntax.GetLocation());
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC206,
                creation.Syntax.GetLocation(),
                additional,
                properties,
                type.IsGenericType ? "Task<" + type.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + ">" : "Task",
                found.Description));
        }

        /// <summary>The wait the cold task reaches with nothing to start it, or null.</summary>
        private Wait? WaitOnCreatedTask(IObjectCreationOperation creation, ISymbol containingSymbol)
        {
            var (use, besideRunningTask) = Climb(creation);
            switch (use.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return WaitOnLocal(declarator.Symbol, skipped: null, creation, containingSymbol);
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when assignment.Value == use:
                    return WaitOnLocal(target.Local, skipped: target, creation, containingSymbol);
            }

            var (kind, wait) = Classify(use, containingSymbol, besideRunningTask);
            return kind == Use.Waits ? wait : null;
        }

        /// <summary>
        /// The cold task kept in a local: reported at its first wait when every use of the local in the member (lambdas
        /// included) is a wait or a harmless read, and none starts it or hands it on.
        /// </summary>
        private Wait? WaitOnLocal(ILocalSymbol local, IOperation? skipped, IOperation creation, ISymbol containingSymbol)
        {
            Wait? first = null;
            foreach (var operation in AsyncContext.MemberRoot(creation).Descendants())
            {
                if (operation is not ILocalReferenceOperation reference || operation == skipped || !reference.Local.Is(local))
                {
                    continue;
                }

                var (use, besideRunningTask) = Climb(reference);
                var (kind, wait) = Classify(use, containingSymbol, besideRunningTask);
                switch (kind)
                {
                    case Use.Starts or Use.Escapes:
                        return null;
                    case Use.Waits when first is null || wait!.Value.Operation.Syntax.SpanStart < first.Value.Operation.Syntax.SpanStart:
                        first = wait;
                        break;
                }
            }

            return first is { } found ? new Wait(found.Operation, found.Description + " on line " + Line(found.Operation)) : null;
        }

        /// <summary>Moves from a value to the operation that consumes it, through conversions and the branches of <c>?:</c>.</summary>
        private (IOperation Use, bool BesideRunningTask) Climb(IOperation value)
        {
            var besideRunningTask = false;
            while (value.Parent is { } parent)
            {
                if (parent is IConversionOperation or IParenthesizedOperation)
                {
                    value = parent;
                }
                else if (parent is IConditionalOperation conditional && conditional.Condition != value)
                {
                    var other = conditional.WhenTrue == value ? conditional.WhenFalse : conditional.WhenTrue;
                    besideRunningTask |= other is not null && IsRunningTask(other);
                    value = parent;
                }
                else
                {
                    break;
                }
            }

            return (value, besideRunningTask);
        }

        /// <summary>What the consumer of <paramref name="use"/> (the cold task, climbed) does with it.</summary>
        private (Use Kind, Wait? Wait) Classify(IOperation use, ISymbol containingSymbol, bool besideRunningTask)
        {
            switch (use.Parent)
            {
                case IAwaitOperation awaiting:
                    return (Use.Waits, new Wait(awaiting, "it is awaited"));
                case IInvocationOperation invocation when invocation.Instance == use:
                    return ClassifyCallOn(invocation);
                case IPropertyReferenceOperation property when property.Instance == use:
                    return property.Property.Name == "Result" ? (Use.Waits, new Wait(property, "its 'Result' is read")) : (Use.Neutral, null);
                case IReturnOperation { Kind: OperationKind.Return } @return:
                    return ReturnedToCallersWhoExpectARunningTask(@return, containingSymbol, besideRunningTask) is { } description
                        ? (Use.Waits, new Wait(@return, description))
                        : (Use.Escapes, null);
                case IArgumentOperation argument:
                    return ClassifyArgument(argument);
                case INameOfOperation:
                    return (Use.Neutral, null);
                default:
                    return ParamsArgument(use) is { } holder ? ClassifyArgument(holder) : (Use.Escapes, null);
            }
        }

        private (Use Kind, Wait? Wait) ClassifyCallOn(IInvocationOperation invocation)
        {
            switch (invocation.TargetMethod.Name)
            {
                case "Start" or "RunSynchronously":
                    return (Use.Starts, null);
                case "Wait" when invocation.Arguments.Length == 0 || (invocation.Arguments.Length == 1 && invocation.Arguments[0].Value.Type.Is(symbols.CancellationToken)):
                    return (Use.Waits, new Wait(invocation, "it is blocked on with 'Wait()'"));
                case "GetAwaiter":
                    return (Use.Waits, new Wait(invocation, "it is blocked on with 'GetAwaiter()'"));
                case "ConfigureAwait" when invocation.Parent is IAwaitOperation awaiting:
                    return (Use.Waits, new Wait(awaiting, "it is awaited"));
                default:
                    return (Use.Neutral, null);
            }
        }

        /// <summary>The argument whose array or <c>params</c> collection holds <paramref name="element"/> (<c>Task.WhenAll(a, b)</c>, <c>Task.WaitAll(new[] { a })</c>), or null.</summary>
        private static IArgumentOperation? ParamsArgument(IOperation element)
        {
            var inArray = false;
            for (var current = element.Parent; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case IArgumentOperation argument:
                        return inArray || argument.ArgumentKind is not (ArgumentKind.Explicit or ArgumentKind.DefaultValue) ? argument : null;
                    case IArrayInitializerOperation or IArrayCreationOperation:
                        inArray = true;
                        continue;
                    case IConversionOperation or { IsImplicit: true }:
                        continue;
                    default:
                        return null;
                }
            }

            return null;
        }

        /// <summary><c>Task.WhenAll</c>/<c>Task.WaitAll</c> wait for every task; any other method may start it.</summary>
        private (Use Kind, Wait? Wait) ClassifyArgument(IArgumentOperation argument)
        {
            if (argument.Parent is not IInvocationOperation { Instance: null } call || !call.TargetMethod.ContainingType.Is(symbols.Task))
            {
                return (Use.Escapes, null);
            }

            return call.TargetMethod.Name switch
            {
                "WhenAll" or "WaitAll" => (Use.Waits, new Wait(call, $"it is waited for with 'Task.{call.TargetMethod.Name}'")),
                "WhenAny" or "WaitAny" => (Use.Neutral, null),
                _ => (Use.Escapes, null),
            };
        }

        /// <summary>
        /// Why the callers of the function that returns the cold task expect it to run, or null when they may be the ones to
        /// start it: a non-async function whose name ends in <c>Async</c>, or one that hands back a running task on another path.
        /// </summary>
        private string? ReturnedToCallersWhoExpectARunningTask(IReturnOperation @return, ISymbol containingSymbol, bool besideRunningTask)
        {
            var function = AsyncContext.EnclosingFunctionOperation(@return);
            var method = function switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                ILocalFunctionOperation local => local.Symbol,
                _ => containingSymbol as IMethodSymbol,
            };
            if (method is null || method.IsAsync || !symbols.IsTaskOrValueTask(method.ReturnType))
            {
                return null;
            }

            var name = method.MethodKind == MethodKind.AnonymousFunction ? "the lambda" : $"'{method.Name}'";
            if (besideRunningTask || OtherReturnHandsBackARunningTask(@return, function))
            {
                return $"it is returned by {name}, whose other return hands back a running task";
            }

            return method.MethodKind != MethodKind.AnonymousFunction && method.Name.EndsWith("Async", System.StringComparison.Ordinal)
                ? $"it is returned by {name}, whose callers expect a running task"
                : null;
        }

        private bool OtherReturnHandsBackARunningTask(IReturnOperation @return, IOperation? function)
        {
            var body = AsyncContext.EnclosingFunctionBody(@return);
            if (body is null)
            {
                return false;
            }

            foreach (var operation in body.DescendantsAndSelf())
            {
                if (operation is IReturnOperation { Kind: OperationKind.Return, ReturnedValue: { } value } other
                    && other != @return
                    && AsyncContext.EnclosingFunctionOperation(other) == function
                    && IsRunningTask(value))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// A value that is a running task as far as a reader can tell: a call, a property, <c>Task.CompletedTask</c>. Not:
        /// another cold creation, <c>null</c>/<c>default</c>, or a local or conditional (which may hold either).
        /// </summary>
        private bool IsRunningTask(IOperation value)
        {
            while (value is IConversionOperation conversion)
            {
                value = conversion.Operand;
            }

            return value switch
            {
                IObjectCreationOperation creation => !IsTaskType(creation.Type),
                IInvocationOperation or IPropertyReferenceOperation or IAwaitOperation => symbols.IsTaskOrValueTask(value.Type),
                _ => false,
            };
        }

        /// <summary><c>Task</c> or <c>Task&lt;T&gt;</c> itself: what <c>new</c> makes cold (a subclass may start itself).</summary>
        private bool IsTaskType(ITypeSymbol? type) => type.Is(symbols.Task) || type?.OriginalDefinition.Is(symbols.TaskOfT) == true;

        /// <summary><c>new Task(action)</c>, <c>new Task(action, token)</c> and the <c>Task&lt;T&gt;</c> pair map onto <c>Task.Run</c>.</summary>
        private bool FixableByRun(IMethodSymbol constructor)
        {
            var parameters = constructor.Parameters;
            return parameters.Length is 1 or 2
                   && parameters[0].Type is INamedTypeSymbol { Name: "Action", TypeArguments.Length: 0 } or INamedTypeSymbol { Name: "Func", TypeArguments.Length: 1 }
                   && (parameters.Length == 1 || parameters[1].Type.Is(symbols.CancellationToken));
        }

        private static int Line(IOperation operation) => operation.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
    }
}
