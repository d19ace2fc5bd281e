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
/// ASYNC201 and the compiler's CS4014: a dropped task. Two code actions: <c>await F()</c> (only where await can be
/// written without changing a signature) and the explicit discard <c>_ = F()</c> (everywhere, except for
/// <c>Task.Delay</c>/<c>Task.Yield</c>, whose only effect is the wait). For the inner task of an awaited
/// <c>Task.Factory.StartNew(async …)</c>: <c>.Unwrap()</c> on the factory call, or <c>_ = await …</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC201DroppedTaskCodeFix)), Shared]
public sealed class ASYNC201DroppedTaskCodeFix : CodeFixProvider
{
    public const string AwaitKey = nameof(ASYNC201DroppedTaskCodeFix) + ".Await";
    public const string DiscardKey = nameof(ASYNC201DroppedTaskCodeFix) + ".Discard";

    /// <summary>The compiler's "Because this call is not awaited, execution of the current method continues…".</summary>
    public const string CompilerUnobservedAwaitable = "CS4014";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.DroppedTask, CompilerUnobservedAwaitable);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null || AsyncSymbols.TryCreate(model.Compilation) is not { } symbols)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Properties.TryGetValue(DiagnosticProperties.Kind, out var kind) && kind == ASYNC201DroppedTaskAnalyzer.NestedTaskKind)
            {
                RegisterNestedTaskFixes(context, root, model, diagnostic);
                continue;
            }

            if (FindDroppedExpression(root, diagnostic.Location.SourceSpan) is not { } expression)
            {
                continue;
            }

            if (AwaitOperand(expression, model, symbols, context.CancellationToken) is { } operand)
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Await the task", ct => AwaitAsync(context.Document, expression, operand, ct), AwaitKey),
                    diagnostic);
            }

            if (CanDiscard(expression, model, symbols, context.CancellationToken))
            {
                context.RegisterCodeFix(
                    CodeAction.Create("Discard the task explicitly ('_ =')", ct => DiscardAsync(context.Document, expression, ct), DiscardKey),
                    diagnostic);
            }
        }
    }

    /// <summary>
    /// <c>await Task.Factory.StartNew(async () =&gt; …)</c>: await the work itself with <c>.Unwrap()</c> on the factory call
    /// (before any <c>ConfigureAwait</c>), or discard the inner task explicitly (<c>_ = await …</c>).
    /// </summary>
    private static void RegisterNestedTaskFixes(CodeFixContext context, SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<AwaitExpressionSyntax>() is not { Parent: ExpressionStatementSyntax } await)
        {
            return;
        }

        var factoryCall = await.Expression;
        while (factoryCall is ParenthesizedExpressionSyntax parenthesized)
        {
            factoryCall = parenthesized.Expression;
        }

        if (factoryCall is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ConfigureAwait", Expression: var configured } })
        {
            factoryCall = configured;
        }

        // Unwrap is an extension method (TaskExtensions, System.Threading.Tasks): only where it is in scope. The awaited
        // task is the factory call itself, or a local that holds it (await t).
        if (factoryCall is InvocationExpressionSyntax or IdentifierNameSyntax
            && model.GetTypeInfo(factoryCall, context.CancellationToken).Type is INamedTypeSymbol outer
            && !model.LookupSymbols(factoryCall.SpanStart, outer, "Unwrap", includeReducedExtensionMethods: true).IsEmpty)
        {
            context.RegisterCodeFix(
                CodeAction.Create("Await the delegate's task ('.Unwrap()')", ct => UnwrapAsync(context.Document, factoryCall, ct), AwaitKey),
                diagnostic);
        }

        context.RegisterCodeFix(
            CodeAction.Create("Discard the delegate's task explicitly ('_ =')", ct => DiscardAsync(context.Document, await, ct), DiscardKey),
            diagnostic);
    }

    private static async Task<Document> UnwrapAsync(Document document, ExpressionSyntax call, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var unwrapped = SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, call.WithoutTrivia(), SyntaxFactory.IdentifierName("Unwrap")))
            .WithTriviaFrom(call);
        editor.ReplaceNode(call, unwrapped);
        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The call or <c>?.</c> expression the diagnostic is on, when it stands as a statement or a void expression body.</summary>
    private static ExpressionSyntax? FindDroppedExpression(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var node = root.FindNode(span, getInnermostNodeForTie: true);
        for (var current = node; current is not null && current.Span == span; current = current.Parent)
        {
            if (current is InvocationExpressionSyntax or ConditionalAccessExpressionSyntax
                && current.Parent is ExpressionStatementSyntax or ArrowExpressionClauseSyntax or LambdaExpressionSyntax)
            {
                return (ExpressionSyntax)current;
            }
        }

        return null;
    }

    /// <summary>
    /// What to await: the expression itself, or for a <c>?.</c> call a null-safe operand (<c>(x?.F() ?? Task.CompletedTask)</c>,
    /// <c>(x?.V() ?? default)</c>), since awaiting null throws. Null when no await can be written here.
    /// </summary>
    private static ExpressionSyntax? AwaitOperand(ExpressionSyntax expression, SemanticModel model, AsyncSymbols symbols, CancellationToken cancellationToken)
    {
        if (!DroppedTaskFixSyntax.CanAwaitAt(expression, model, cancellationToken))
        {
            return null;
        }

        if (expression is not ConditionalAccessExpressionSyntax)
        {
            return expression.WithoutTrivia();
        }

        var type = model.GetTypeInfo(expression, cancellationToken).Type;
        ExpressionSyntax fallback;
        if (IsNullableTaskOrValueTask(type, symbols))
        {
            fallback = SyntaxFactory.LiteralExpression(SyntaxKind.DefaultLiteralExpression);
        }
        else if (type is not null && type.InheritsFromOrEquals(symbols.Task))
        {
            fallback = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                AwaitSyntax.QualifiedType("System.Threading.Tasks.Task"),
                SyntaxFactory.IdentifierName("CompletedTask"));
        }
        else
        {
            return null;
        }

        return SyntaxFactory.ParenthesizedExpression(
            SyntaxFactory.BinaryExpression(SyntaxKind.CoalesceExpression, expression.WithoutTrivia(), fallback));
    }

    /// <summary><c>ValueTask?</c>: the type of <c>x?.ReadAsync()</c> when the call returns a ValueTask.</summary>
    private static bool IsNullableTaskOrValueTask(ITypeSymbol? type, AsyncSymbols symbols)
        => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T, TypeArguments.Length: 1 } nullable
           && symbols.IsTaskOrValueTask(nullable.TypeArguments[0]);

    private static bool CanDiscard(ExpressionSyntax expression, SemanticModel model, AsyncSymbols symbols, CancellationToken cancellationToken)
    {
        if (expression is InvocationExpressionSyntax invocation
            && model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol method
            && new DroppedTaskSymbols(symbols).IsWaitOnly(method))
        {
            return false;
        }

        // '_ = …' would assign a variable or parameter named '_' (a lambda's '_ => …') rather than discard.
        return model.LookupSymbols(expression.SpanStart, name: "_").IsEmpty;
    }

    private static async Task<Document> AwaitAsync(Document document, ExpressionSyntax expression, ExpressionSyntax operand, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var type = editor.SemanticModel.GetTypeInfo(expression, cancellationToken).Type;
        var symbols = AsyncSymbols.TryCreate(editor.SemanticModel.Compilation);
        var hasConfigureAwait = symbols is not null
            && (symbols.IsTaskOrValueTask(type) || IsNullableTaskOrValueTask(type, symbols));
        var awaited = AwaitSyntax.Await(operand, expression, hasConfigureAwait).WithTriviaFrom(expression);
        editor.ReplaceNode(expression, awaited);
        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Document> DiscardAsync(Document document, ExpressionSyntax expression, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var discard = SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                // Parsed, not built: only a parsed "_" carries the contextual kind that makes it a discard.
                SyntaxFactory.ParseExpression("_"),
                expression.WithoutTrivia())
            .WithTriviaFrom(expression);
        editor.ReplaceNode(expression, discard);
        return editor.GetChangedDocument();
    }
}
