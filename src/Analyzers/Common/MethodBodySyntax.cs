using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers;

/// <summary>The one thing a method's whole body does, read from its declaration: what the rules that read a helper's source ask first.</summary>
internal static class MethodBodySyntax
{
    /// <summary>The value of <c>=&gt; value</c> or <c>{ return value; }</c>; null for any other body.</summary>
    public static ExpressionSyntax? SoleReturnedValue(BaseMethodDeclarationSyntax declaration)
        => declaration.ExpressionBody?.Expression
           ?? (declaration.Body is { Statements: { Count: 1 } statements } && statements[0] is ReturnStatementSyntax { Expression: { } value } ? value : null);

    /// <summary>The expression of <c>=&gt; call</c> or <c>{ call; }</c>; null for any other body.</summary>
    public static ExpressionSyntax? SoleStatementExpression(BaseMethodDeclarationSyntax declaration)
        => declaration.ExpressionBody?.Expression
           ?? (declaration.Body is { Statements: { Count: 1 } statements } && statements[0] is ExpressionStatementSyntax { Expression: var expression } ? expression : null);
}
