using System.Collections.Generic;
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

namespace AsyncLint.CodeFixes.Unobserved;

/// <summary>
/// ASYNC202: <c>var t = FAsync(); …</c> → <c>await t;</c> as the last statement of the block that declares it (before a
/// closing <c>return</c>/<c>throw</c>/<c>break</c>/<c>continue</c>), so the work between still overlaps the task.
/// Offered only inside async functions where await can be written; a synchronous method gets no fix (no signature changes).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC202UnobservedTaskLocalCodeFix)), Shared]
public sealed class ASYNC202UnobservedTaskLocalCodeFix : CodeFixProvider
{
    public const string AwaitKey = nameof(ASYNC202UnobservedTaskLocalCodeFix) + ".Await";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnobservedTaskLocal);

    /// <summary>Several awaits may go to the same place in one block: one editor per document keeps them in order.</summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is { } plan)
            {
                context.RegisterCodeFix(
                    CodeAction.Create($"Await '{plan.Name}' at the end of the block", ct => ApplyAsync(context.Document, new[] { plan }, ct), AwaitKey),
                    diagnostic);
            }
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null)
        {
            return document;
        }

        var plans = new List<AwaitPlan>();
        foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
        {
            if (Plan(root, model, diagnostic, context.CancellationToken) is { } plan)
            {
                plans.Add(plan);
            }
        }

        return plans.Count == 0 ? document : await ApplyAsync(document, plans, context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Where <c>await t;</c> goes, or null when no await can be written there.</summary>
    private static AwaitPlan? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        if (root.FindToken(diagnostic.Location.SourceSpan.Start).Parent is not VariableDeclaratorSyntax declarator
            || declarator.Parent?.Parent is not LocalDeclarationStatementSyntax declaration
            || declaration.Parent is not BlockSyntax block
            || !DroppedTaskFixSyntax.CanAwaitAt(declaration)
            || model.GetDeclaredSymbol(declarator, cancellationToken) is not ILocalSymbol local)
        {
            return null;
        }

        var last = block.Statements[block.Statements.Count - 1];
        bool before;
        if (last != declaration && IsClosingJump(last))
        {
            before = true;
        }
        else if (last == declaration || model.AnalyzeControlFlow(last) is { Succeeded: true, EndPointIsReachable: true })
        {
            before = false;
        }
        else
        {
            // The block never reaches its end (an if/else that returns on both arms, an endless loop): no single
            // place awaits the task on every path without reordering the code.
            return null;
        }

        var symbols = AsyncSymbols.TryCreate(model.Compilation);
        if (symbols is null)
        {
            return null;
        }

        // 'var t = x?.SaveAsync();' may hold null, and awaiting null throws: await '(t ?? Task.CompletedTask)'.
        var initializer = declarator.Initializer?.Value;
        while (initializer is ParenthesizedExpressionSyntax parenthesized)
        {
            initializer = parenthesized.Expression;
        }

        var mayBeNull = initializer is ConditionalAccessExpressionSyntax;
        if (mayBeNull && !local.Type.InheritsFromOrEquals(symbols.Task))
        {
            return null;
        }

        return new AwaitPlan(last, before, local.Name, symbols.IsTaskOrValueTask(local.Type), mayBeNull);
    }

    private static bool IsClosingJump(StatementSyntax statement)
        => statement is ReturnStatementSyntax or ThrowStatementSyntax or BreakStatementSyntax or ContinueStatementSyntax or GotoStatementSyntax
           || statement.IsKind(SyntaxKind.YieldBreakStatement);

    private static async Task<Document> ApplyAsync(Document document, IReadOnlyList<AwaitPlan> plans, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        foreach (var group in plans.GroupBy(p => (p.Anchor, p.Before)))
        {
            var statements = group
                .Select(plan => (SyntaxNode)SyntaxFactory.ExpressionStatement(
                        AwaitSyntax.Await(Operand(plan), plan.Anchor, plan.HasConfigureAwait))
                    .WithAdditionalAnnotations(Formatter.Annotation))
                .ToList();
            if (group.Key.Before)
            {
                editor.InsertBefore(group.Key.Anchor, statements);
            }
            else
            {
                editor.InsertAfter(group.Key.Anchor, statements);
            }
        }

        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>t</c>, or <c>(t ?? Task.CompletedTask)</c> when the local may hold null.</summary>
    private static ExpressionSyntax Operand(AwaitPlan plan)
    {
        ExpressionSyntax name = SyntaxFactory.IdentifierName(plan.Name);
        if (!plan.MayBeNull)
        {
            return name;
        }

        var completed = SyntaxFactory.MemberAccessExpression(
            SyntaxKind.SimpleMemberAccessExpression,
            AwaitSyntax.QualifiedType("System.Threading.Tasks.Task"),
            SyntaxFactory.IdentifierName("CompletedTask"));
        return SyntaxFactory.ParenthesizedExpression(SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, name, completed));
    }

    private sealed class AwaitPlan
    {
        public AwaitPlan(StatementSyntax anchor, bool before, string name, bool hasConfigureAwait, bool mayBeNull)
        {
            Anchor = anchor;
            Before = before;
            Name = name;
            HasConfigureAwait = hasConfigureAwait;
            MayBeNull = mayBeNull;
        }

        /// <summary>The statement the await goes next to: the block's closing jump (before it) or its last statement (after it).</summary>
        public StatementSyntax Anchor { get; }

        public bool Before { get; }

        public string Name { get; }

        public bool HasConfigureAwait { get; }

        /// <summary>The local was initialized by a <c>?.</c> call.</summary>
        public bool MayBeNull { get; }
    }
}
