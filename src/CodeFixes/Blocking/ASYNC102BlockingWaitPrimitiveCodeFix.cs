using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncLint.Analyzers;
using AsyncLint.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncLint.CodeFixes.Blocking;

/// <summary>
/// ASYNC102: <c>Task.WaitAll(...)</c> → <c>await Task.WhenAll(...)</c>; <c>Task.WaitAny(...)</c> → <c>await Task.WhenAny(...)</c>
/// where its index is unused, or <c>Array.IndexOf(tasks, await Task.WhenAny(tasks))</c> where it is used on an array variable;
/// a CancellationToken argument becomes <c>.WaitAsync(token)</c>. The known-blocking synchronization waits have no fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC102BlockingWaitPrimitiveCodeFix)), Shared]
public sealed class ASYNC102BlockingWaitPrimitiveCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingWaitPrimitive);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Kind, out var kindName)
                || !Enum.TryParse<TaskWaitAllFixKind>(kindName, out var kind)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "WaitAll" or "WaitAny" },
                } invocation)
            {
                continue;
            }

            var title = kind switch
            {
                TaskWaitAllFixKind.WhenAll => "Use 'await Task.WhenAll(...)'",
                TaskWaitAllFixKind.WhenAny => "Use 'await Task.WhenAny(...)'",
                _ => "Use 'Array.IndexOf(tasks, await Task.WhenAny(tasks))'",
            };
            context.RegisterCodeFix(
                CodeAction.Create(title, ct => ReplaceAsync(context.Document, invocation, kind, ct), equivalenceKey: nameof(ASYNC102BlockingWaitPrimitiveCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, InvocationExpressionSyntax invocation, TaskWaitAllFixKind kind, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var model = editor.SemanticModel;
        var access = (MemberAccessExpressionSyntax)invocation.Expression;

        // The tasks stay, positionally (WhenAll/WhenAny name their parameter like WaitAll/WaitAny, but not every overload does);
        // the token moves to WaitAsync; an infinite timeout (the only one the analyzer lets through) goes away.
        var tasks = new List<ArgumentSyntax>();
        ExpressionSyntax? token = null;
        foreach (var argument in invocation.ArgumentList.Arguments)
        {
            var type = model.GetTypeInfo(argument.Expression, cancellationToken).ConvertedType;
            if (type is { Name: "CancellationToken", ContainingNamespace.Name: "Threading" })
            {
                token = argument.Expression.WithoutTrivia();
            }
            else if (type is { SpecialType: SpecialType.System_Int32 } or { Name: "TimeSpan", ContainingNamespace.Name: "System" })
            {
                continue;
            }
            else
            {
                tasks.Add(SyntaxFactory.Argument(argument.Expression.WithoutTrivia()));
            }
        }

        var whenName = access.Name.Identifier.ValueText == "WaitAll" ? "WhenAll" : "WhenAny";
        ExpressionSyntax when = SyntaxFactory.InvocationExpression(
            access.WithName(SyntaxFactory.IdentifierName(whenName)).WithoutTrivia(),
            SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(tasks)));
        if (token is not null)
        {
            when = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, when, SyntaxFactory.IdentifierName("WaitAsync")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(token))));
        }

        var awaited = AwaitSyntax.Await(when, invocation);
        ExpressionSyntax replacement = awaited;
        if (kind == TaskWaitAllFixKind.IndexOfWhenAny && tasks.Count == 1)
        {
            replacement = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, AwaitSyntax.QualifiedType("System.Array"), SyntaxFactory.IdentifierName("IndexOf")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[] { tasks[0], SyntaxFactory.Argument(awaited) })));
        }

        editor.ReplaceNode(invocation, replacement.WithTriviaFrom(invocation));
        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }
}
