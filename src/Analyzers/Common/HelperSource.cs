using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

/// <summary>
/// Reading a small helper of the project from its source: what a one-value helper returns, and whether a type named in
/// source is Task or ValueTask. Shared by the rules that look one step into the code they are given (in-memory streams,
/// ambient scopes, shim twins, error-task helpers).
/// </summary>
internal static class HelperSource
{
    /// <summary><c>Task</c>, <c>ValueTask&lt;T&gt;</c>, <c>System.Threading.Tasks.Task</c>, as written in source.</summary>
    public static bool IsTaskTypeName(ExpressionSyntax type)
        => RightmostName(type) is "Task" or "ValueTask";

    /// <summary>
    /// The value a helper declared in the same file returns, bound: its expression body, or the <c>return</c> that ends a
    /// body with no other return. Null for anything else, and for helpers of other files (no semantic model is built here).
    /// </summary>
    public static IOperation? ReturnedOperation(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (call.SemanticModel is not { } model
            || method.DeclaringSyntaxReferences.Length != 1
            || method.DeclaringSyntaxReferences[0].SyntaxTree != model.SyntaxTree
            || method.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax declaration)
        {
            return null;
        }

        var returned = declaration.ExpressionBody?.Expression
                       ?? (declaration.Body is { Statements.Count: > 0 } body
                           && body.Statements[body.Statements.Count - 1] is ReturnStatementSyntax { Expression: { } last }
                           && CountReturns(body) == 1 ? last : null);
        return returned is null ? null : model.GetOperation(WithoutSuppression(returned));
    }

    /// <summary><c>x!</c> binds to no operation of its own: the operand does.</summary>
    public static ExpressionSyntax WithoutSuppression(ExpressionSyntax expression)
    {
        while (expression is PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed)
        {
            expression = suppressed.Operand;
        }

        return expression;
    }

    private static int CountReturns(SyntaxNode body)
    {
        var count = 0;
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is ReturnStatementSyntax)
            {
                count++;
            }
        }

        return count;
    }

    public static string? RightmostName(ExpressionSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };
}
