using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC106: async code calls a synchronous method of this project whose body blocks (<c>ExtractArchive()</c> running
/// <c>process.WaitForExit()</c>, <c>LoadImage(n)</c> reading <c>repository.GetImageAsync(n).Result</c>). The blocking call is
/// not in the async function, so ASYNC101–104 do not see it; the caller's thread is held all the same. Info: whether the
/// caller's path matters (a shutdown, a rare branch) is the reader's call. No automatic fix: the method needs an async version.
/// </summary>
/// <remarks>
/// Left to the other rules: a helper that blocks on the task it is handed (ASYNC101 reports its call, with a fix), and a
/// method with an <c>…Async</c> twin on its type (ASYNC105 suggests the twin).
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC106BlockingProjectMethodAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ASYNC106);

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

            var analysis = new CompilationAnalysis(symbols, new BlockingMethodBodies(symbols), symbols.Family(BlockingHelpers.Create));
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    private sealed class CompilationAnalysis
    {
        private readonly AsyncSymbols symbols;
        private readonly BlockingMethodBodies bodies;
        private readonly BlockingHelpers taskHelpers;

        public CompilationAnalysis(AsyncSymbols symbols, BlockingMethodBodies bodies, BlockingHelpers taskHelpers)
        {
            this.symbols = symbols;
            this.bodies = bodies;
            this.taskHelpers = taskHelpers;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;

            // A method with source (a metadata method answers from its own object), then the syntax's async context,
            // before any reading of the callee's body.
            var method = invocation.TargetMethod;
            if (invocation.IsImplicit
                || method.DeclaringSyntaxReferences.IsEmpty
                || !AsyncContext.MayAwaitAt(invocation.Syntax, throughInPlaceLambdas: true)
                || bodies.Find(method) is not { } step)
            {
                return;
            }

            if (!AsyncContext.TryGetAsyncFunction(invocation, context.ContainingSymbol, symbols, out var function, throughInPlaceLambdas: true)
                || AsyncContext.IsEntryPoint(context.ContainingSymbol)
                || DualCodePath.IsInSyncArm(invocation)
                || HasAsyncTwin(method)
                || taskHelpers.Find(invocation) is not null
                || IsTestsOwnToolProbe(context.ContainingSymbol, method, step)
                || PeerSuppression.SilencesBlockingCall(invocation.Syntax, context.ContainingSymbol, symbols))
            {
                return;
            }

            var where = step.Through is { } through ? $"through '{through.Name}', " : string.Empty;
            var line = step.Location.GetLineSpan();
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC106,
                invocation.Syntax.GetLocation(),
                additionalLocations: [step.Location],
                method.ContainingType is { } type ? type.Name + "." + method.Name : method.Name,
                function.Description,
                step.Api,
                $"{where}{Path.GetFileName(line.Path)} line {line.StartLinePosition.Line + 1}"));
        }

        /// <summary>
        /// <c>if (!IsPodmanInstalled()) return;</c> in a test or its fixture setup, where the helper belongs to the test class
        /// (or a base of it) and waits for a process it starts itself: the test arranges its fixture with its own tool, on its
        /// own thread, before the code under test runs. ASYNC104 leaves the same lines alone written in the test body. A wait
        /// on a process the helper was handed, any other blocking step, or the same helper called from code that is not a
        /// test keep the report.
        /// </summary>
        private static bool IsTestsOwnToolProbe(ISymbol caller, IMethodSymbol callee, BlockingStep step)
        {
            if (step.Api != "Process.WaitForExit"
                || caller is not IMethodSymbol test
                || !(TestMethods.IsTest(test) || TestMethods.IsFixtureSetup(test))
                || !test.ContainingType.InheritsFromOrEquals(callee.ContainingType))
            {
                return false;
            }

            var waiting = step.Through ?? callee;
            return test.ContainingType.InheritsFromOrEquals(waiting.ContainingType) && waiting.SingleSourceBody() is { } body && StartsAProcess(body);

            // Process.Start(...) or new Process { … }: syntax of the helper's own body, the name the step was found by.
            static bool StartsAProcess(SyntaxNode body)
            {
                foreach (var node in body.DescendantNodes())
                {
                    if (node is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "Process" }, Name.Identifier.ValueText: "Start" }
                        or ObjectCreationExpressionSyntax { Type: IdentifierNameSyntax { Identifier.ValueText: "Process" } })
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        /// <summary>The type offers <c>NameAsync</c> too: ASYNC105's suggestion, not this rule's.</summary>
        private static bool HasAsyncTwin(IMethodSymbol method)
            => method.ContainingType is { } type && !type.GetMembers(method.Name + "Async").IsEmpty;
    }
}
