using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ASYNC101–ASYNC105: calls that block the thread inside an async context.
/// One walk over invocations serves the whole family; each rule keeps its own descriptor and docs page.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ASYNC10xBlockingCallAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ASYNC103);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var symbols = AsyncSymbols.TryCreate(start.Compilation);
            if (symbols is null)
            {
                return;
            }

            var analysis = new CompilationAnalysis(symbols);
            start.RegisterOperationAction(analysis.AnalyzeInvocation, OperationKind.Invocation);
        });
    }

    /// <summary>Per-compilation state: the resolved symbols and the callbacks that use them.</summary>
    private sealed class CompilationAnalysis
    {
        private readonly AsyncSymbols symbols;

        public CompilationAnalysis(AsyncSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;

            if (method.Name == "Sleep" && method.ContainingType.Is(symbols.Thread))
            {
                ReportThreadSleep(context, invocation);
            }
        }

        private void ReportThreadSleep(OperationAnalysisContext context, IInvocationOperation invocation)
        {
            if (!AsyncContext.TryGetAsyncFunction(invocation, context.ContainingSymbol, symbols, out var function))
            {
                return;
            }

            var yields = IsZeroDelay(invocation);
            var replacement = yields ? "await Task.Yield()" : "await Task.Delay(...)";
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[DiagnosticProperties.Kind] = yields ? ThreadSleepFixKind.Yield.ToString() : ThreadSleepFixKind.Delay.ToString();
            if (!yields && CancellationTokenInScope.Find(invocation, context.ContainingSymbol, symbols) is { } token)
            {
                properties[DiagnosticProperties.CancellationToken] = token;
            }

            if (AwaitPosition.WhyAwaitIsForbidden(invocation) is { } reason)
            {
                properties[DiagnosticProperties.NoFix] = reason;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.ASYNC103,
                invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                "Thread.Sleep",
                function.Description,
                replacement));
        }

        /// <summary><c>Thread.Sleep(0)</c> gives up the rest of the time slice: its async analogue is <c>Task.Yield</c>.</summary>
        private static bool IsZeroDelay(IInvocationOperation invocation)
            => invocation.Arguments.Length == 1
               && invocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: 0 };
    }
}

/// <summary>What the ASYNC103 fix writes.</summary>
public enum ThreadSleepFixKind
{
    /// <summary><c>await Task.Delay(duration[, token])</c>.</summary>
    Delay,

    /// <summary><c>await Task.Yield()</c>, for <c>Thread.Sleep(0)</c>.</summary>
    Yield,
}
