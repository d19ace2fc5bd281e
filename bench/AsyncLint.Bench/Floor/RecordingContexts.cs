using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Bench.Floor;

/// <summary>
/// Runs a real analyzer unchanged while recording every action it registers: its <see cref="AnalysisContext"/>,
/// and every start context it is handed later, are subclasses that forward each registration to the driver's
/// context and note its kind in an <see cref="ActionSet"/>. The analyzer reports exactly what it would alone.
/// </summary>
public sealed class RecordingAnalyzer : DiagnosticAnalyzer
{
    public RecordingAnalyzer(DiagnosticAnalyzer inner)
    {
        Inner = inner;
    }

    public DiagnosticAnalyzer Inner { get; }

    /// <summary>What the latest Initialize registered (a driver may initialize an analyzer more than once; each
    /// time it registers the same, and start registrations keep their identity by position across the calls).</summary>
    public ActionSet Root { get; private set; } = new();

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => Inner.SupportedDiagnostics;

    public override void Initialize(AnalysisContext context)
    {
        var root = new ActionSet(previous: Root);
        Root = root;
        Inner.Initialize(new RecordingAnalysisContext(context, root));
    }

    private static long allocatedBytes;

    /// <summary>Bytes allocated inside every timed callback of every recording analyzer so far (the profile's
    /// allocation share: a garbage collection lands in whichever callback allocates when the budget runs out).</summary>
    public static long AllocatedBytes => Interlocked.Read(ref allocatedBytes);

    /// <summary>The action, timed: every call adds to the registration's count and elapsed time (the profile).</summary>
    internal static Action<T> Timed<T>(Registration registration, Action<T> action)
        => argument =>
        {
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            try
            {
                action(argument);
            }
            finally
            {
                registration.Record(Stopwatch.GetTimestamp() - start);
                Interlocked.Add(ref allocatedBytes, GC.GetAllocatedBytesForCurrentThread() - allocated);
            }
        };

    internal static ImmutableArray<SyntaxKind> CSharpKinds<TLanguageKindEnum>(ImmutableArray<TLanguageKindEnum> kinds)
        where TLanguageKindEnum : struct
        => typeof(TLanguageKindEnum) == typeof(SyntaxKind) ? kinds.Select(k => (SyntaxKind)(object)k).ToImmutableArray() : [];

    internal static Action<SymbolStartAnalysisContext> SymbolStart(Action<SymbolStartAnalysisContext> action, ActionSet set, SymbolKind kind)
    {
        var registration = set.Add(new NestedStartRegistration(ActionKind.SymbolStart) { SymbolKinds = [kind] });
        return Timed<SymbolStartAnalysisContext>(registration, start => action(new RecordingSymbolStartContext(start, registration.Begin(start.Symbol))));
    }

    internal static Action<OperationBlockStartAnalysisContext> OperationBlockStart(Action<OperationBlockStartAnalysisContext> action, ActionSet set)
    {
        var registration = set.Add(new NestedStartRegistration(ActionKind.OperationBlockStart));
        return Timed<OperationBlockStartAnalysisContext>(registration, start => action(new RecordingOperationBlockStartContext(start, registration.Begin(start.OwningSymbol))));
    }

    internal static Action<CodeBlockStartAnalysisContext<T>> CodeBlockStart<T>(Action<CodeBlockStartAnalysisContext<T>> action, ActionSet set)
        where T : struct
    {
        var registration = set.Add(new NestedStartRegistration(ActionKind.CodeBlockStart));
        return Timed<CodeBlockStartAnalysisContext<T>>(registration, start => action(new RecordingCodeBlockStartContext<T>(start, registration.Begin(start.OwningSymbol))));
    }
}

internal sealed class RecordingAnalysisContext : AnalysisContext
{
    private readonly AnalysisContext inner;
    private readonly ActionSet set;

    public RecordingAnalysisContext(AnalysisContext inner, ActionSet set)
    {
        this.inner = inner;
        this.set = set;
    }

    public override DiagnosticSeverity MinimumReportedSeverity => inner.MinimumReportedSeverity;

    public override void EnableConcurrentExecution()
    {
        set.SetConcurrentExecution();
        inner.EnableConcurrentExecution();
    }

    public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
    {
        set.SetGeneratedCodeAnalysis(analysisMode);
        inner.ConfigureGeneratedCodeAnalysis(analysisMode);
    }

    public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
    {
        var registration = set.Add(new CompilationStartRegistration());
        inner.RegisterCompilationStartAction(RecordingAnalyzer.Timed<CompilationStartAnalysisContext>(registration, start => action(new RecordingCompilationStartContext(start, registration.Begin()))));
    }

    public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.Compilation));
        inner.RegisterCompilationAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.SemanticModel));
        inner.RegisterSemanticModelAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
    {
        var registration = set.Add(new Registration(ActionKind.Symbol) { SymbolKinds = symbolKinds });
        inner.RegisterSymbolAction(RecordingAnalyzer.Timed(registration, action), symbolKinds);
    }

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        => inner.RegisterSymbolStartAction(RecordingAnalyzer.SymbolStart(action, set, symbolKind), symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        => inner.RegisterCodeBlockStartAction(RecordingAnalyzer.CodeBlockStart(action, set));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.CodeBlock));
        inner.RegisterCodeBlockAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.SyntaxTree));
        inner.RegisterSyntaxTreeAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.AdditionalFile));
        inner.RegisterAdditionalFileAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
    {
        var registration = set.Add(new Registration(ActionKind.SyntaxNode) { SyntaxKinds = RecordingAnalyzer.CSharpKinds(syntaxKinds) });
        inner.RegisterSyntaxNodeAction(RecordingAnalyzer.Timed(registration, action), syntaxKinds);
    }

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        => inner.RegisterOperationBlockStartAction(RecordingAnalyzer.OperationBlockStart(action, set));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.OperationBlock));
        inner.RegisterOperationBlockAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
    {
        var registration = set.Add(new Registration(ActionKind.Operation) { OperationKinds = operationKinds });
        inner.RegisterOperationAction(RecordingAnalyzer.Timed(registration, action), operationKinds);
    }
}

internal sealed class RecordingCompilationStartContext : CompilationStartAnalysisContext
{
    private readonly CompilationStartAnalysisContext inner;
    private readonly ActionSet set;

    public RecordingCompilationStartContext(CompilationStartAnalysisContext inner, ActionSet set)
        : base(inner.Compilation, inner.Options, inner.CancellationToken)
    {
        this.inner = inner;
        this.set = set;
    }

    public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.CompilationEnd));
        inner.RegisterCompilationEndAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.SemanticModel));
        inner.RegisterSemanticModelAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds)
    {
        var registration = set.Add(new Registration(ActionKind.Symbol) { SymbolKinds = symbolKinds });
        inner.RegisterSymbolAction(RecordingAnalyzer.Timed(registration, action), symbolKinds);
    }

    public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind)
        => inner.RegisterSymbolStartAction(RecordingAnalyzer.SymbolStart(action, set, symbolKind), symbolKind);

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        => inner.RegisterCodeBlockStartAction(RecordingAnalyzer.CodeBlockStart(action, set));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.CodeBlock));
        inner.RegisterCodeBlockAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        => inner.RegisterOperationBlockStartAction(RecordingAnalyzer.OperationBlockStart(action, set));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.OperationBlock));
        inner.RegisterOperationBlockAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.SyntaxTree));
        inner.RegisterSyntaxTreeAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.AdditionalFile));
        inner.RegisterAdditionalFileAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
    {
        var registration = set.Add(new Registration(ActionKind.SyntaxNode) { SyntaxKinds = RecordingAnalyzer.CSharpKinds(syntaxKinds) });
        inner.RegisterSyntaxNodeAction(RecordingAnalyzer.Timed(registration, action), syntaxKinds);
    }

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
    {
        var registration = set.Add(new Registration(ActionKind.Operation) { OperationKinds = operationKinds });
        inner.RegisterOperationAction(RecordingAnalyzer.Timed(registration, action), operationKinds);
    }
}

internal sealed class RecordingSymbolStartContext : SymbolStartAnalysisContext
{
    private readonly SymbolStartAnalysisContext inner;
    private readonly ActionSet set;

    public RecordingSymbolStartContext(SymbolStartAnalysisContext inner, ActionSet set)
        : base(inner.Symbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        this.inner = inner;
        this.set = set;
    }

    public override void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.SymbolEnd));
        inner.RegisterSymbolEndAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action)
        => inner.RegisterCodeBlockStartAction(RecordingAnalyzer.CodeBlockStart(action, set));

    public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.CodeBlock));
        inner.RegisterCodeBlockAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
    {
        var registration = set.Add(new Registration(ActionKind.SyntaxNode) { SyntaxKinds = RecordingAnalyzer.CSharpKinds(syntaxKinds) });
        inner.RegisterSyntaxNodeAction(RecordingAnalyzer.Timed(registration, action), syntaxKinds);
    }

    public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action)
        => inner.RegisterOperationBlockStartAction(RecordingAnalyzer.OperationBlockStart(action, set));

    public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.OperationBlock));
        inner.RegisterOperationBlockAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
    {
        var registration = set.Add(new Registration(ActionKind.Operation) { OperationKinds = operationKinds });
        inner.RegisterOperationAction(RecordingAnalyzer.Timed(registration, action), operationKinds);
    }
}

internal sealed class RecordingOperationBlockStartContext : OperationBlockStartAnalysisContext
{
    private readonly OperationBlockStartAnalysisContext inner;
    private readonly ActionSet set;

    public RecordingOperationBlockStartContext(OperationBlockStartAnalysisContext inner, ActionSet set)
        : base(inner.OperationBlocks, inner.OwningSymbol, inner.Compilation, inner.Options, inner.CancellationToken)
    {
        this.inner = inner;
        this.set = set;
    }

    public override void RegisterOperationBlockEndAction(Action<OperationBlockAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.OperationBlockEnd));
        inner.RegisterOperationBlockEndAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds)
    {
        var registration = set.Add(new Registration(ActionKind.Operation) { OperationKinds = operationKinds });
        inner.RegisterOperationAction(RecordingAnalyzer.Timed(registration, action), operationKinds);
    }
}

internal sealed class RecordingCodeBlockStartContext<TLanguageKindEnum> : CodeBlockStartAnalysisContext<TLanguageKindEnum>
    where TLanguageKindEnum : struct
{
    private readonly CodeBlockStartAnalysisContext<TLanguageKindEnum> inner;
    private readonly ActionSet set;

    public RecordingCodeBlockStartContext(CodeBlockStartAnalysisContext<TLanguageKindEnum> inner, ActionSet set)
        : base(inner.CodeBlock, inner.OwningSymbol, inner.SemanticModel, inner.Options, inner.CancellationToken)
    {
        this.inner = inner;
        this.set = set;
    }

    public override void RegisterCodeBlockEndAction(Action<CodeBlockAnalysisContext> action)
    {
        var registration = set.Add(new Registration(ActionKind.CodeBlockEnd));
        inner.RegisterCodeBlockEndAction(RecordingAnalyzer.Timed(registration, action));
    }

    public override void RegisterSyntaxNodeAction(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
    {
        var registration = set.Add(new Registration(ActionKind.SyntaxNode) { SyntaxKinds = RecordingAnalyzer.CSharpKinds(syntaxKinds) });
        inner.RegisterSyntaxNodeAction(RecordingAnalyzer.Timed(registration, action), syntaxKinds);
    }
}
