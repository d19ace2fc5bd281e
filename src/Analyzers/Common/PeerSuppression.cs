using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Analyzers;

/// <summary>
/// Where the author already switched off another tool's warning about the same problem at this spot, the decision is
/// made: reporting it again under a new ID is noise. Read only when a diagnostic is about to be reported, from the file's
/// directives and comments and the containing member's attributes:
/// <list type="bullet">
/// <item><c>#pragma warning disable VSTHRD103</c> still in force at the spot;</item>
/// <item><c>// ReSharper disable once MethodHasAsyncOverload</c> right before the statement, or
/// <c>// ReSharper disable MethodHasAsyncOverload</c> earlier in the file and not restored;</item>
/// <item><c>[SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits")]</c> on the member or its type.</item>
/// </list>
/// </summary>
internal static class PeerSuppression
{
    /// <summary>
    /// The peers' rules about a blocking call in async code: vs-threading's synchronous waits and sync-over-async calls,
    /// the SDK's CA1849, Meziantou's blocking calls, AsyncFixer's blocking operations.
    /// </summary>
    private static readonly ImmutableArray<string> BlockingCallIds = ImmutableArray.Create("VSTHRD002", "VSTHRD103", "CA1849", "MA0042", "MA0045", "AsyncFixer02");

    /// <summary>ReSharper's inspections of a synchronous call that has an async overload.</summary>
    private static readonly ImmutableArray<string> BlockingCallInspections = ImmutableArray.Create("MethodHasAsyncOverload", "MethodHasAsyncOverloadWithCancellation");

    /// <summary>The compiler's and vs-threading's warnings about a dropped task.</summary>
    private static readonly ImmutableArray<string> DroppedTaskIds = ImmutableArray.Create("CS4014", "VSTHRD110");

    /// <summary>A blocking call at <paramref name="node"/> whose peer warning the author has switched off there.</summary>
    public static bool SilencesBlockingCall(SyntaxNode node, ISymbol? containingSymbol, AsyncSymbols symbols)
    {
        var file = symbols.PeerComments(node.SyntaxTree);
        return file.PragmaDisables(node.SpanStart, BlockingCallIds)
               || (file.MentionsReSharper && ReSharperDisables(node, BlockingCallInspections))
               || SuppressMessageNames(containingSymbol, BlockingCallIds);
    }

    /// <summary>A dropped task at <paramref name="statement"/> after <c>#pragma warning disable CS4014</c> (or VSTHRD110).</summary>
    public static bool SilencesDroppedTask(SyntaxNode statement, AsyncSymbols symbols)
        => symbols.PeerComments(statement.SyntaxTree).PragmaDisables(statement.SpanStart, DroppedTaskIds);

    /// <summary>
    /// What a file holds that can switch a peer's warning off: its <c>#pragma warning</c> directives in order, and whether
    /// its text mentions ReSharper at all (nearly every file does not: then no comment of it is read). Read once per file
    /// and compilation (<see cref="AsyncSymbols.PeerComments"/>); walking the file's directives before each report cost
    /// 20 ms a report in a 2,000-line file with #if sections.
    /// </summary>
    internal sealed class FileDirectives
    {
        private readonly ImmutableArray<PragmaWarningDirectiveTriviaSyntax> pragmas;

        private FileDirectives(ImmutableArray<PragmaWarningDirectiveTriviaSyntax> pragmas, bool mentionsReSharper)
        {
            this.pragmas = pragmas;
            MentionsReSharper = mentionsReSharper;
        }

        public bool MentionsReSharper { get; }

        public static FileDirectives Read(SyntaxTree tree)
        {
            var root = tree.GetRoot();
            var pragmas = ImmutableArray<PragmaWarningDirectiveTriviaSyntax>.Empty;
            if (root.ContainsDirectives)
            {
                // Only nodes that contain a directive are entered: the flag is kept on every node of the tree.
                var builder = ImmutableArray.CreateBuilder<PragmaWarningDirectiveTriviaSyntax>();
                foreach (var trivia in root.DescendantTrivia(static n => n.ContainsDirectives, descendIntoTrivia: true))
                {
                    if (trivia.GetStructure() is PragmaWarningDirectiveTriviaSyntax pragma)
                    {
                        builder.Add(pragma);
                    }
                }

                pragmas = builder.ToImmutable();
            }

            var mentionsReSharper = tree.GetText().ToString().IndexOf("ReSharper", StringComparison.Ordinal) >= 0;
            return new FileDirectives(pragmas, mentionsReSharper);
        }

        /// <summary>The last <c>#pragma warning</c> before <paramref name="position"/> that names one of the IDs (or none: every warning) disables it.</summary>
        public bool PragmaDisables(int position, ImmutableArray<string> ids)
        {
            var disabled = false;
            foreach (var pragma in pragmas)
            {
                if (pragma.SpanStart >= position)
                {
                    break;
                }

                if (pragma.ErrorCodes.Count == 0 || NamesAny(pragma, ids))
                {
                    disabled = pragma.DisableOrRestoreKeyword.IsKind(SyntaxKind.DisableKeyword);
                }
            }

            return disabled;
        }
    }

    private static bool NamesAny(PragmaWarningDirectiveTriviaSyntax pragma, ImmutableArray<string> ids)
    {
        foreach (var code in pragma.ErrorCodes)
        {
            var text = code switch
            {
                IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                LiteralExpressionSyntax literal => "CS" + literal.Token.ValueText,
                _ => string.Empty,
            };

            if (ids.IndexOf(text) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <c>// ReSharper disable once X</c> in the leading trivia of the statement (or member) holding the node, or
    /// <c>// ReSharper disable X</c> (or <c>All</c>) earlier with no <c>restore</c> after it: in the leading trivia of the
    /// node's ancestors and of their earlier siblings (where such comments stand: at the top of the file, before a member
    /// or a statement), read outermost first. Not the whole file: a walk of every token before each report cost more
    /// than the rule's own work on the bench.
    /// </summary>
    private static bool ReSharperDisables(SyntaxNode node, ImmutableArray<string> inspections)
    {
        var holder = node.FirstAncestorOrSelf<SyntaxNode>(static n => n is StatementSyntax or MemberDeclarationSyntax);
        if (holder is not null)
        {
            foreach (var trivia in holder.GetLeadingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) && ReSharperComment(trivia.ToString(), inspections) == Comment.DisableOnce)
                {
                    return true;
                }
            }
        }

        var disabled = false;
        var position = node.SpanStart;
        // Expressions hold no such comments, and a long operator chain nests thousands deep: only statements, members
        // and the nodes that hold them are read (reading an expression's leading trivia walks down to its first token).
        var chain = node.AncestorsAndSelf().Where(static n => n is not ExpressionSyntax).Reverse();
        foreach (var ancestor in chain)
        {
            foreach (var child in ancestor.ChildNodesAndTokens())
            {
                if (child.FullSpan.Start >= position)
                {
                    break;
                }

                if (child.IsNode && child.AsNode() is ExpressionSyntax)
                {
                    continue;
                }

                foreach (var trivia in child.GetLeadingTrivia())
                {
                    if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia))
                    {
                        switch (ReSharperComment(trivia.ToString(), inspections))
                        {
                            case Comment.Disable:
                                disabled = true;
                                break;
                            case Comment.Restore:
                                disabled = false;
                                break;
                        }
                    }
                }

                if (child.FullSpan.Contains(position))
                {
                    break;
                }
            }
        }

        return disabled;
    }

    private enum Comment
    {
        Other,
        Disable,
        DisableOnce,
        Restore,
    }

    /// <summary>Reads <c>// ReSharper disable once A, B</c>, <c>// ReSharper disable A</c>, <c>// ReSharper restore A</c> for the inspections.</summary>
    private static Comment ReSharperComment(string comment, ImmutableArray<string> inspections)
    {
        var words = comment.TrimStart('/').Split(new[] { ' ', '\t', ',' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 3 || words[0] != "ReSharper" || words[1] is not ("disable" or "restore"))
        {
            return Comment.Other;
        }

        var once = words[1] == "disable" && words[2] == "once";
        for (var i = once ? 3 : 2; i < words.Length; i++)
        {
            var word = words[i].TrimEnd(':', '.', ';');
            if (word == "All" || inspections.IndexOf(word) >= 0)
            {
                return words[1] == "restore" ? Comment.Restore : once ? Comment.DisableOnce : Comment.Disable;
            }
        }

        return Comment.Other;
    }

    /// <summary><c>[SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits")]</c> on the member or a containing type.</summary>
    private static bool SuppressMessageNames(ISymbol? symbol, ImmutableArray<string> ids)
    {
        for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
        {
            foreach (var attribute in current.GetAttributes())
            {
                if (attribute.AttributeClass?.Name is "SuppressMessageAttribute" or "UnconditionalSuppressMessageAttribute"
                    && attribute.ConstructorArguments.Length == 2
                    && attribute.ConstructorArguments[1] is { Kind: TypedConstantKind.Primitive, Value: string checkId })
                {
                    var colon = checkId.IndexOf(':');
                    if (ids.IndexOf((colon < 0 ? checkId : checkId.Substring(0, colon)).Trim()) >= 0)
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }
}
