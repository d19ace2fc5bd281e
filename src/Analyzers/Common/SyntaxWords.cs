using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLint.Analyzers;

/// <summary>
/// Finds the tokens spelled as one word inside a node from its source text: a scan of the characters for the word
/// (whole words only), then the token at each hit, found by position (a descent of the tree's depth). Far cheaper than
/// visiting every token of a method or a type when the word is rare there, which is the usual case: a variable's name
/// in its function, a method's name in its type, <c>await</c> in a statement.
/// </summary>
internal static class SyntaxWords
{
    /// <summary>
    /// The identifier tokens named <paramref name="name"/> (a verbatim <c>@name</c> included) in <paramref name="root"/>'s span.
    /// An identifier written with a Unicode escape cannot be found in the text: where the span holds one, every
    /// identifier token is visited instead, as a token walk would.
    /// </summary>
    public static IEnumerable<SyntaxToken> Identifiers(SyntaxNode root, string name)
    {
        var text = TextOf(root);
        var span = root.Span;
        if (HasUnicodeEscape(text, span))
        {
            foreach (var token in root.DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
                {
                    yield return token;
                }
            }

            yield break;
        }

        for (var position = IndexOfWord(text, name, span.Start, span.End); position >= 0; position = IndexOfWord(text, name, position + name.Length, span.End))
        {
            var start = position > 0 && text[position - 1] == '@' ? position - 1 : position;
            var token = root.FindToken(start);
            if (token.SpanStart == start && token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name)
            {
                yield return token;
            }
        }
    }

    /// <summary>
    /// The string literal tokens whose value is exactly <paramref name="value"/> (<c>"Step"</c>, <c>@"Step"</c>,
    /// <c>"""Step"""</c>) in <paramref name="root"/>'s span, found where the word is in the text. A literal that spells the
    /// value with escapes is not found.
    /// </summary>
    public static IEnumerable<SyntaxToken> StringLiterals(SyntaxNode root, string value)
    {
        var text = TextOf(root);
        var span = root.Span;
        for (var position = IndexOfWord(text, value, span.Start, span.End); position >= 0; position = IndexOfWord(text, value, position + value.Length, span.End))
        {
            var token = root.FindToken(position);
            if (token.Kind() is SyntaxKind.StringLiteralToken or SyntaxKind.SingleLineRawStringLiteralToken && token.ValueText == value)
            {
                yield return token;
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> may spell <paramref name="word"/> as an identifier: the word is in it, or a Unicode
    /// escape could hide it. A scan of the characters that spares the syntax root of a file that cannot name it.
    /// </summary>
    public static bool MayName(SourceText text, string word)
        => IndexOfWord(text, word, 0, text.Length) >= 0 || HasUnicodeEscape(text, new TextSpan(0, text.Length));

    /// <summary>The source text of the node's tree (kept by the tree when it was parsed from text).</summary>
    public static SourceText TextOf(SyntaxNode node)
        => node.SyntaxTree.TryGetText(out var text) ? text : node.SyntaxTree.GetText();

    /// <summary>The next occurrence of <paramref name="word"/> as a whole word in [start, end), or -1. A leading <c>@</c> does not join it.</summary>
    public static int IndexOfWord(SourceText text, string word, int start, int end)
    {
        var first = word[0];
        for (var i = start; i + word.Length <= end; i++)
        {
            if (text[i] != first || !MatchesAt(text, word, i))
            {
                continue;
            }

            if ((i > 0 && IsIdentifierPart(text[i - 1])) || (i + word.Length < text.Length && IsIdentifierPart(text[i + word.Length])))
            {
                continue;
            }

            return i;
        }

        return -1;
    }

    private static bool MatchesAt(SourceText text, string word, int at)
    {
        for (var k = 1; k < word.Length; k++)
        {
            if (text[at + k] != word[k])
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsIdentifierPart(char c) => c == '_' || char.IsLetterOrDigit(c);

    private static bool HasUnicodeEscape(SourceText text, TextSpan span)
    {
        for (var i = span.Start; i + 1 < span.End; i++)
        {
            if (text[i] == '\\' && text[i + 1] is 'u' or 'U')
            {
                return true;
            }
        }

        return false;
    }
}
