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
            operand = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(
                    SyntaxKind.SimpleMemberAccessExpression,
                    Parenthesize(operand),
                    SyntaxFactory.IdentifierName("ConfigureAwait")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(
                    SyntaxFactory.Argument(SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression)))));
        }

        var awaited = SyntaxFactory.AwaitExpression(operand.WithoutTrivia());
        return SyntaxFactory.ParenthesizedExpression(awaited)
            .WithAdditionalAnnotations(Simplifier.Annotation, Formatter.Annotation);
    }

    /// <summary>A fully qualified type name that the simplifier shortens (and imports) where it can.</summary>
    public static TypeSyntax QualifiedType(string fullName)
        => SyntaxFactory.ParseTypeName("global::" + fullName)
            .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

    /// <summary>
    /// Adds the usings that nodes built with <see cref="QualifiedType"/> need, so that the simplifier can then
    /// shorten them (<c>Task.Delay</c> rather than <c>System.Threading.Tasks.Task.Delay</c>).
    /// </summary>
    public static Task<Document> AddImportsAsync(Document document, CancellationToken cancellationToken)
        => ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, null, cancellationToken);

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
