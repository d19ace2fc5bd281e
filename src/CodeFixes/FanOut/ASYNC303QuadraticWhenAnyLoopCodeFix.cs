using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLint.CodeFixes.FanOut;

/// <summary>ASYNC303: the WhenAny + Remove loop → <c>await foreach (var t in Task.WhenEach(tasks))</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC303QuadraticWhenAnyLoopCodeFix)), Shared]
public sealed class ASYNC303QuadraticWhenAnyLoopCodeFix : CodeFixProvider
{
    public const string WhenEachKey = nameof(ASYNC303QuadraticWhenAnyLoopCodeFix) + ".WhenEach";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.QuadraticWhenAnyLoop);

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
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix) || Shape.Find(anchor) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create("Use 'await foreach' over Task.WhenEach", ct => RewriteAsync(context.Document, anchor, diagnostic, WhenEachKey, ct), WhenEachKey),
                diagnostic);
        }
    }

    private static async Task<Document> RewriteAsync(Document document, SyntaxNode anchor, Diagnostic diagnostic, string key, CancellationToken cancellationToken)
    {
        if (Shape.Find(anchor) is not { } shape)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        ExpressionSyntax source = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AwaitSyntax.QualifiedType("System.Threading.Tasks.Task"), SyntaxFactory.IdentifierName("WhenEach")),
            shape.WhenAny.ArgumentList.WithoutTrivia());
        if (shape.ConfigureAwait is { } configure)
        {
            source = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, source, SyntaxFactory.IdentifierName("ConfigureAwait")),
                configure.ArgumentList.WithoutTrivia());
        }

        var rest = shape.Body.Statements.Where(s => s != shape.Declaration && s != shape.Remove);
        var loop = SyntaxFactory.ForEachStatement(
                shape.Declaration.Declaration.Type.WithoutTrivia(),
                shape.Declaration.Declaration.Variables[0].Identifier.WithoutTrivia(),
                source,
                shape.Body.WithStatements(SyntaxFactory.List(rest)))
            .WithAwaitKeyword(SyntaxFactory.Token(SyntaxKind.AwaitKeyword))
            .WithTriviaFrom(shape.Loop)
            .WithAdditionalAnnotations(Formatter.Annotation, Simplifier.Annotation);
        editor.ReplaceNode(shape.Loop, loop);
        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    private sealed class Shape
    {
        public Shape(WhileStatementSyntax loop, BlockSyntax body, LocalDeclarationStatementSyntax declaration, StatementSyntax remove,
            InvocationExpressionSyntax whenAny, InvocationExpressionSyntax? configureAwait)
        {
            Loop = loop;
            Body = body;
            Declaration = declaration;
            Remove = remove;
            WhenAny = whenAny;
            ConfigureAwait = configureAwait;
        }

        public WhileStatementSyntax Loop { get; }

        public BlockSyntax Body { get; }

        public LocalDeclarationStatementSyntax Declaration { get; }

        public StatementSyntax Remove { get; }

        public InvocationExpressionSyntax WhenAny { get; }

        public InvocationExpressionSyntax? ConfigureAwait { get; }

        public static Shape? Find(SyntaxNode anchor)
        {
            if (anchor is not InvocationExpressionSyntax whenAny
                || whenAny.FirstAncestorOrSelf<LocalDeclarationStatementSyntax>() is not { Declaration.Variables.Count: 1 } declaration
                || declaration.Parent is not BlockSyntax { Parent: WhileStatementSyntax loop } body
                || body.Statements.FirstOrDefault() != declaration)
            {
                return null;
            }

            var name = declaration.Declaration.Variables[0].Identifier.ValueText;
            var remove = body.Statements.FirstOrDefault(s => s is ExpressionStatementSyntax
            {
                Expression: InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Remove" },
                    ArgumentList.Arguments: { Count: 1 } arguments,
                },
            } && arguments[0].Expression is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name);
            if (remove is null)
            {
                return null;
            }

            var configureAwait = whenAny.Parent is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Parent: InvocationExpressionSyntax configure }
                ? configure
                : null;
            return new Shape(loop, body, declaration, remove, whenAny, configureAwait);
        }
    }
}
