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
/// A method used as any other delegate (<c>Action a = M;</c>) is reported without a fix: returning Task would break the conversion;
/// unless its whole body is a try whose catch-all swallows every exception (a guarded timer or thread callback).
/// </summary>
/// <remarks>
/// Cost: a type with no async void method registers nothing (and neither do its nested types); only types that have one
/// collect the delegate uses of their methods and report at symbol end. Local functions are checked where they are declared.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
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

            var analysis = new CompilationAnalysis(new AsyncVoidSymbols(common));
            start.RegisterOperationAction(analysis.AnalyzeLocalFunction, OperationKind.LocalFunction);
            start.RegisterSymbolStartAction(analysis.StartType, SymbolKind.NamedType);
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

    private sealed class CompilationAnalysis
    {
        private readonly AsyncVoidSymbols symbols;

        /// <summary>
        /// Delegate uses of the async void methods of types being analyzed, recorded from the method's own top-level type
        /// (its code and its nested types' code). A type's symbol-end action runs after its nested types' members are
        /// analyzed, so a private method subscribed from a nested class is known when the outer type reports. What other
        /// types do is not seen in a deterministic order; the fix checks the whole solution before changing a signature.
        /// </summary>
        private readonly ConcurrentDictionary<IMethodSymbol, DelegateUse> delegateUses = new(SymbolEqualityComparer.Default);

        public CompilationAnalysis(AsyncVoidSymbols symbols)
        {
            this.symbols = symbols;
        }

        public void StartType(SymbolStartAnalysisContext context)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var candidates = Candidates(type);
            var watched = !candidates.IsEmpty;
            for (var container = type.ContainingType; !watched && container is not null; container = container.ContainingType)
            {
                watched = !Candidates(container).IsEmpty;
            }

            if (!watched)
            {
                return;
            }

            context.RegisterOperationAction(AnalyzeMethodReference, OperationKind.MethodReference);
            if (!candidates.IsEmpty)
            {
                context.RegisterSymbolEndAction(end =>
                {
                    foreach (var method in candidates)
                    {
                        Report(end.ReportDiagnostic, method, method.Locations[0], "method");
                    }
                });
            }
        }

        /// <summary>The async void methods of the type that are not excused by their shape or by an imposed signature.</summary>
        private ImmutableArray<IMethodSymbol> Candidates(INamedTypeSymbol type)
        {
            ImmutableArray<IMethodSymbol>.Builder? builder = null;
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol { IsAsync: true, ReturnsVoid: true, MethodKind: MethodKind.Ordinary, IsImplicitlyDeclared: false } method
                    && method.Locations.Length > 0
                    && method.Locations[0].IsInSource
                    && !symbols.HasEventHandlerShape(method)
                    && !AsyncVoidSymbols.IsUnityMessage(method)
                    && !IsSignatureImposed(method))
                {
                    builder ??= ImmutableArray.CreateBuilder<IMethodSymbol>();
                    builder.Add(method);
                }
            }

            return builder?.ToImmutable() ?? ImmutableArray<IMethodSymbol>.Empty;
        }

        private void AnalyzeMethodReference(OperationAnalysisContext context)
        {
            var reference = (IMethodReferenceOperation)context.Operation;
            var method = reference.Method;
            if (!method.IsAsync || !method.ReturnsVoid || method.MethodKind != MethodKind.Ordinary
                || reference.Parent is not IDelegateCreationOperation creation
                || !SymbolExtensions.Is(TopLevel(method.ContainingType)?.OriginalDefinition, TopLevel(context.ContainingSymbol.ContainingType)?.OriginalDefinition))
            {
                return;
            }

            var use = UseOf(creation);
            delegateUses.AddOrUpdate(method.OriginalDefinition, use, (_, existing) => existing == DelegateUse.EventHandler ? existing : use);
        }

        public void AnalyzeLocalFunction(OperationAnalysisContext context)
        {
            var localFunction = (ILocalFunctionOperation)context.Operation;
            var method = localFunction.Symbol;
            if (!method.IsAsync || !method.ReturnsVoid
                || localFunction.Syntax is not LocalFunctionStatementSyntax syntax
                || symbols.HasEventHandlerShape(method))
            {
                return;
            }

            // A local function is only referenced inside the member that declares it: look there for delegate uses.
            var root = (IOperation)localFunction;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            DelegateUse? strongest = null;
            foreach (var operation in root.Descendants())
            {
                if (operation is IMethodReferenceOperation reference
                    && reference.Method.OriginalDefinition.Is(method)
                    && reference.Parent is IDelegateCreationOperation creation)
                {
                    var use = UseOf(creation);
                    strongest = strongest == DelegateUse.EventHandler ? strongest : use;
                }
            }

            if (strongest == DelegateUse.EventHandler
                || (strongest == DelegateUse.OtherDelegate && AsyncVoidSymbols.IsFullyGuarded(syntax)))
            {
                return;
            }

            Report(context.ReportDiagnostic, method, syntax.Identifier.GetLocation(), "local function", strongest);
        }

        private void Report(System.Action<Diagnostic> report, IMethodSymbol method, Location location, string kind)
        {
            DelegateUse? use = delegateUses.TryGetValue(method, out var recorded) ? recorded : null;
            if (use == DelegateUse.EventHandler
                || (use == DelegateUse.OtherDelegate && IsFullyGuarded(method)))
            {
                return;
            }

            Report(report, method, location, kind, use);
        }

        private static void Report(System.Action<Diagnostic> report, IMethodSymbol method, Location location, string kind, DelegateUse? use)
        {
            var properties = DiagnosticProperties.Empty;
            if (use == DelegateUse.OtherDelegate)
            {
                properties = properties.Add(DiagnosticProperties.NoFix, "used as a void-returning delegate");
            }
            else if (method.IsVirtual)
            {
                properties = properties.Add(DiagnosticProperties.NoFix, "overrides would no longer match");
            }

            report(Diagnostic.Create(DiagnosticDescriptors.ASYNC203, location, properties, kind, method.Name));
        }

        /// <summary>An event subscription, an event-handler delegate or a command handler (<c>new RelayCommand(Save)</c>) is an event handler.</summary>
        private DelegateUse UseOf(IDelegateCreationOperation creation)
        {
            if (symbols.IsEventHandlerDelegate(creation.Type))
            {
                return DelegateUse.EventHandler;
            }

            var parent = creation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent switch
            {
                IEventAssignmentOperation => DelegateUse.EventHandler,
                IArgumentOperation { Parent: IObjectCreationOperation or IInvocationOperation } argument when symbols.IsCommand(argument.Parent!.Type)
                    => DelegateUse.EventHandler,
                _ => DelegateUse.OtherDelegate,
            };
        }

        /// <summary>A callback (<c>new Timer(OnTick)</c>) whose whole body is guarded by a catch-all: deliberate fire-and-forget.</summary>
        private static bool IsFullyGuarded(IMethodSymbol method)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (AsyncVoidSymbols.IsFullyGuarded(reference.GetSyntax()))
                {
                    return true;
                }
            }

            return false;
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
    }
}
