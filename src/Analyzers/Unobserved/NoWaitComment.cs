using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncLint.Analyzers.Unobserved;

/// <summary>
/// A comment on a statement that says its task is not waited for on purpose (<c>// Do not wait as could block</c>,
/// <c>// fire and forget</c>, <c>// no need to await the flush</c>): the author has made the decision that the explicit
/// discard (<c>_ = …</c>) would record, and said why. A comment that marks it as a problem to fix (<c>TODO</c>,
/// <c>FIXME</c>, <c>BUG</c>, <c>HACK</c>) is not such a decision. Read only when a diagnostic is about to be reported.
/// </summary>
internal static class NoWaitComment
{
    // "fire and forget", "fire-and-forget", "fire & forget"; a negation, then at most two words, then (a)wait.
    private static readonly Regex DecidedNotToWait = new(
        @"\bfire\s*(?:and|-|&|-and-)?\s*forget\b|\b(?:not|no|never|without|cannot|dont|\w*n['’]t)\b(?:\W+\w+){0,2}?\W+a?wait(?:s|ed|ing)?\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex MarksAProblem = new(@"\b(?:TODO|FIXME|BUG|HACK|XXX)\b", RegexOptions.CultureInvariant);

    public static bool SaysNotToWait(SyntaxNode statement)
    {
        var saysSo = false;
        foreach (var trivia in statement.GetLeadingTrivia())
        {
            if (IsComment(trivia))
            {
                var text = trivia.ToString();
                if (MarksAProblem.IsMatch(text))
                {
                    return false;
                }

                saysSo |= DecidedNotToWait.IsMatch(text);
            }
        }

        // A comment at the end of the statement's line.
        foreach (var trivia in statement.GetLastToken().TrailingTrivia)
        {
            if (IsComment(trivia))
            {
                var text = trivia.ToString();
                if (MarksAProblem.IsMatch(text))
                {
                    return false;
                }

                saysSo |= DecidedNotToWait.IsMatch(text);
            }
        }

        return saysSo;
    }

    private static bool IsComment(SyntaxTrivia trivia)
        => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia);
}
