using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AsyncLint.Analyzers;
using AsyncLint.Analyzers.FanOut;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncLint.CodeFixes.FanOut;

/// <summary>
/// ASYNC301 task-list fix: start every operation of the group, <c>await Task.WhenAll(...)</c>, then run the original
/// statements in their order on the completed tasks (<c>var a = await aTask;</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC301SequentialAwaitsCodeFix)), Shared]
public sealed class ASYNC301SequentialAwaitsCodeFix : CodeFixProvider
{
    public const string TaskListKey = nameof(ASYNC301SequentialAwaitsCodeFix) + ".TaskList";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.SequentialIndependentAwaits);

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
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix) || FindGroup(anchor, diagnostic) is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    "Start the operations together and await Task.WhenAll",
                    ct => RewriteAsync(context.Document, anchor, diagnostic, TaskListKey, ct),
                    TaskListKey),
                diagnostic);
        }
    }

    private static List<StatementSyntax>? FindGroup(SyntaxNode anchor, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.TryGetValue(FanOutProperties.StatementCount, out var countText)
            || !int.TryParse(countText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            || anchor.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent is BlockSyntax or GlobalStatementSyntax) is not { } first
            || !FanOutFixHelpers.TryGetStatementList(first, out var list, out var index)
            || index + count > list.Count)
        {
            return null;
        }

        var group = new List<StatementSyntax>(count);
        for (var i = index; i < index + count; i++)
        {
            group.Add(list[i] is GlobalStatementSyntax global ? global.Statement : (StatementSyntax)list[i]);
        }

        return group;
    }

    private static async Task<Document> RewriteAsync(Document document, SyntaxNode anchor, Diagnostic diagnostic, string key, CancellationToken cancellationToken)
    {
        var group = FindGroup(anchor, diagnostic);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (group is null || model is null)
        {
            return document;
        }

        var taken = FanOutFixHelpers.TakenNames(model, group[0]);
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var starts = new List<StatementSyntax>();
        var taskNames = new List<ExpressionSyntax>();
        foreach (var statement in group)
        {
            var awaits = FanOutFixHelpers.AwaitsIn(statement);
            if (awaits.Length != 1 || FanOutFixHelpers.StartedInvocation(awaits[0]) is not { } invocation)
            {
                continue;
            }

            var name = FanOutFixHelpers.Unique(BaseName(statement, invocation) + "Task", taken);
            ExpressionSyntax started = invocation.WithoutTrivia();
            if (FanOutFixHelpers.IsValueTask(model, invocation, cancellationToken))
            {
                started = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, started, SyntaxFactory.IdentifierName("AsTask")));
            }

            starts.Add(SyntaxFactory.LocalDeclarationStatement(
                SyntaxFactory.VariableDeclaration(
                    SyntaxFactory.IdentifierName("var"),
                    SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.VariableDeclarator(SyntaxFactory.Identifier(name))
                            .WithInitializer(SyntaxFactory.EqualsValueClause(started))))));
            taskNames.Add(SyntaxFactory.IdentifierName(name));
            editor.ReplaceNode(invocation, SyntaxFactory.IdentifierName(name).WithTriviaFrom(invocation));
        }

        if (taskNames.Count < 2)
        {
            return document;
        }

        var whenAll = SyntaxFactory.InvocationExpression(
            SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                AwaitSyntax.QualifiedType("System.Threading.Tasks.Task"),
                SyntaxFactory.IdentifierName("WhenAll")),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(taskNames.Select(SyntaxFactory.Argument))));
        starts.Add(SyntaxFactory.ExpressionStatement(AwaitSyntax.Await(whenAll, group[0])));

        FanOutFixHelpers.InsertBefore(editor, group[0], starts);
        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The name the task local is built from: the variable or member it fills, else the method.</summary>
    private static string BaseName(StatementSyntax statement, InvocationExpressionSyntax invocation)
    {
        switch (statement)
        {
            case LocalDeclarationStatementSyntax { Declaration.Variables: { Count: 1 } variables }:
                return FanOutFixHelpers.CamelCase(variables[0].Identifier.ValueText);
            case ExpressionStatementSyntax { Expression: AssignmentExpressionSyntax assignment }:
                var target = assignment.Left switch
                {
                    IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                    MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
                    _ => null,
                };
                if (target is not null)
                {
                    return FanOutFixHelpers.CamelCase(target);
                }

                break;
        }

        var method = invocation.Expression switch
        {
            MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => "operation",
        };
        return FanOutFixHelpers.CamelCase(method);
    }
}
