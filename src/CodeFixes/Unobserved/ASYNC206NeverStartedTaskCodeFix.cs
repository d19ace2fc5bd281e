using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using AsyncLint.Analyzers;
using AsyncLint.Analyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace AsyncLint.CodeFixes.Unobserved;

/// <summary>
/// ASYNC206: <c>new Task(work)</c> → <c>Task.Run(work)</c>, <c>new Task&lt;T&gt;(work, token)</c> → <c>Task.Run&lt;T&gt;(work, token)</c>:
/// the task is created running, on the thread pool, as its waiters expect. The type argument is kept so that the task's
/// type does not change. Not offered for the constructors with a state object or creation options (the analyzer marks them).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC206NeverStartedTaskCodeFix)), Shared]
public sealed class ASYNC206NeverStartedTaskCodeFix : CodeFixProvider
{
    private const string Title = "Create the task running with 'Task.Run'";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NeverStartedTask);

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
            if (!diagnostic.Properties.TryGetValue(DiagnosticProperties.Kind, out var kind)
                || kind != nameof(ASYNC206NeverStartedTaskAnalyzer.FixKind.Run)
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not BaseObjectCreationExpressionSyntax { ArgumentList: { } } creation)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(Title, ct => ReplaceAsync(context.Document, creation, ct), equivalenceKey: nameof(ASYNC206NeverStartedTaskCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document> ReplaceAsync(Document document, BaseObjectCreationExpressionSyntax creation, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var model = editor.SemanticModel;
        var task = AwaitSyntax.TypeName(model, creation.SpanStart, "System.Threading.Tasks.Task");

        SimpleNameSyntax run = SyntaxFactory.IdentifierName("Run");
        if (model.GetTypeInfo(creation, cancellationToken).Type is INamedTypeSymbol { IsGenericType: true } created)
        {
            var result = SyntaxFactory.ParseTypeName(created.TypeArguments[0].ToMinimalDisplayString(model, creation.SpanStart));
            run = SyntaxFactory.GenericName(SyntaxFactory.Identifier("Run"), SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(result)));
        }

        var call = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, task, run),
                creation.ArgumentList!.WithoutTrivia())
            .WithTriviaFrom(creation);
        editor.ReplaceNode(creation, call);
        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }
}
