using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Bench.Floor;

/// <summary>
/// The floor: a do-nothing analyzer that registers exactly the callbacks a real analyzer registered (recorded by
/// <see cref="RecordingAnalyzer"/> on the same compilation), each with an empty body. Its execution time is what
/// being called at all costs; a real analyzer's time above it is what its own work costs.
/// Start actions are mirrored per owner: a block start registers, for that block, what the real one registered there.
/// </summary>
public sealed class FloorAnalyzer : DiagnosticAnalyzer
{
    private readonly ActionSet root;

    public FloorAnalyzer(string mirrors, ActionSet root, ImmutableArray<DiagnosticDescriptor> supportedDiagnostics)
    {
        Mirrors = mirrors;
        this.root = root;
        SupportedDiagnostics = supportedDiagnostics;
    }

    /// <summary>The name of the analyzer this floor mirrors.</summary>
    public string Mirrors { get; }

    // The same descriptors as the mirrored analyzer, so that the driver enables or skips it exactly alike.
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

    public override void Initialize(AnalysisContext context)
    {
        if (root.ConcurrentExecution)
        {
            context.EnableConcurrentExecution();
        }

        if (root.GeneratedCodeAnalysis is { } flags)
        {
            context.ConfigureGeneratedCodeAnalysis(flags);
        }

        Mirror(root, new Registrar(context));
    }

    private static void Mirror(ActionSet set, Registrar context)
    {
        foreach (var registration in set.Snapshot())
        {
            switch (registration.Kind)
            {
                case ActionKind.Compilation:
                    context.Root!.RegisterCompilationAction(static _ => { });
                    break;
                case ActionKind.CompilationEnd:
                    context.CompilationStart!.RegisterCompilationEndAction(static _ => { });
                    break;
                case ActionKind.SemanticModel:
                    if (context.Root is { } r1)
                    {
                        r1.RegisterSemanticModelAction(static _ => { });
                    }
                    else
                    {
                        context.CompilationStart!.RegisterSemanticModelAction(static _ => { });
                    }

                    break;
                case ActionKind.SyntaxTree:
                    if (context.Root is { } r2)
                    {
                        r2.RegisterSyntaxTreeAction(static _ => { });
                    }
                    else
                    {
                        context.CompilationStart!.RegisterSyntaxTreeAction(static _ => { });
                    }

                    break;
                case ActionKind.AdditionalFile:
                    if (context.Root is { } r3)
                    {
                        r3.RegisterAdditionalFileAction(static _ => { });
                    }
                    else
                    {
                        context.CompilationStart!.RegisterAdditionalFileAction(static _ => { });
                    }

                    break;
                case ActionKind.Symbol:
                    if (context.Root is { } r4)
                    {
                        r4.RegisterSymbolAction(static _ => { }, registration.SymbolKinds);
                    }
                    else
                    {
                        context.CompilationStart!.RegisterSymbolAction(static _ => { }, registration.SymbolKinds);
                    }

                    break;
                case ActionKind.SymbolEnd:
                    context.SymbolStart!.RegisterSymbolEndAction(static _ => { });
                    break;
                case ActionKind.SyntaxNode:
                    context.RegisterSyntaxNode(registration.SyntaxKinds);
                    break;
                case ActionKind.Operation:
                    context.RegisterOperation(registration.OperationKinds);
                    break;
                case ActionKind.OperationBlock:
                    context.RegisterOperationBlock();
                    break;
                case ActionKind.OperationBlockEnd:
                    context.OperationBlockStart!.RegisterOperationBlockEndAction(static _ => { });
                    break;
                case ActionKind.CodeBlock:
                    context.RegisterCodeBlock();
                    break;
                case ActionKind.CodeBlockEnd:
                    context.CodeBlockStart!.RegisterCodeBlockEndAction(static _ => { });
                    break;
                case ActionKind.CompilationStart:
                    var compilationStart = (CompilationStartRegistration)registration;
                    context.Root!.RegisterCompilationStartAction(start =>
                    {
                        if (compilationStart.Latest is { } nested)
                        {
                            Mirror(nested, new Registrar(start));
                        }
                    });
                    break;
                case ActionKind.SymbolStart:
                    var symbolStart = (NestedStartRegistration)registration;
                    Action<SymbolStartAnalysisContext> onSymbol = start =>
                    {
                        if (symbolStart.PerOwner.TryGetValue(OwnerKey.Of(start.Symbol), out var nested))
                        {
                            Mirror(nested, new Registrar(start));
                        }
                    };
                    if (context.Root is { } r5)
                    {
                        r5.RegisterSymbolStartAction(onSymbol, registration.SymbolKinds[0]);
                    }
                    else
                    {
                        context.CompilationStart!.RegisterSymbolStartAction(onSymbol, registration.SymbolKinds[0]);
                    }

                    break;
                case ActionKind.OperationBlockStart:
                    var blockStart = (NestedStartRegistration)registration;
                    context.RegisterOperationBlockStart(start =>
                    {
                        if (blockStart.PerOwner.TryGetValue(OwnerKey.Of(start.OwningSymbol), out var nested))
                        {
                            Mirror(nested, new Registrar(start));
                        }
                    });
                    break;
                case ActionKind.CodeBlockStart:
                    var codeBlockStart = (NestedStartRegistration)registration;
                    context.RegisterCodeBlockStart(start =>
                    {
                        if (codeBlockStart.PerOwner.TryGetValue(OwnerKey.Of(start.OwningSymbol), out var nested))
                        {
                            Mirror(nested, new Registrar(start));
                        }
                    });
                    break;
            }
        }
    }

    /// <summary>Whichever context the floor is registering into; the kinds a context cannot take never occur there.</summary>
    private readonly struct Registrar
    {
        public Registrar(AnalysisContext root) => Root = root;

        public Registrar(CompilationStartAnalysisContext start) => CompilationStart = start;

        public Registrar(SymbolStartAnalysisContext start) => SymbolStart = start;

        public Registrar(OperationBlockStartAnalysisContext start) => OperationBlockStart = start;

        public Registrar(CodeBlockStartAnalysisContext<SyntaxKind> start) => CodeBlockStart = start;

        public AnalysisContext? Root { get; }

        public CompilationStartAnalysisContext? CompilationStart { get; }

        public SymbolStartAnalysisContext? SymbolStart { get; }

        public OperationBlockStartAnalysisContext? OperationBlockStart { get; }

        public CodeBlockStartAnalysisContext<SyntaxKind>? CodeBlockStart { get; }

        public void RegisterOperation(ImmutableArray<OperationKind> kinds)
        {
            Action<OperationAnalysisContext> empty = static _ => { };
            if (Root is not null) Root.RegisterOperationAction(empty, kinds);
            else if (CompilationStart is not null) CompilationStart.RegisterOperationAction(empty, kinds);
            else if (SymbolStart is not null) SymbolStart.RegisterOperationAction(empty, kinds);
            else OperationBlockStart!.RegisterOperationAction(empty, kinds);
        }

        public void RegisterSyntaxNode(ImmutableArray<SyntaxKind> kinds)
        {
            Action<SyntaxNodeAnalysisContext> empty = static _ => { };
            if (Root is not null) Root.RegisterSyntaxNodeAction(empty, kinds);
            else if (CompilationStart is not null) CompilationStart.RegisterSyntaxNodeAction(empty, kinds);
            else if (SymbolStart is not null) SymbolStart.RegisterSyntaxNodeAction(empty, kinds);
            else CodeBlockStart!.RegisterSyntaxNodeAction(empty, kinds);
        }

        public void RegisterOperationBlock()
        {
            Action<OperationBlockAnalysisContext> empty = static _ => { };
            if (Root is not null) Root.RegisterOperationBlockAction(empty);
            else if (CompilationStart is not null) CompilationStart.RegisterOperationBlockAction(empty);
            else SymbolStart!.RegisterOperationBlockAction(empty);
        }

        public void RegisterCodeBlock()
        {
            Action<CodeBlockAnalysisContext> empty = static _ => { };
            if (Root is not null) Root.RegisterCodeBlockAction(empty);
            else if (CompilationStart is not null) CompilationStart.RegisterCodeBlockAction(empty);
            else SymbolStart!.RegisterCodeBlockAction(empty);
        }

        public void RegisterOperationBlockStart(Action<OperationBlockStartAnalysisContext> action)
        {
            if (Root is not null) Root.RegisterOperationBlockStartAction(action);
            else if (CompilationStart is not null) CompilationStart.RegisterOperationBlockStartAction(action);
            else SymbolStart!.RegisterOperationBlockStartAction(action);
        }

        public void RegisterCodeBlockStart(Action<CodeBlockStartAnalysisContext<SyntaxKind>> action)
        {
            if (Root is not null) Root.RegisterCodeBlockStartAction(action);
            else if (CompilationStart is not null) CompilationStart.RegisterCodeBlockStartAction(action);
            else SymbolStart!.RegisterCodeBlockStartAction(action);
        }
    }
}
