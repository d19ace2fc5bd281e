using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;

namespace AsyncLint.CodeFixes.Unobserved;

/// <summary>
/// ASYNC203: <c>async void M()</c> → <c>async Task M()</c>, and <c>M();</c> → <c>await M();</c> at the call sites of the same
/// document that are in an async function. Calls from synchronous code stay as they are (they still compile: the task is
/// dropped, as before). Not offered when the method is used as a delegate anywhere in the solution (returning Task would
/// break the conversion) or is virtual (its overrides would no longer match).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC203AsyncVoidMethodCodeFix)), Shared]
public sealed class ASYNC203AsyncVoidMethodCodeFix : CodeFixProvider
{
    private const string Title = "Return 'Task' instead of 'void'";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncVoidMethod);

    public override FixAllProvider GetFixAllProvider()
        => FixAllProvider.Create((context, document, diagnostics) => FixDocumentAsync(document, diagnostics, context.CancellationToken));

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
                || await FindFixableAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    Title,
                    ct => FixDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct)!,
                    equivalenceKey: nameof(ASYNC203AsyncVoidMethodCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document?> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var targets = new Dictionary<IMethodSymbol, SyntaxNode>(SymbolEqualityComparer.Default);
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
                && await FindFixableAsync(document, diagnostic, cancellationToken).ConfigureAwait(false) is { } target)
            {
                targets[target.Symbol] = target.Declaration;
            }
        }

        if (targets.Count == 0)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var model = editor.SemanticModel;
        foreach (var declaration in targets.Values)
        {
            var returnType = MakeAsync.ReturnType(declaration)!;
            editor.ReplaceNode(returnType, AwaitSyntax.QualifiedType("System.Threading.Tasks.Task").WithTriviaFrom(returnType));
        }

        foreach (var invocation in editor.OriginalRoot.DescendantNodes().OfType<InvocationExpressionSyntax>())
        {
            if (!IsAwaitableCallSite(invocation, out var function)
                || model.GetSymbolInfo(invocation, cancellationToken).Symbol is not IMethodSymbol called
                || !targets.ContainsKey((called.ReducedFrom ?? called).OriginalDefinition))
            {
                // An extension method called as x.M() binds to its reduced form: compare its declaration.
                continue;
            }

            // The caller is async already, or is one of the async void methods being fixed (async either way).
            if (!MakeAsync.IsAsync(function!)
                || AsyncContext.IsAwaitForbiddenAt(invocation)
                || model.GetOperation(invocation, cancellationToken) is { } callOperation && AwaitPosition.WhyAwaitIsForbidden(callOperation) is not null)
            {
                continue;
            }

            editor.ReplaceNode(invocation, AwaitSyntax.Await(invocation, invocation).WithTriviaFrom(invocation));
        }

        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A call whose value is unused (a statement, or the expression body of a function): awaiting it changes no type.</summary>
    private static bool IsAwaitableCallSite(InvocationExpressionSyntax invocation, out SyntaxNode? function)
    {
        function = MakeAsync.EnclosingFunction(invocation);
        return function is not null
            && (invocation.Parent is ExpressionStatementSyntax
                || (invocation.Parent is ArrowExpressionClauseSyntax arrow && arrow.Parent == function)
                || (function is AnonymousFunctionExpressionSyntax lambda && lambda.ExpressionBody == invocation));
    }

    private readonly struct Target
    {
        public Target(IMethodSymbol symbol, SyntaxNode declaration)
        {
            Symbol = symbol;
            Declaration = declaration;
        }

        public IMethodSymbol Symbol { get; }

        public SyntaxNode Declaration { get; }
    }

    /// <summary>The method or local function of the diagnostic, when its return type can become Task without breaking a delegate use.</summary>
    private static async Task<Target?> FindFixableAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return null;
        }

        var declaration = root.FindToken(diagnostic.Location.SourceSpan.Start).Parent;
        if (declaration is not (MethodDeclarationSyntax or LocalFunctionStatementSyntax)
            || MakeAsync.ReturnType(declaration) is not PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }
            || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol symbol)
        {
            return null;
        }

        // A method that others can see may be used as a delegate elsewhere: check every reference in the solution.
        if (symbol.MethodKind != MethodKind.LocalFunction && symbol.DeclaredAccessibility != Accessibility.Private)
        {
            var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var reference in references)
            {
                foreach (var location in reference.Locations)
                {
                    var referenceRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    var node = referenceRoot?.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (node is null || !IsInvoked(node))
                    {
                        return null;
                    }
                }
            }
        }

        return new Target(symbol.OriginalDefinition, declaration);
    }

    /// <summary>The name is the target of a call (<c>M()</c>, <c>x.M()</c>, <c>x?.M()</c>), or inside <c>nameof</c>.</summary>
    private static bool IsInvoked(SyntaxNode name)
    {
        var expression = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member
            : name.Parent is MemberBindingExpressionSyntax binding && binding.Name == name ? (ExpressionSyntax)binding
            : name as ExpressionSyntax;
        if (expression?.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression)
        {
            return true;
        }

        return name.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().Any(static i => i.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" });
    }
}
