using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// ASYNC202: a task started by a call and kept in a local that is never read afterwards: not awaited, returned,
/// passed on, stored, captured or inspected. Any read of the local counts as observing it (blocking on it is another
/// rule's business); only <c>nameof(t)</c> and assignments to it do not.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC202UnobservedTaskLocalAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ASYNC202);

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

            var analysis = new CompilationAnalysis(symbols.Family(static s => new DroppedTaskSymbols(s)));
            start.RegisterOperationAction(analysis.AnalyzeDeclarator, OperationKind.VariableDeclarator);
        });
    }

    /// <summary>Per-compilation state: the resolved symbols and the callback that uses them.</summary>
    private sealed class CompilationAnalysis
    {
        private static readonly ImmutableArray<string> DroppedOnPurposeWords = ImmutableArray.Create("ignore", "discard", "fireAndForget", "unawaited", "notAwaited");

        private readonly DroppedTaskSymbols symbols;

        public CompilationAnalysis(DroppedTaskSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void AnalyzeDeclarator(OperationAnalysisContext context)
        {
            var declarator = (IVariableDeclaratorOperation)context.Operation;
            var local = declarator.Symbol;

            // Cheap filters first: a task-typed local in a plain declaration statement, initialized by a call.
            if (!symbols.IsTaskLike(local.Type)
                || declarator.Parent is not IVariableDeclarationOperation declaration
                || declaration.Parent is not IVariableDeclarationGroupOperation { Parent: IBlockOperation or ISwitchCaseOperation }
                || StartedBy(declarator.Initializer?.Value ?? declaration.Initializer?.Value) is not { } invocation)
            {
                return;
            }

            // Nearly every such local is read within a statement or two: that search first, then the exemptions that
            // read the called method.
            var call = DroppedTaskNames.PeelConfigureAwait(invocation);
            if (IsRead(local, declaration.Parent!) || IsDiscardName(local.Name) || symbols.IsNotAnUnobservedOperation(call) || DroppedTaskNames.HasErrors(invocation)
                || IsWatchedFromTheOtherEnd(declaration.Parent!, context.ContainingSymbol)
                || AwaiterContinuation.IsHandedOverBy(call, context.ContainingSymbol)
                || IsHeldToMakeTheNextCallContend(call, declaration.Parent!, context.ContainingSymbol)
                || IsHeldForAnAssertedConflict(call, declaration.Parent!, context.ContainingSymbol))
            {
                return;
            }

            var location = declarator.Syntax is VariableDeclaratorSyntax syntax ? syntax.Identifier.GetLocation() : declarator.Syntax.GetLocation();
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC202,
                location,
                local.Name,
                DroppedTaskNames.Describe(call)));
        }

        /// <summary>
        /// In a test of a lock, <c>var first = this.lck.EnterAsync(); var second = this.lck.EnterAsync(cts.Token);
        /// Assert.False(second.IsCompleted);</c>: the first acquisition is held on purpose so that a later call on the same lock
        /// contends; it is the test's fixture, and awaiting it would only take the lock the test wants held. The call must
        /// acquire or wait (<c>Enter</c>, <c>Acquire</c>, <c>Lock</c> or <c>Wait</c> as a word of its name), on a receiver that
        /// a later statement of the same block calls again. Another call, or no later use of the receiver, keeps the report.
        /// </summary>
        private static bool IsHeldToMakeTheNextCallContend(IInvocationOperation call, IOperation declarationStatement, ISymbol containingSymbol)
        {
            var name = call.TargetMethod.Name;
            if (!(NameWords.ContainsWords(name, "Enter") || NameWords.ContainsWords(name, "Acquire") || NameWords.ContainsWords(name, "Lock")
                    || NameWords.ContainsWords(name, "Wait"))
                || call.Instance?.VariableSymbol() is not { } receiver
                || containingSymbol is not IMethodSymbol method || !TestMethods.IsTest(method)
                || declarationStatement.Parent is not IBlockOperation block)
            {
                return false;
            }

            for (var i = block.Operations.IndexOf(declarationStatement) + 1; i > 0 && i < block.Operations.Length; i++)
            {
                foreach (var operation in block.Operations[i].DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation { Instance: { } instance } && SymbolEqualityComparer.Default.Equals(instance.VariableSymbol(), receiver))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The statement right after the declaration in its block, or null.</summary>
        private static IOperation? NextStatement(IOperation declarationStatement)
        {
            if (declarationStatement.Parent is not IBlockOperation block)
            {
                return null;
            }

            var index = block.Operations.IndexOf(declarationStatement);
            return index >= 0 && index + 1 < block.Operations.Length ? block.Operations[index + 1] : null;
        }

        /// <summary>
        /// In a test, <c>var pending = client.OpenSftpClientAsync(); await Assert.ThrowsAsync&lt;InvalidOperationException&gt;(() =&gt;
        /// client.ConnectAsync());</c>: the operation is left running to put the object in the state under test, and the next
        /// statement asserts that another call on the same receiver throws because of it. Awaiting it would end that state.
        /// The next statement must be an assertion that something throws (<c>Throws…</c> as a word of the call's name) whose
        /// lambda calls the same receiver, or an object the receiver was created with (<c>var client = new HttpClient(handler);</c>
        /// then <c>Assert.Throws(() =&gt; handler.VerifyNoOutstandingRequest())</c>); a test that asserts anything else, or on
        /// another object, keeps the report.
        /// </summary>
        private static bool IsHeldForAnAssertedConflict(IInvocationOperation call, IOperation declarationStatement, ISymbol containingSymbol)
        {
            if (call.Instance?.VariableSymbol() is not { } receiver
                || containingSymbol is not IMethodSymbol method || !TestMethods.IsTest(method)
                || NextStatement(declarationStatement) is not { } next)
            {
                return false;
            }

            foreach (var operation in next.DescendantsAndSelf())
            {
                if (operation is not IInvocationOperation assertion || !NameWords.ContainsWords(assertion.TargetMethod.Name, "Throws"))
                {
                    continue;
                }

                foreach (var inner in assertion.Descendants())
                {
                    if (inner is IInvocationOperation { Instance: { } instance }
                        && AsyncContext.EnclosingFunctionOperation(inner) is IAnonymousFunctionOperation
                        && instance.VariableSymbol() is { } called
                        && (SymbolEqualityComparer.Default.Equals(called, receiver) || IsWrappedBy(called, call.Instance!)))
                    {
                        return true;
                    }
                }
            }

            return false;

            // var client = new HttpClient(handler): the handler is the object the client's call runs through, so an assertion
            // that the handler throws is about the same pending call.
            static bool IsWrappedBy(ISymbol called, IOperation receiver)
            {
                var value = receiver is ILocalReferenceOperation local ? AssignedValue.Initializer(local) : null;
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                if (value is not IObjectCreationOperation creation)
                {
                    return false;
                }

                foreach (var argument in creation.Arguments)
                {
                    var given = argument.Value;
                    while (given is IConversionOperation { Operand: var operand })
                    {
                        given = operand;
                    }

                    if (SymbolEqualityComparer.Default.Equals(given.VariableSymbol(), called))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>
        /// In a test, <c>Task notify = client.NotifyAsync("test"); var request = await this.ReceiveAsync();</c> or <c>Task call =
        /// client.InvokeAsync(…); await server.MethodReached.WaitAsync(token);</c>: the test starts an operation only to watch it
        /// arrive at the other end (a fake peer that never answers, a server method that signals it was reached), and asserts
        /// what that end saw; awaiting the operation itself would hang. The next statement must await such a watch: a
        /// <c>Receive…</c>, <c>Read…</c>, <c>Dequeue…</c>, <c>Accept…</c> or <c>WaitFor…</c> call, an event's <c>WaitAsync</c>, or a
        /// promise's <c>Task</c>. A test that awaits anything else next, or no test, keeps the report.
        /// </summary>
        private static bool IsWatchedFromTheOtherEnd(IOperation declarationStatement, ISymbol containingSymbol)
        {
            if (containingSymbol is not IMethodSymbol method || !TestMethods.IsTest(method) || NextStatement(declarationStatement) is not { } next)
            {
                return false;
            }

            var awaited = next switch
            {
                IExpressionStatementOperation { Operation: IAwaitOperation statement } => statement,
                IVariableDeclarationGroupOperation { Declarations.Length: 1 } group when group.Declarations[0].Declarators.Length == 1
                    => Peel(group.Declarations[0].Declarators[0].Initializer?.Value ?? group.Declarations[0].Initializer?.Value) as IAwaitOperation,
                _ => null,
            };

            var watched = awaited is null ? null : Peel(awaited.Operation);
            while (watched is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "WithCancellation" or "WithTimeout" or "WaitAsync", Instance: { Type: { } type } wrapped }
                   && type.Name is "Task" or "ValueTask")
            {
                watched = Peel(wrapped);
            }

            return watched switch
            {
                IPropertyReferenceOperation { Property.Name: "Task" } => true,
                IInvocationOperation { TargetMethod.Name: var name } => name == "WaitAsync"
                                                                        || name.StartsWith("Receive", StringComparison.Ordinal)
                                                                        || name.StartsWith("Read", StringComparison.Ordinal)
                                                                        || name.StartsWith("Dequeue", StringComparison.Ordinal)
                                                                        || name.StartsWith("Accept", StringComparison.Ordinal)
                                                                        || name.StartsWith("WaitFor", StringComparison.Ordinal),
                _ => false,
            };

            static IOperation? Peel(IOperation? value)
            {
                while (value is IConversionOperation conversion)
                {
                    value = conversion.Operand;
                }

                return value;
            }
        }

        /// <summary>The call that started the task: <c>F()</c>, <c>x?.F()</c>, <c>F().ConfigureAwait(false)</c>; null for anything else
        /// (<c>Task.CompletedTask</c>, <c>tcs.Task</c>, a parameter, a conditional choosing between tasks).</summary>
        private IInvocationOperation? StartedBy(IOperation? value)
        {
            while (value is IConversionOperation { IsImplicit: true } conversion)
            {
                value = conversion.Operand;
            }

            while (value is IConditionalAccessOperation access)
            {
                value = access.WhenNotNull;
            }

            return value is IInvocationOperation invocation && !invocation.TargetMethod.ReturnsVoid && symbols.IsTaskLike(invocation.Type)
                ? invocation
                : null;
        }

        /// <summary>
        /// True when the local is read anywhere in its scope (lambdas and local functions included), outside <c>nameof</c>.
        /// The scope is the block holding the declaration, searched from the declaration on (C# allows no use before it,
        /// not even from a local function declared earlier), or for a switch section the whole switch, whose sections
        /// share one declaration space. No reference to the local can lie outside it, so this gives the answer a search
        /// of the whole member would, and stops at the first read, which is usually the next statement or so.
        /// </summary>
        private static bool IsRead(ILocalSymbol local, IOperation declarationStatement)
        {
            if (declarationStatement.Parent is IBlockOperation block)
            {
                var started = false;
                foreach (var statement in block.Operations)
                {
                    started |= ReferenceEquals(statement, declarationStatement);
                    if (started && ReadsIn(local, statement))
                    {
                        return true;
                    }
                }

                return false;
            }

            return ReadsIn(local, declarationStatement.Parent is ISwitchCaseOperation { Parent: { } switchOperation } ? switchOperation : declarationStatement.Parent!);
        }

        private static bool ReadsIn(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !IsWrite(reference)
                    && !IsInNameOf(reference))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>t = …</c> or <c>out t</c>: the old task is not read.</summary>
        private static bool IsWrite(ILocalReferenceOperation reference) => reference.Parent switch
        {
            ISimpleAssignmentOperation assignment => ReferenceEquals(assignment.Target, reference),
            IArgumentOperation { Parameter.RefKind: RefKind.Out } => true,
            _ => false,
        };

        private static bool IsInNameOf(IOperation operation)
        {
            for (var current = operation.Parent; current is not null; current = current.Parent)
            {
                if (current is INameOfOperation)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// <c>_</c>, <c>__</c>, and a name that says the task is dropped on purpose (<c>taskIgnore</c>, <c>ignored</c>,
        /// <c>discarded</c>, <c>fireAndForget</c>, <c>unawaited</c>, <c>notAwaited</c>, <c>unused</c>): the author's spelling of <c>_ =</c>.
        /// </summary>
        private static bool IsDiscardName(string name)
        {
            // unused, unusedTask, taskUnused ("Unused" as a word: not the "unused" inside runUsed).
            if (name.TrimStart('_').StartsWith("unused", StringComparison.OrdinalIgnoreCase) || name.IndexOf("Unused", StringComparison.Ordinal) >= 0)
            {
                return true;
            }

            foreach (var word in DroppedOnPurposeWords)
            {
                if (name.IndexOf(word, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            foreach (var c in name)
            {
                if (c != '_')
                {
                    return false;
                }
            }

            return name.Length > 0;
        }
    }
}
