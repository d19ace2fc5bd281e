using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A dropped task whose author already said "fire-and-forget, on purpose" by disabling the compiler's CS4014 (or
/// vs-threading's VSTHRD110, or every warning) with <c>#pragma warning disable</c> at that statement. ASYNC201 is CS4014's
/// complement: where the author switched CS4014 off by hand, reporting the same drop again is noise. Read from the
/// file's directives only when a diagnostic is about to be reported.
/// </summary>
internal static class AcknowledgedDrop
{
    public static bool IsAcknowledged(SyntaxNode statement)
    {
        var root = statement.SyntaxTree.GetRoot();
        if (!root.ContainsDirectives || root is not CSharpSyntaxNode csharpRoot)
        {
            return false;
        }

        var position = statement.SpanStart;
        var disabled = false;
        for (var directive = csharpRoot.GetFirstDirective(IsPragmaWarning); directive is not null && directive.SpanStart < position; directive = directive.GetNextDirective(IsPragmaWarning))
        {
            var pragma = (PragmaWarningDirectiveTriviaSyntax)directive;
            if (pragma.ErrorCodes.Count == 0 || NamesDropWarning(pragma))
            {
                disabled = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
            }
        }

        return disabled;
    }

    private static bool IsPragmaWarning(DirectiveTriviaSyntax directive) => directive is PragmaWarningDirectiveTriviaSyntax;

    private static bool NamesDropWarning(PragmaWarningDirectiveTriviaSyntax pragma)
    {
        foreach (var code in pragma.ErrorCodes)
        {
            var text = code switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                LiteralExpressionSyntax literal => "CS" + literal.Token.ValueText,
                _ => string.Empty,
            };

            if (text is "CS4014" or "VSTHRD110")
            {
                return true;
            }
        }

        return false;
    }
}
