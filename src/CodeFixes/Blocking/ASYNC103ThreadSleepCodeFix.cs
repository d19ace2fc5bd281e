using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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

/// <summary>ASYNC103: <c>Thread.Sleep(d)</c> → <c>await Task.Delay(d, token)</c>; <c>Thread.Sleep(0)</c> → <c>await Task.Yield()</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC103ThreadSleepCodeFix)), Shared]
public sealed class ASYNC103ThreadSleepCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ThreadSleep);

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
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
            {
                continue;
            }

            var yields = diagnostic.Properties.TryGetValue(DiagnosticProperties.Kind, out var kind) && kind == nameof(ThreadSleepFixKind.Yield);
            var title = yields ? "Use 'await Task.Yield()'" : "Use 'await Task.Delay(...)'";
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    ct => ReplaceAsync(context.Document, invocation, yields, diagnostic.Properties, ct),
                    equivalenceKey: nameof(ASYNC103ThreadSleepCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(
        Document document, InvocationExpressionSyntax invocation, bool yields, ImmutableDictionary<string, string?> properties, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        var task = model is null
            ? AwaitSyntax.QualifiedType("System.Threading.Tasks.Task")
            : AwaitSyntax.TypeName(model, invocation.SpanStart, "System.Threading.Tasks.Task");

        ExpressionSyntax call;
        if (yields)
        {
            call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("Yield")));
        }
        else
        {
            // Positional arguments only: Sleep's parameter names differ from Delay's.
            var arguments = invocation.ArgumentList.Arguments.Select(a => SyntaxFactory.Argument(a.Expression.WithoutTrivia())).ToList();
            if (properties.TryGetValue(DiagnosticProperties.CancellationToken, out var token) && token is not null)
            {
                arguments.Add(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(token)));
            }

            call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, SyntaxFactory.IdentifierName("Delay")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(arguments)));
        }

        var awaited = AwaitSyntax.Await(call, invocation, operandHasConfigureAwait: !yields).WithTriviaFrom(invocation);
        editor.ReplaceNode(invocation, awaited);
        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }
}
