using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers;

/// <summary>
/// "Does this piece of syntax await?", answered without walking its nodes. The fan-out rules ask it for every
/// statement and loop body of async code, and nearly always the answer is no: a scan of the source text for the word
/// <c>await</c> says so at the cost of reading the characters, and each word found is confirmed from its token, found
/// by position (a descent of the tree's depth), so that a comment, a string or an <c>awaiter</c> never counts.
/// </summary>
internal static class AwaitSyntax
{
    private const string Keyword = "await";

    /// <summary><paramref name="awaited"/> without one trailing <c>.ConfigureAwait(…)</c>: the task or call that is awaited.</summary>
    public static ExpressionSyntax WithoutConfigureAwait(ExpressionSyntax awaited)
        => awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } }
            ? configured
            : awaited;

    /// <summary>An await expression anywhere in <paramref name="node"/>, lambdas and local functions included.</summary>
    public static bool ContainsAwait(SyntaxNode node) => FirstAwait(node, outsideFunctions: false);

    /// <summary>An await expression of <paramref name="node"/>'s own function: not inside a lambda or local function of it.</summary>
    public static bool ContainsAwaitOutsideFunctions(SyntaxNode node) => FirstAwait(node, outsideFunctions: true);

    private static bool FirstAwait(SyntaxNode node, bool outsideFunctions)
    {
        var text = SyntaxWords.TextOf(node);
        var span = node.Span;
        var position = SyntaxWords.IndexOfWord(text, Keyword, span.Start, span.End);
        while (position >= 0)
        {
            var next = position + Keyword.Length;
            var token = node.FindToken(position);
            if (token.SpanStart == position && token.IsKind(SyntaxKind.AwaitKeyword) && token.Parent.IsKind(SyntaxKind.AwaitExpression))
            {
                if (!outsideFunctions || OutermostFunctionBelow(token.Parent!, node) is not { } function)
                {
                    return true;
                }

                // Every other await of that lambda or local function is the function's own: skip it whole, which keeps
                // the search linear however deeply functions nest.
                next = function.Span.End;
            }

            position = SyntaxWords.IndexOfWord(text, Keyword, next, span.End);
        }

        return false;
    }

    /// <summary>The outermost lambda, anonymous method or local function between <paramref name="node"/> and <paramref name="root"/>, or null.</summary>
    private static SyntaxNode? OutermostFunctionBelow(SyntaxNode node, SyntaxNode root)
    {
        SyntaxNode? outermost = null;
        for (var current = node.Parent; current is not null && current != root; current = current.Parent)
        {
            switch (current.Kind())
            {
                case SyntaxKind.ParenthesizedLambdaExpression:
                case SyntaxKind.SimpleLambdaExpression:
                case SyntaxKind.AnonymousMethodExpression:
                case SyntaxKind.LocalFunctionStatement:
                    outermost = current;
                    break;
            }
        }

        return outermost;
    }
}
