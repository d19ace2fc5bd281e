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
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLint.CodeFixes.Blocking;

/// <summary>
/// ASYNC101: <c>t.Result</c> → <c>await t</c> (parenthesized where precedence needs it: <c>(await F()).Length</c>);
/// <c>t.Wait()</c> → <c>await t</c>; <c>t.Wait(ct)</c> → <c>await t.WaitAsync(ct)</c>;
/// <c>t.GetAwaiter().GetResult()</c> → <c>await t</c> (keeping an existing <c>ConfigureAwait</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC101BlockingTaskWaitCodeFix)), Shared]
public sealed class ASYNC101BlockingTaskWaitCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingTaskWait);

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
            if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix))
            {
                continue;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            diagnostic.Properties.TryGetValue(DiagnosticProperties.Kind, out var kind);
            var withToken = kind == nameof(TaskWaitFixKind.WaitAsync);
            var replacement = kind == nameof(TaskWaitFixKind.AwaitArgument)
                ? AwaitArgument(root, node, diagnostic)
                : Rewrite(node, withToken);
            if (replacement is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    withToken ? "Use 'await task.WaitAsync(cancellationToken)'" : "Use 'await'",
                    ct => ReplaceAsync(context.Document, node, replacement, ct),
                    equivalenceKey: nameof(ASYNC101BlockingTaskWaitCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, ExpressionSyntax replacement, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        editor.ReplaceNode(node, replacement.WithTriviaFrom(node));
        return editor.GetChangedDocument();
    }

    /// <summary>
    /// A blocking helper's call (<c>RunSync(() =&gt; LoadAsync())</c>, <c>task.BlockingWait()</c>) → <c>await</c> of what it
    /// blocks on, which the analyzer located: the task argument, the delegate's task expression, or a method group to call.
    /// </summary>
    private static ExpressionSyntax? AwaitArgument(SyntaxNode root, SyntaxNode call, Diagnostic diagnostic)
    {
        if (call is not InvocationExpressionSyntax
            || diagnostic.AdditionalLocations.Count != 1
            || root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax awaited)
        {
            return null;
        }

        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.InvokeMethodGroup))
        {
            awaited = SyntaxFactory.InvocationExpression(awaited.WithoutTrivia());
        }

        var configured = awaited is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" } };
        awaited = awaited.WithoutTrivia();
        if (awaited is not (IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or ParenthesizedExpressionSyntax))
        {
            // An argument such as 'cached ?? LoadAsync()' binds looser than 'await'.
            awaited = SyntaxFactory.ParenthesizedExpression(awaited).WithAdditionalAnnotations(Simplifier.Annotation);
        }

        return AwaitSyntax.Await(Operand(awaited), call, operandHasConfigureAwait: !configured);
    }

    /// <summary>The awaited form of the blocking read, or null where the syntax is not one the analyzer reports.</summary>
    private static ExpressionSyntax? Rewrite(SyntaxNode node, bool withToken)
    {
        switch (node)
        {
            // task.Result
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result:
                return AwaitSyntax.Await(Operand(result.Expression), node);

            // task.Wait() / task.Wait(Timeout.Infinite) / task.Wait(ct)
            case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait } invocation:
                if (!withToken)
                {
                    return AwaitSyntax.Await(Operand(wait.Expression), node);
                }

                if (invocation.ArgumentList.Arguments.Count != 1)
                {
                    return null;
                }

                var waitAsync = SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, wait.Expression.WithoutTrivia(), SyntaxFactory.IdentifierName("WaitAsync")),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(
                        SyntaxFactory.Argument(invocation.ArgumentList.Arguments[0].Expression.WithoutTrivia()))));
                return AwaitSyntax.Await(waitAsync, node);

            // task.GetAwaiter().GetResult(), task.ConfigureAwait(false).GetAwaiter().GetResult()
            case InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter },
                },
            }:
                var configured = getAwaiter.Expression is InvocationExpressionSyntax
                {
                    Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait" },
                };
                return AwaitSyntax.Await(Operand(getAwaiter.Expression), node, operandHasConfigureAwait: !configured);

            default:
                return null;
        }
    }

    /// <summary>The receiver's own parentheses (<c>((Task&lt;int&gt;)o).Result</c>) may become redundant after <c>await</c>: let the simplifier decide.</summary>
    private static ExpressionSyntax Operand(ExpressionSyntax receiver)
        => receiver is ParenthesizedExpressionSyntax ? receiver.WithAdditionalAnnotations(Simplifier.Annotation) : receiver;
}
