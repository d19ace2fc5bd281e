using AsyncLint.Analyzers;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.CodeFixes.Unobserved;

/// <summary>What the ASYNC201/ASYNC202 (and CS4014) fixes need to know about the place they rewrite.</summary>
internal static class DroppedTaskFixSyntax
{
    /// <summary>
    /// True where an <c>await</c> may be written without changing a signature: inside an async method, async local
    /// function, async lambda or top-level statements, and not inside a lock body, unsafe block or query clause.
    /// </summary>
    public static bool CanAwaitAt(SyntaxNode node)
        => IsInAsyncFunction(node) && !AsyncContext.IsAwaitForbiddenAt(node);

    /// <summary>
    /// <see cref="CanAwaitAt(SyntaxNode)"/>, and no ref-struct or ref local would live across the new await
    /// (the compiler rejects that only when it lowers the method, so the fixed code would look fine and not build).
    /// </summary>
    public static bool CanAwaitAt(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken)
        => CanAwaitAt(node)
           && (model.GetOperation(node, cancellationToken) is not { } operation || AwaitPosition.WhyAwaitIsForbidden(operation) is null);

    private static bool IsInAsyncFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax function:
                    return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax localFunction:
                    return localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case GlobalStatementSyntax:
                    return true;
                case MemberDeclarationSyntax:
                case AccessorDeclarationSyntax:
                    return false;
            }
        }

        return false;
    }
}
