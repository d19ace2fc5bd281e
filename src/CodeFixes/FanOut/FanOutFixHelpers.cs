using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.CodeFixes.FanOut;

/// <summary>Applies one fan-out rewrite to the diagnostic's anchor node in the current document.</summary>
internal delegate Task<Document> FanOutRewrite(Document document, SyntaxNode anchor, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken);

/// <summary>Helpers shared by the fan-out fixes: a sequential FixAll, fresh names, statement lists.</summary>
internal static class FanOutFixHelpers
{
    /// <summary>
    /// A FixAll that restructures one method at a time: it marks every diagnostic's node, then applies the fixes one
    /// after another on the current document, so that each sees the names and statements the previous ones wrote.
    /// </summary>
    public static FixAllProvider SequentialFixAll(FanOutRewrite rewrite)
        => FixAllProvider.Create(async (context, document, diagnostics) =>
        {
            var key = context.CodeActionEquivalenceKey;
            if (key is null || diagnostics.IsEmpty)
            {
                return document;
            }

            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var marks = new Dictionary<SyntaxNode, SyntaxAnnotation>();
            var ordered = new List<(Diagnostic Diagnostic, SyntaxAnnotation Mark)>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (!marks.TryGetValue(node, out var mark))
                {
                    mark = new SyntaxAnnotation("AsyncLint.FanOut");
                    marks.Add(node, mark);
                }

                ordered.Add((diagnostic, mark));
            }

            document = document.WithSyntaxRoot(root.ReplaceNodes(marks.Keys, (original, current) => current.WithAdditionalAnnotations(marks[original])));
            foreach (var (diagnostic, mark) in ordered)
            {
                var currentRoot = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                var anchor = currentRoot?.GetAnnotatedNodes(mark).FirstOrDefault();
                if (anchor is null)
                {
                    continue;
                }

                document = await rewrite(document, anchor, diagnostic, key, context.CancellationToken).ConfigureAwait(false);
            }

            return document;
        });

    /// <summary>Every name declared or referenced in the member that holds <paramref name="node"/>, plus the names in scope there.</summary>
    public static HashSet<string> TakenNames(SemanticModel model, SyntaxNode node)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var symbol in model.LookupSymbols(node.SpanStart))
        {
            taken.Add(symbol.Name);
        }

        var member = node.AncestorsAndSelf().LastOrDefault(n => n is MemberDeclarationSyntax and not BaseNamespaceDeclarationSyntax and not TypeDeclarationSyntax)
            ?? node.AncestorsAndSelf().Last();
        foreach (var token in member.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken))
            {
                taken.Add(token.ValueText);
            }
        }

        return taken;
    }

    /// <summary><paramref name="baseName"/>, or with a number appended, not in <paramref name="taken"/>; the result is added to it.</summary>
    public static string Unique(string baseName, HashSet<string> taken)
    {
        if (SyntaxFacts.GetKeywordKind(baseName) != SyntaxKind.None)
        {
            baseName += "Value";
        }

        var name = baseName;
        for (var i = 2; taken.Contains(name); i++)
        {
            name = baseName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        taken.Add(name);
        return name;
    }

    /// <summary>A statement parsed from text, with elastic trivia so that the formatter lays it out.</summary>
    public static StatementSyntax ParseStatement(string text)
        => SyntaxFactory.ParseStatement(text)
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker)
            .WithTrailingTrivia(SyntaxFactory.ElasticMarker);

    /// <summary><c>GetUserAsync</c> → <c>getUser</c>; <c>Users</c> → <c>users</c>.</summary>
    public static string CamelCase(string name)
    {
        if (name.EndsWith("Async", StringComparison.Ordinal) && name.Length > 5)
        {
            name = name.Substring(0, name.Length - 5);
        }

        name = name.TrimStart('_', '@');
        if (name.Length == 0)
        {
            return "result";
        }

        return char.ToLowerInvariant(name[0]) + name.Substring(1);
    }

    /// <summary>The statements around <paramref name="statement"/>: a block's, a switch section's, or the top-level statements.</summary>
    public static bool TryGetStatementList(StatementSyntax statement, out IReadOnlyList<SyntaxNode> list, out int index)
    {
        switch (statement.Parent)
        {
            case BlockSyntax block:
                list = block.Statements;
                index = block.Statements.IndexOf(statement);
                return index >= 0;
            case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit:
                var globals = unit.Members.OfType<GlobalStatementSyntax>().ToList();
                list = globals;
                index = globals.IndexOf(global);
                return index >= 0;
            default:
                list = Array.Empty<SyntaxNode>();
                index = -1;
                return false;
        }
    }

    /// <summary>The statement itself, or its <c>GlobalStatementSyntax</c> wrapper for top-level statements.</summary>
    public static SyntaxNode ListNode(StatementSyntax statement)
        => statement.Parent is GlobalStatementSyntax global ? global : statement;

    /// <summary>
    /// Inserts <paramref name="statements"/> before <paramref name="first"/> (a statement of a block, or a top-level
    /// statement): the first inserted statement takes over the leading trivia (comments, blank lines) of
    /// <paramref name="first"/>, which keeps only its indentation.
    /// </summary>
    public static void InsertBefore(Microsoft.CodeAnalysis.Editing.DocumentEditor editor, StatementSyntax first, IReadOnlyList<StatementSyntax> statements)
    {
        var listNode = ListNode(first);
        var leading = listNode.GetLeadingTrivia();
        var indentation = SyntaxFactory.TriviaList(leading.Reverse().TakeWhile(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).Reverse());
        var nodes = new List<SyntaxNode>(statements.Count);
        for (var i = 0; i < statements.Count; i++)
        {
            SyntaxNode node;
            if (listNode is GlobalStatementSyntax)
            {
                // The last top-level statement of a file may end without a line break: take the document's own.
                var endOfLine = listNode.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
                if (endOfLine.Count == 0)
                {
                    var documentEndOfLine = listNode.SyntaxTree.GetRoot().DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
                    endOfLine.Add(documentEndOfLine.IsKind(SyntaxKind.EndOfLineTrivia) ? documentEndOfLine : SyntaxFactory.ElasticCarriageReturnLineFeed);
                }

                node = SyntaxFactory.GlobalStatement(statements[i].NormalizeWhitespace()).WithTrailingTrivia(endOfLine);
            }
            else
            {
                node = statements[i].WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
            }

            nodes.Add(i == 0 ? node.WithLeadingTrivia(leading) : node.WithLeadingTrivia(indentation));
        }

        editor.InsertBefore(listNode, nodes);
        editor.ReplaceNode(listNode, (current, _) => current.WithLeadingTrivia(indentation));
    }

    /// <summary><c>await X()</c> / <c>await X().ConfigureAwait(...)</c>: the invocation that starts the operation.</summary>
    public static InvocationExpressionSyntax? StartedInvocation(AwaitExpressionSyntax await)
    {
        var operand = Unparenthesize(await.Expression);
        if (operand is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } access })
        {
            operand = Unparenthesize(access.Expression);
        }

        return operand as InvocationExpressionSyntax;
    }

    /// <summary>The awaits of a node, not inside lambdas or local functions.</summary>
    public static ImmutableArray<AwaitExpressionSyntax> AwaitsIn(SyntaxNode node)
        => node.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax and not LocalFunctionStatementSyntax)
            .OfType<AwaitExpressionSyntax>()
            .ToImmutableArray();

    /// <summary>True when the started operation returns a ValueTask (which Task.WhenAll does not take: it needs <c>.AsTask()</c>).</summary>
    public static bool IsValueTask(SemanticModel model, ExpressionSyntax invocation, CancellationToken cancellationToken)
        => model.GetTypeInfo(invocation, cancellationToken).Type is INamedTypeSymbol { Name: "ValueTask", ContainingNamespace: var ns }
           && ns.ToDisplayString() == "System.Threading.Tasks";

    private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }

        return expression;
    }
}
