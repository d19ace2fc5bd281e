using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// ASYNC203: an <c>async void</c> method or local function that is not an event handler.
/// Silent for event-handler shapes, methods subscribed to an event or converted to an event-handler delegate,
/// overrides, interface implementations, partial methods (their signature is not theirs to change) and Unity messages
/// (<c>async void Start()</c> on a MonoBehaviour: the engine calls it by name, like an event).
/// A method used as any other delegate (<c>Action a = M;</c>) is reported without a fix: returning Task would break the conversion.
/// </summary>
[DiagnosticAnalyzer(Microsoft.CodeAnalysis.LanguageNames.CSharp)]
public sealed class ASYNC203AsyncVoidMethodAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ASYNC203);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(static start =>
        {
            var common = AsyncSymbols.TryCreate(start.Compilation);
            if (common is null)
            {
                return;
            }

            var symbols = new AsyncVoidSymbols(common);
            var delegateUses = new ConcurrentDictionary<IMethodSymbol, DelegateUse>(SymbolEqualityComparer.Default);
            start.RegisterSymbolStartAction(
                symbolStart =>
                {
                    // A type's symbol-end action runs after its nested types are analyzed, so the delegate uses recorded
                    // by a nested type (a private method subscribed from a nested class) are known when the outer type reports.
                    // Only uses inside the method's own top-level type are recorded: what other types do is not seen
                    // in a deterministic order, and the fix checks the whole solution before changing a signature.
                    var analysis = new TypeAnalysis(symbols, (INamedTypeSymbol)symbolStart.Symbol, delegateUses);
                    symbolStart.RegisterOperationAction(analysis.AnalyzeMethodReference, OperationKind.MethodReference);
                    symbolStart.RegisterOperationAction(analysis.AnalyzeLocalFunction, OperationKind.LocalFunction);
                    symbolStart.RegisterSymbolEndAction(analysis.Report);
                },
                SymbolKind.NamedType);
        });
    }

    /// <summary>How an async void method is used as a delegate.</summary>
    private enum DelegateUse
    {
        /// <summary>Subscribed to an event or converted to an event-handler delegate: a real event handler.</summary>
        EventHandler,

        /// <summary>Converted to another void-returning delegate: reported, but Task cannot be returned without breaking it.</summary>
        OtherDelegate,
    }

    /// <summary>Per-type state: async void local functions seen and the delegate uses of async void methods.</summary>
    private sealed class TypeAnalysis
    {
        private readonly AsyncVoidSymbols symbols;
        private readonly INamedTypeSymbol type;
        private readonly ConcurrentDictionary<IMethodSymbol, DelegateUse> delegateUses;
        private readonly ConcurrentDictionary<IMethodSymbol, SyntaxToken> localFunctions = new(SymbolEqualityComparer.Default);

        public TypeAnalysis(AsyncVoidSymbols symbols, INamedTypeSymbol type, ConcurrentDictionary<IMethodSymbol, DelegateUse> delegateUses)
        {
            this.symbols = symbols;
            this.type = type;
            this.delegateUses = delegateUses;
        }

        public void AnalyzeMethodReference(OperationAnalysisContext context)
        {
            var reference = (IMethodReferenceOperation)context.Operation;
            var method = reference.Method;
            if (!method.IsAsync || !method.ReturnsVoid)
            {
                return;
            }

            if (reference.Parent is not IDelegateCreationOperation creation
                || !TopLevel(method.ContainingType).Is(TopLevel(type)))
            {
                return;
            }

            var use = symbols.IsEventHandlerDelegate(creation.Type) || IsEventSubscription(creation)
                ? DelegateUse.EventHandler
                : DelegateUse.OtherDelegate;
            delegateUses.AddOrUpdate(method.OriginalDefinition, use, (_, existing) => existing == DelegateUse.EventHandler ? existing : use);
        }

        public void AnalyzeLocalFunction(OperationAnalysisContext context)
        {
            var localFunction = (ILocalFunctionOperation)context.Operation;
            var method = localFunction.Symbol;
            if (method.IsAsync && method.ReturnsVoid
                && method.ContainingType.Is(type)
                && localFunction.Syntax is LocalFunctionStatementSyntax syntax)
            {
                localFunctions.TryAdd(method, syntax.Identifier);
            }
        }

        public void Report(SymbolAnalysisContext context)
        {
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsAsync: true, ReturnsVoid: true, MethodKind: MethodKind.Ordinary, IsImplicitlyDeclared: false } method
                    && !IsSignatureImposed(method)
                    && !symbols.HasEventHandlerShape(method)
                    && !AsyncVoidSymbols.IsUnityMessage(method)
                    && method.Locations.Length > 0
                    && method.Locations[0].IsInSource)
                {
                    ReportIfNotHandler(context, method, method.Locations[0], "method");
                }
            }

            foreach (var pair in localFunctions)
            {
                if (!symbols.HasEventHandlerShape(pair.Key))
                {
                    ReportIfNotHandler(context, pair.Key, pair.Value.GetLocation(), "local function");
                }
            }
        }

        private void ReportIfNotHandler(SymbolAnalysisContext context, IMethodSymbol method, Location location, string kind)
        {
            var properties = DiagnosticProperties.Empty;
            if (delegateUses.TryGetValue(method, out var use))
            {
                if (use == DelegateUse.EventHandler)
                {
                    return;
                }

                properties = properties.Add(DiagnosticProperties.NoFix, "used as a void-returning delegate");
            }
            else if (method.IsVirtual)
            {
                properties = properties.Add(DiagnosticProperties.NoFix, "overrides would no longer match");
            }

            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ASYNC203, location, properties, kind, method.Name));
        }

        /// <summary>Overrides, interface implementations and partial methods cannot choose their return type.</summary>
        private static bool IsSignatureImposed(IMethodSymbol method)
        {
            if (method.IsOverride || method.ExplicitInterfaceImplementations.Length > 0
                || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null)
            {
                return true;
            }

            var containingType = method.ContainingType;
            if (containingType is null)
            {
                return false;
            }

            foreach (var @interface in containingType.AllInterfaces)
            {
                foreach (var candidate in @interface.GetMembers(method.Name))
                {
                    if (containingType.FindImplementationForInterfaceMember(candidate) is { } implementation
                        && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static INamedTypeSymbol? TopLevel(INamedTypeSymbol? type)
        {
            while (type?.ContainingType is not null)
            {
                type = type.ContainingType;
            }

            return type;
        }

        private static bool IsEventSubscription(IOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent is IEventAssignmentOperation;
        }
    }
}
