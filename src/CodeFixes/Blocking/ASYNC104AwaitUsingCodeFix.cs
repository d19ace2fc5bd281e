using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLint.Analyzers;
using AsyncLint.Analyzers.Blocking;
using AsyncLint.CodeFixes.FanOut;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace AsyncLint.CodeFixes.Blocking;

/// <summary>
/// ASYNC104 on a plain <c>using</c> whose dispose writes: <c>using (var w = …)</c> → <c>await using (var w = …)</c>.
/// In a function that awaits with <c>ConfigureAwait(false)</c> the dispose keeps that convention:
/// <c>var w = …; await using (w.ConfigureAwait(false))</c> (the configured form cannot declare the resource itself,
/// its type is <c>ConfiguredAsyncDisposable</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC104AwaitUsingCodeFix)), Shared]
public sealed class ASYNC104AwaitUsingCodeFix : CodeFixProvider
{
    private const string EquivalenceKey = nameof(ASYNC104AwaitUsingCodeFix);

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingIoCall);

    /// <summary>One fix at a time on the current document: a hoisted resource's name must not meet the previous fix's.</summary>
    public override FixAllProvider GetFixAllProvider() => FanOutFixHelpers.SequentialFixAll(RewriteAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            var anchor = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (!IsAwaitUsing(diagnostic) || UsingAt(anchor) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Use 'await using'",
                    ct => RewriteAsync(context.Document, anchor, diagnostic, EquivalenceKey, ct),
                    equivalenceKey: EquivalenceKey),
                diagnostic);
        }
    }

    private static bool IsAwaitUsing(Diagnostic diagnostic)
        => diagnostic.Properties.TryGetValue(DiagnosticProperties.Kind, out var kind)
           && kind == AsyncTwinProperties.AwaitUsingKind
           && !diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix);

    private static StatementSyntax? UsingAt(SyntaxNode node) => node switch
    {
        UsingStatementSyntax statement when statement.AwaitKeyword.IsKind(SyntaxKind.None) => statement,
        LocalDeclarationStatementSyntax declaration when declaration.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) && declaration.AwaitKeyword.IsKind(SyntaxKind.None) => declaration,
        _ => null,
    };

    private static async Task<Document> RewriteAsync(Document document, SyntaxNode anchor, Diagnostic diagnostic, string equivalenceKey, CancellationToken cancellationToken)
    {
        if (!IsAwaitUsing(diagnostic) || UsingAt(anchor) is not { } statement
            || await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false) is not { } root)
        {
            return document;
        }

        if (!AwaitSyntax.UsesConfigureAwaitFalse(statement))
        {
            return document.WithSyntaxRoot(root.ReplaceNode(statement, WithAwait(statement)));
        }

        var replacement = statement switch
        {
            UsingStatementSyntax { Expression: { } resource } expressionUsing
                => new StatementSyntax[] { WithAwait(expressionUsing.WithExpression(AwaitSyntax.ConfigureAwaitFalse(resource.WithoutTrivia()))) },
            UsingStatementSyntax { Declaration: { Variables.Count: 1 } declaration } declarationUsing
                => Hoisted(declarationUsing, declaration),
            // In top-level statements a block of their own would end the writer's scope early: plain await there.
            LocalDeclarationStatementSyntax { Declaration.Variables.Count: 1, Parent: BlockSyntax } declarationStatement
                => await HoistedDeclarationAsync(document, declarationStatement, cancellationToken).ConfigureAwait(false),
            _ => new[] { WithAwait(statement) },
        };

        return document.WithSyntaxRoot(Replace(root, statement, replacement));
    }

    /// <summary><c>using (var w = X) body</c> → <c>var w = X; await using (w.ConfigureAwait(false)) body</c>.</summary>
    private static StatementSyntax[] Hoisted(UsingStatementSyntax statement, VariableDeclarationSyntax declaration)
    {
        var name = declaration.Variables[0].Identifier.ValueText;
        var local = SyntaxFactory.LocalDeclarationStatement(declaration.WithoutTrivia()).WithLeadingTrivia(statement.GetLeadingTrivia());
        var awaitUsing = statement
            .WithDeclaration(null)
            .WithExpression(AwaitSyntax.ConfigureAwaitFalse(SyntaxFactory.IdentifierName(name)))
            .WithUsingKeyword(statement.UsingKeyword.WithLeadingTrivia())
            .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space))
            .WithLeadingTrivia(SyntaxFactory.ElasticMarker);
        return new StatementSyntax[] { local, awaitUsing.WithAdditionalAnnotations(Formatter.Annotation) };
    }

    /// <summary>
    /// <c>using var w = X;</c> → <c>var w = X; await using var _ = w.ConfigureAwait(false);</c> (a fresh name where
    /// <c>_</c> is already used in the member: a local named <c>_</c> would capture a later <c>_ = …</c> discard).
    /// </summary>
    private static async Task<StatementSyntax[]> HoistedDeclarationAsync(Document document, LocalDeclarationStatementSyntax statement, CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var name = statement.Declaration.Variables[0].Identifier.ValueText;
        var taken = model is null ? new System.Collections.Generic.HashSet<string>() : FanOutFixHelpers.TakenNames(model, statement);
        var scopeName = taken.Contains("_") ? FanOutFixHelpers.Unique(name + "Disposal", taken) : "_";

        var local = statement
            .WithUsingKeyword(default)
            .WithAwaitKeyword(default)
            .WithDeclaration(statement.Declaration.WithoutTrivia())
            .WithLeadingTrivia(statement.GetLeadingTrivia());
        var awaitUsing = SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(SyntaxFactory.VariableDeclarator(scopeName)
                        .WithInitializer(SyntaxFactory.EqualsValueClause(AwaitSyntax.ConfigureAwaitFalse(SyntaxFactory.IdentifierName(name)))))))
            .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword))
            .WithUsingKeyword(SyntaxFactory.Token(SyntaxKind.UsingKeyword))
            .WithTrailingTrivia(statement.GetTrailingTrivia())
            .WithAdditionalAnnotations(Formatter.Annotation);
        return new StatementSyntax[] { local.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed), awaitUsing };
    }

    /// <summary>
    /// Puts the statements in the block in place of <paramref name="statement"/>; where it is not a block's statement, or
    /// the hoisted name is used elsewhere in the block (it would now reach those uses), in a block of their own.
    /// </summary>
    private static SyntaxNode Replace(SyntaxNode root, StatementSyntax statement, StatementSyntax[] replacement)
    {
        if (replacement.Length == 1)
        {
            return root.ReplaceNode(statement, replacement[0]);
        }

        // A using declaration's local already reaches the end of its block; a using statement's reached only its body.
        var hoisted = ((LocalDeclarationStatementSyntax)replacement[0]).Declaration.Variables[0].Identifier.ValueText;
        if (statement.Parent is BlockSyntax block && (statement is LocalDeclarationStatementSyntax || !UsedOutside(block, statement, hoisted)))
        {
            return root.ReplaceNode(statement, replacement);
        }

        return root.ReplaceNode(statement, SyntaxFactory.Block(replacement).WithAdditionalAnnotations(Formatter.Annotation));
    }

    private static bool UsedOutside(BlockSyntax block, StatementSyntax statement, string name)
        => block.DescendantTokens().Any(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name && !statement.Span.Contains(t.Span));

    private static TStatement WithAwait<TStatement>(TStatement statement)
        where TStatement : StatementSyntax
    {
        var awaitKeyword = SyntaxFactory.Token(SyntaxKind.AwaitKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        return statement switch
        {
            UsingStatementSyntax u => (TStatement)(StatementSyntax)u
                .WithUsingKeyword(u.UsingKeyword.WithLeadingTrivia())
                .WithAwaitKeyword(awaitKeyword.WithLeadingTrivia(u.UsingKeyword.LeadingTrivia)),
            LocalDeclarationStatementSyntax d => (TStatement)(StatementSyntax)d
                .WithUsingKeyword(d.UsingKeyword.WithLeadingTrivia())
                .WithAwaitKeyword(awaitKeyword.WithLeadingTrivia(d.UsingKeyword.LeadingTrivia)),
            _ => statement,
        };
    }
}
