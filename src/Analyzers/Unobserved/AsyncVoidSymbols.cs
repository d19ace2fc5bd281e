using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// The types ASYNC203–ASYNC205 need beyond <see cref="AsyncSymbols"/>, resolved once per compilation at compilation start,
/// and the event-handler shape both async-void rules share.
/// </summary>
internal sealed class AsyncVoidSymbols
{
    public AsyncVoidSymbols(AsyncSymbols symbols)
    {
        Common = symbols;
        EventArgs = symbols.Type("System.EventArgs");
        ListOfT = symbols.Type("System.Collections.Generic.List`1");
        IEnumerableOfT = symbols.Type("System.Collections.Generic.IEnumerable`1");
        Parallel = symbols.Type("System.Threading.Tasks.Parallel");
        ParallelOptions = symbols.Type("System.Threading.Tasks.ParallelOptions");
        ICommand = symbols.Type("System.Windows.Input.ICommand");
        // A member-name set, not the members: Parallel's member symbols are built only if a project uses it.
        HasParallelForEachAsync = Parallel is not null && Parallel.MemberNames.Contains("ForEachAsync");
        isTestProject = new System.Lazy<bool>(() => TestMethods.IsTestProject(symbols));
    }

    private readonly System.Lazy<bool> isTestProject;

    public AsyncSymbols Common { get; }

    public INamedTypeSymbol? EventArgs { get; }

    public INamedTypeSymbol? ListOfT { get; }

    public INamedTypeSymbol? IEnumerableOfT { get; }

    public INamedTypeSymbol? Parallel { get; }

    public INamedTypeSymbol? ParallelOptions { get; }

    /// <summary>System.Windows.Input.ICommand: a command's Execute runs in response to user input, like an event handler.</summary>
    public INamedTypeSymbol? ICommand { get; }

    /// <summary>.NET 6+: <c>Parallel.ForEachAsync</c> exists, so <c>Parallel.ForEach(async ...)</c> has a fix.</summary>
    public bool HasParallelForEachAsync { get; }

    /// <summary>The compilation references a test framework (asked only when an async void method is about to be reported).</summary>
    public bool IsTestProject => isTestProject.Value;

    /// <summary>
    /// <c>OnCompleted</c>/<c>UnsafeOnCompleted</c> of the awaiter protocol: the method implements a member of
    /// <c>INotifyCompletion</c>, <c>ICriticalNotifyCompletion</c>, <c>IValueTaskSource</c> or <c>IValueTaskSource&lt;T&gt;</c>,
    /// explicitly or implicitly. Those contracts return void and are handed the awaiting method's continuation, which the
    /// compiler's state machine runs without throwing (its exceptions go to that method's own task).
    /// </summary>
    public static bool ImplementsAwaiterProtocol(IMethodSymbol method)
    {
        if (method.Name is not ("OnCompleted" or "UnsafeOnCompleted") && method.ExplicitInterfaceImplementations.IsEmpty)
        {
            return false;
        }

        foreach (var implemented in method.ExplicitInterfaceImplementations)
        {
            if (IsAwaiterContract(implemented.ContainingType))
            {
                return true;
            }
        }

        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        foreach (var contract in type.AllInterfaces)
        {
            if (!IsAwaiterContract(contract))
            {
                continue;
            }

            foreach (var member in contract.GetMembers(method.Name))
            {
                if (type.FindImplementationForInterfaceMember(member) is { } implementation
                    && SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsAwaiterContract(INamedTypeSymbol? contract) => contract switch
    {
        { TypeKind: TypeKind.Interface, Name: "INotifyCompletion" or "ICriticalNotifyCompletion" } => contract.ContainingNamespace.IsNamespace("System.Runtime.CompilerServices"),
        { TypeKind: TypeKind.Interface, Name: "IValueTaskSource" } => contract.ContainingNamespace.IsNamespace("System.Threading.Tasks.Sources"),
        _ => false,
    };

    /// <summary>
    /// The parameter list of an event handler: <c>(object sender, XxxEventArgs e)</c>, generously — any parameter whose
    /// type derives from System.EventArgs or is named like an event-args type (WinUI/UWP's RoutedEventArgs does not
    /// derive from System.EventArgs), or the two-parameter <c>(object sender, T e)</c> convention.
    /// </summary>
    public bool HasEventHandlerShape(IMethodSymbol method)
    {
        var parameters = method.Parameters;
        foreach (var parameter in parameters)
        {
            if (IsEventArgs(parameter.Type))
            {
                return true;
            }
        }

        return parameters.Length == 2
            && parameters[0].Type.SpecialType == SpecialType.System_Object
            && parameters[0].Name.IndexOf("sender", System.StringComparison.OrdinalIgnoreCase) >= 0;
    }

    /// <summary>
    /// A delegate type that event handlers are written for: its name ends in "EventHandler" or "Handler"
    /// (EventHandler, EventHandler&lt;T&gt;, RoutedEventHandler, PropertyChangedEventHandler...) or its Invoke
    /// has the event-handler shape.
    /// </summary>
    public bool IsEventHandlerDelegate(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate } named)
        {
            return false;
        }

        if (named.Name.EndsWith("Handler", System.StringComparison.Ordinal))
        {
            return true;
        }

        return named.DelegateInvokeMethod is { } invoke && HasEventHandlerShape(invoke);
    }

    /// <summary>
    /// True for a command type (<c>RelayCommand</c>, <c>DelegateCommand</c>, MAUI's <c>Command</c>, ReactiveUI's
    /// <c>ReactiveCommand</c>...): it implements ICommand, whose Execute the UI calls when the user acts, exactly like an
    /// event handler. <c>new RelayCommand(async () => ...)</c> is the MVVM form of <c>async void OnClick</c>.
    /// </summary>
    public bool IsCommand(ITypeSymbol? type)
        => ICommand is not null && type is not null && type.TypeKind != TypeKind.Error && type.IsOrImplements(ICommand);

    /// <summary>
    /// <c>context.Post(callback, state)</c> (or <c>Send</c>) on a <c>SynchronizationContext</c> subclass declared in this
    /// project: the <c>AsyncHelpers.RunSync</c> pattern, whose message loop runs the async void callback with itself as the
    /// current context. An exception escaping the callback is posted back to that same context, which the project wrote
    /// to receive it (and rethrow it to the caller), like an event handler's dispatcher.
    /// </summary>
    public static bool IsPostToOwnSynchronizationContext(IInvocationOperation invocation)
    {
        if (invocation.TargetMethod.Name is not ("Post" or "Send")
            || invocation.Instance?.Type is not INamedTypeSymbol { TypeKind: TypeKind.Class } type
            || !IsInSource(type))
        {
            return false;
        }

        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.Name == "SynchronizationContext"
                && current.ContainingNamespace.IsNamespace("System.Threading"))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInSource(ISymbol symbol)
    {
        foreach (var location in symbol.Locations)
        {
            if (location.IsInSource)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A Unity message (<c>Start</c>, <c>Awake</c>, <c>Update</c>, <c>OnEnable</c>, <c>OnTriggerEnter</c>, ...) of a MonoBehaviour:
    /// the engine calls it by name and ignores what it returns, so <c>async void Start()</c> is Unity's event handler.
    /// </summary>
    public static bool IsUnityMessage(IMethodSymbol method)
    {
        var name = method.Name;
        if (name is not ("Start" or "Awake" or "Update" or "LateUpdate" or "FixedUpdate" or "Reset")
            && !(name.Length > 2 && name.StartsWith("On", System.StringComparison.Ordinal) && char.IsUpper(name[2])))
        {
            return false;
        }

        for (var type = method.ContainingType?.BaseType; type is not null; type = type.BaseType)
        {
            if (type.Name is "MonoBehaviour" or "ScriptableObject"
                && type.ContainingNamespace is { Name: "UnityEngine", ContainingNamespace.IsGlobalNamespace: true })
            {
                return true;
            }
        }

        return false;
    }

    private bool IsEventArgs(ITypeSymbol type)
    {
        if (type.TypeKind == TypeKind.Error)
        {
            return false;
        }

        if (EventArgs is not null && type.InheritsFromOrEquals(EventArgs))
        {
            return true;
        }

        return type.Name.EndsWith("EventArgs", System.StringComparison.Ordinal);
    }
}
