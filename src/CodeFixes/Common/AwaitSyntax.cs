using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLint.CodeFixes;

/// <summary>Small helpers every fix that writes an <c>await</c> shares.</summary>
internal static class AwaitSyntax
{
    /// <summary>
    /// <c>await operand</c> (with <c>.ConfigureAwait(false)</c> when the surrounding function already uses it),
    /// parenthesized and annotated so the simplifier drops the parentheses where precedence allows.
    /// Pass <paramref name="operandHasConfigureAwait"/> false for awaitables without ConfigureAwait (Task.Yield()).
    /// </summary>
    public static ExpressionSyntax Await(ExpressionSyntax operand, SyntaxNode context, bool operandHasConfigureAwait = true)
    {
        if (operandHasConfigureAwait && UsesConfigureAwaitFalse(context))
        {
            operand = ConfigureAwaitFalse(operand);
        }

        var awaited = SyntaxFactory.AwaitExpression(operand.WithoutTrivia());
        return SyntaxFactory.ParenthesizedExpression(awaited)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
    }

    /// <summary><c>operand.ConfigureAwait(false)</c>, parenthesizing the operand where precedence needs it.</summary>
    public static InvocationExpressionSyntax ConfigureAwaitFalse(ExpressionSyntax operand)
        => SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                Parenthesize(operand),
                SyntaxFactory.IdentifierName("ConfigureAwait")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));

    /// <summary>
    /// The type's simple name where it already binds to that type at <paramref name="position"/> (usings,
    /// global usings), else <see cref="QualifiedType"/>. Prefer this: the import machinery that the
    /// qualified form triggers rewrites a file's leading trivia even when it adds nothing.
    /// </summary>
    public static TypeSyntax TypeName(SemanticModel model, int position, string fullName)
    {
        var simpleName = fullName.Substring(fullName.LastIndexOf('.') + 1);
        foreach (var found in model.LookupNamespacesAndTypes(position, name: simpleName))
        {
            // Task and Task<TResult> share the simple name; the non-generic one must be the Task we mean.
            if (found is INamedTypeSymbol { Arity: 0 } type)
            {
                return type.ToDisplayString() == fullName ? SyntaxFactory.IdentifierName(simpleName) : QualifiedType(fullName);
            }
        }

        return QualifiedType(fullName);
    }

    /// <summary>A fully qualified type name that the simplifier shortens (and imports) where it can.</summary>
    public static TypeSyntax QualifiedType(string fullName)
        => SyntaxFactory.ParseTypeName("global::" + fullName)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// Adds the usings that nodes built with <see cref="QualifiedType"/> need, so that the simplifier can then
    /// shorten them (<c>Task.Delay</c> rather than <c>System.Threading.Tasks.Task.Delay</c>).
    /// </summary>
    public static async Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || !root.HasAnnotation(Simplifier.AddImportsAnnotation) && !root.GetAnnotatedNodes(Simplifier.AddImportsAnnotation).Any())
        {
            return document;
        }

        var withImports = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, null, cancellationToken).ConfigureAwait(false);

        // Where every name is already imported (global usings, say) the import adder still touches the
        // file's leading trivia; keep the document as it was then.
        var before = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var after = await withImports.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        return before is not null && after is not null && CountUsings(before) == CountUsings(after) ? document : withImports;
    }

    private static int CountUsings(SyntaxNode root)
        => root.DescendantNodes(static n => n is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>().Count();

    /// <summary>
    /// True when the function that contains <paramref name="node"/> already awaits with
    /// <c>ConfigureAwait(false)</c>: library code that has chosen it keeps it on the awaits we add.
    /// </summary>
    public static bool UsesConfigureAwaitFalse(SyntaxNode node)
    {
        var function = node.AncestorsAndSelf().FirstOrDefault(static n =>
            n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax
              or AccessorDeclarationSyntax or CompilationUnitSyntax);
        if (function is null)
        {
            return false;
        }

        foreach (var awaitExpression in function.DescendantNodes().OfType<AwaitExpressionSyntax>())
        {
            if (awaitExpression.Expression is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" },
                    ArgumentList.Arguments: { Count: 1 } arguments,
                } && arguments[0].Expression.IsKind(SyntaxKind.FalseLiteralExpression))
            {
                return true;
            }
        }

        return false;
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax expression)
        => expression is IdentifierNameSyntax or InvocationExpressionSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax
            ? expression
            : SyntaxFactory.ParenthesizedExpression(expression).WithAdditionalAnnotations(Simplifier.Annotation);
}
