using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.FanOut;

/// <summary>
/// ASYNC301: two or more consecutive statements of one block await operations that are independent of one another
/// (see <see cref="Independence"/>): they could be started together and awaited with Task.WhenAll.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC301SequentialAwaitsAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ASYNC301);

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
            start.RegisterOperationAction(analysis.AnalyzeBlock, OperationKind.Block);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly FanOutSymbols symbols;

        public CompilationAnalysis(FanOutSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void AnalyzeBlock(OperationAnalysisContext context)
        {
            var block = (IBlockOperation)context.Operation;
            var statements = block.Operations;
            if (statements.Length < 2 || !AsyncContext.MayAwaitAt(block.Syntax) || !HasTwoAwaitStatements(statements))
            {
                return;
            }

            if (symbols.IsSilentInTests(context.Options, block.Syntax.SyntaxTree))
            {
                return;
            }

            var roles = new StatementRole[statements.Length];
            var candidates = new FanOutCandidate?[statements.Length];
            for (var i = 0; i < statements.Length; i++)
            {
                roles[i] = FanOutStatements.Classify(statements[i], symbols, out candidates[i]);
                if (roles[i] == StatementRole.Throttle)
                {
                    // Task.Delay, Yield or a lock among these statements: pacing and order are the point.
                    return;
                }
            }

            ImmutableArray<string>? configured = null;
            bool? dataScope = null;
            var start = -1;
            var members = new List<int>();
            for (var i = 0; i < statements.Length; i++)
            {
                switch (roles[i])
                {
                    case StatementRole.Await:
                        if (start >= 0)
                        {
                            // Asked only once a second await could join a group.
                            configured ??= AsyncLintOptions.ReadList(context.Options, block.Syntax.SyntaxTree, AsyncLintOptions.NonConcurrentTypes);
                            dataScope ??= symbols.InDataScope(context.ContainingSymbol.ContainingType);
                        }

                        if (start >= 0 && !JoinsGroup(statements, candidates, start, i, members, configured!.Value, dataScope!.Value))
                        {
                            Report(context, statements, candidates, start, members);
                            start = -1;
                        }

                        if (start < 0)
                        {
                            start = i;
                            members.Clear();
                        }

                        members.Add(i);
                        break;
                    case StatementRole.Local:
                        break;
                    default:
                        Report(context, statements, candidates, start, members);
                        start = -1;
                        members.Clear();
                        break;
                }
            }

            Report(context, statements, candidates, start, members);
        }

        /// <summary>May statement <paramref name="index"/>'s operation overlap with every earlier one in the group?</summary>
        private bool JoinsGroup(ImmutableArray<IOperation> statements, FanOutCandidate?[] candidates, int start, int index, List<int> members, ImmutableArray<string> configured, bool dataScope)
        {
            // A comment on the group's first step, or on a statement since its last, that speaks of order: the author
            // chose the sequence (// this must run before LoadAllStatesAsync, which deletes the files it reads).
            for (var i = members.Count == 1 ? start : members[members.Count - 1] + 1; i <= index; i++)
            {
                if (FanOutStatements.CommentStatesOrder(statements[i].Syntax))
                {
                    return false;
                }
            }

            var later = candidates[index]!;
            foreach (var member in members)
            {
                if (Independence.Conflict(candidates[member]!, later, symbols, configured, dataScope))
                {
                    return false;
                }
            }

            // Conditions 1 and 2: nothing the group wrote so far (results of earlier awaits, locals computed between,
            // members assigned, objects handed to calls) is read by the later operation.
            var writes = new WriteSet();
            for (var i = start; i < index; i++)
            {
                Independence.CollectWrites(statements[i], candidates[i]?.Invocation, writes);
            }

            // The later statement's own leading part runs before its await, after the earlier ones.
            if (Independence.ReadsWritten(later, writes))
            {
                return false;
            }

            // Asked last, when the group would otherwise grow: a call that repeats one made before the group re-reads what
            // the steps since then may have changed (lic = await GetLicenseAsync(n, u); if (lic == null) { await
            // CheckStateAsync(n, u); lic = await GetLicenseAsync(n, u); }).
            return !RepeatsAnEarlierCall(later, statements[start]);
        }

        /// <summary>
        /// True when the function already made the very same call (same method, receiver and arguments, as written)
        /// before <paramref name="groupStart"/>: the later one is a re-fetch after the steps in between, which it is ordered after.
        /// </summary>
        private static bool RepeatsAnEarlierCall(FanOutCandidate later, IOperation groupStart)
        {
            var function = EnclosingFunction(later.Invocation);
            if (function is null)
            {
                return false;
            }

            // A re-fetch overwrites what the earlier call stored (lic = await GetLicenseAsync(…) again); the same read into a
            // fresh local in another branch is just a read.
            if (AssignedLocal(later.Invocation) is not { } target)
            {
                return false;
            }

            var method = later.Invocation.TargetMethod;
            var before = groupStart.Syntax.SpanStart;

            // Most groups repeat nothing: the method's name not written before the group settles it without a walk.
            if (SyntaxWords.IndexOfWord(SyntaxWords.TextOf(function.Syntax), method.Name, function.Syntax.SpanStart, before) < 0)
            {
                return false;
            }

            string? text = null;
            var pending = new Stack<IOperation>();
            pending.Push(function);
            while (pending.Count > 0)
            {
                var current = pending.Pop();
                if (current.Syntax.SpanStart >= before)
                {
                    continue;
                }

                if (current is IInvocationOperation earlier
                    && SymbolEqualityComparer.Default.Equals(earlier.TargetMethod, method)
                    && SymbolEqualityComparer.Default.Equals(AssignedLocal(earlier), target)
                    && (text ??= Compact(later.Invocation.Syntax)) == Compact(earlier.Syntax))
                {
                    return true;
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                    {
                        pending.Push(child);
                    }
                }
            }

            return false;
        }

        /// <summary>The local an awaited call's result is stored in (<c>var x = await F()</c>, <c>x = await F()</c>), or null.</summary>
        private static ILocalSymbol? AssignedLocal(IInvocationOperation call)
        {
            var value = call.Parent;
            while (value is IConversionOperation or IAwaitOperation || (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" }))
            {
                value = value.Parent;
            }

            return value switch
            {
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation local } => local.Local,
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                _ => null,
            };
        }

        private static IOperation? EnclosingFunction(IOperation operation)
        {
            for (var current = operation; current is not null; current = current.Parent)
            {
                if (current is IMethodBodyBaseOperation or IAnonymousFunctionOperation or ILocalFunctionOperation
                    || current.Parent is null)
                {
                    return current;
                }
            }

            return null;
        }

        /// <summary>The call as written, without whitespace or comments.</summary>
        private static string Compact(SyntaxNode node)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var token in node.DescendantTokens())
            {
                builder.Append(token.Text);
            }

            return builder.ToString();
        }

        private static void Report(OperationAnalysisContext context, ImmutableArray<IOperation> statements, FanOutCandidate?[] candidates, int start, List<int> members)
        {
            if (start < 0 || members.Count < 2)
            {
                return;
            }

            var first = candidates[members[0]]!;
            var last = members[members.Count - 1];
            var additional = new List<Location>(members.Count - 1);
            for (var i = 1; i < members.Count; i++)
            {
                additional.Add(candidates[members[i]]!.Await.Syntax.GetLocation());
            }

            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[FanOutProperties.StatementCount] = (last - members[0] + 1).ToString(CultureInfo.InvariantCulture);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC301,
                first.Await.Syntax.GetLocation(),
                additional,
                properties.ToImmutable(),
                members.Count.ToString(CultureInfo.InvariantCulture)));
        }

        /// <summary>
        /// Cheap pre-check: at least two statements whose syntax holds an await outside lambdas and local functions
        /// (awaits in those never make a statement an Await-role one: <see cref="FanOutStatements.AwaitsIn"/>).
        /// </summary>
        private static bool HasTwoAwaitStatements(ImmutableArray<IOperation> statements)
        {
            var count = 0;
            foreach (var statement in statements)
            {
                if (statement is IExpressionStatementOperation or IVariableDeclarationGroupOperation
                    && AwaitSyntax.ContainsAwaitOutsideFunctions(statement.Syntax)
                    && ++count >= 2)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
