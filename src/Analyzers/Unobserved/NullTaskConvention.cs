using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// The "null task" convention of older dual sync/async code (SqlClient's TDS writers): a project method declared to return
/// <c>Task</c> returns <c>null</c> when the work completed synchronously or was queued for the caller's object to flush
/// and observe later. Such a task cannot be awaited blindly anyway (<c>await null</c> throws), and a caller that drops it
/// follows the method's contract. Read from syntax: <c>return null;</c>, <c>return task;</c> of a local declared
/// <c>= null</c>, or a return that forwards to an overload of the same type written that way. Cached per method.
/// </summary>
internal sealed class NullTaskConvention
{
    private const int MaxForwarding = 3;

    private readonly ConcurrentDictionary<IMethodSymbol, bool> cache = new(SymbolEqualityComparer.Default);

    public bool MayReturnNull(IMethodSymbol method) => MayReturnNull(method.OriginalDefinition, MaxForwarding);

    private bool MayReturnNull(IMethodSymbol method, int depth)
    {
        if (method.IsAsync || method.ReturnType.IsValueType || method.DeclaringSyntaxReferences.IsEmpty)
        {
            return false;
        }

        if (cache.TryGetValue(method, out var known))
        {
            return known;
        }

        var result = false;
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            if (reference.GetSyntax() is BaseMethodDeclarationSyntax declaration && ReturnsNull(declaration, method, depth))
            {
                result = true;
                break;
            }
        }

        // Only answers computed with the full forwarding budget are kept.
        if (depth == MaxForwarding)
        {
            cache[method] = result;
        }

        return result;
    }

    private bool ReturnsNull(BaseMethodDeclarationSyntax declaration, IMethodSymbol method, int depth)
    {
        if (declaration.ExpressionBody is { } arrow)
        {
            return IsNullTask(arrow.Expression, declaration, method, depth);
        }

        if (declaration.Body is not { } body)
        {
            return false;
        }

        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax { Expression: { } returned } && IsNullTask(returned, declaration, method, depth))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsNullTask(ExpressionSyntax returned, BaseMethodDeclarationSyntax declaration, IMethodSymbol method, int depth)
    {
        while (returned is ParenthesizedExpressionSyntax parenthesized)
        {
            returned = parenthesized.Expression;
        }

        switch (returned)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NullLiteralExpression):
                return true;

            case ConditionalExpressionSyntax conditional:
                return IsNullTask(conditional.WhenTrue, declaration, method, depth) || IsNullTask(conditional.WhenFalse, declaration, method, depth);

            case IdentifierNameSyntax local:
                return IsLocalDeclaredNull(local.Identifier.ValueText, declaration);

            case InvocationExpressionSyntax { Expression: IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } } call
                when depth > 0:
                var name = call.Expression is IdentifierNameSyntax identifier ? identifier.Identifier.ValueText
                    : ((MemberAccessExpressionSyntax)call.Expression).Name.Identifier.ValueText;
                foreach (var member in method.ContainingType.GetMembers(name))
                {
                    if (member is IMethodSymbol overload && !SymbolEqualityComparer.Default.Equals(overload, method)
                        && MayReturnNull(overload, depth - 1))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return false;
        }
    }

    private static bool IsLocalDeclaredNull(string name, BaseMethodDeclarationSyntax declaration)
    {
        foreach (var node in declaration.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is VariableDeclaratorSyntax { Initializer.Value: LiteralExpressionSyntax value } declarator
                && declarator.Identifier.ValueText == name
                && value.IsKind(SyntaxKind.NullLiteralExpression))
            {
                return true;
            }
        }

        return false;
    }
}
