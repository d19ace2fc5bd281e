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
/// ASYNC104 and ASYNC105: <c>x.Read(args)</c> → <c>await x.ReadAsync(args[, token])</c>. Everything the rewrite needs
/// (the twin's name, the token to forward and how) comes from the diagnostic's properties.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC104_105AsyncTwinCodeFix)), Shared]
public sealed class ASYNC104_105AsyncTwinCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
        DiagnosticIds.BlockingIoCall, DiagnosticIds.BlockingCallWithAsyncTwin);

    /// <summary>
    /// One editor per document: a nested pair (<c>writer.Write(reader.ReadLine())</c>) is rewritten inside out in
    /// one pass, which the batch fixer would report as conflicting edits.
    /// </summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }

        foreach (var diagnostic in context.Diagnostics)
        {
            if (FindInvocation(root, diagnostic) is null
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.ReplacementMethod, out var twin)
                || twin is null)
            {
                continue;
            }

            context.RegisterCodeFix(
                CodeAction.Create(
                    $"Use 'await {twin}'",
                    ct => FixAllInDocumentAsync(context.Document, ImmutableArray.Create(diagnostic), ct),
                    equivalenceKey: nameof(ASYNC104_105AsyncTwinCodeFix)),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
        => await FixAllInDocumentAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false);

    private static async Task<Document> FixAllInDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }

        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var changed = false;
        foreach (var diagnostic in diagnostics)
        {
            if (FindInvocation(root, diagnostic) is not { } invocation)
            {
                continue;
            }

            var properties = diagnostic.Properties;
            editor.ReplaceNode(invocation, (current, _) => current is InvocationExpressionSyntax currentInvocation
                ? Rewrite(currentInvocation, invocation, properties)
                : current);
            changed = true;
        }

        return changed
            ? await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false)
            : document;
    }

    private static InvocationExpressionSyntax? FindInvocation(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.Properties.ContainsKey(DiagnosticProperties.NoFix)
            || !diagnostic.Properties.ContainsKey(DiagnosticProperties.ReplacementMethod))
        {
            return null;
        }

        return root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) as InvocationExpressionSyntax;
    }

    /// <summary>
    /// <paramref name="current"/> is the invocation with any nested fixes already applied;
    /// <paramref name="original"/> is the node in the document (for the ConfigureAwait convention of its function).
    /// </summary>
    private static SyntaxNode Rewrite(InvocationExpressionSyntax current, InvocationExpressionSyntax original, ImmutableDictionary<string, string?> properties)
    {
        var twin = properties[DiagnosticProperties.ReplacementMethod]!;
        ExpressionSyntax? expression = current.Expression switch
        {
            MemberAccessExpressionSyntax memberAccess => memberAccess.WithName(Rename(memberAccess.Name, twin)),
            SimpleNameSyntax name => Rename(name, twin),
            _ => null,
        };

        if (expression is null)
        {
            return current;
        }

        var arguments = current.ArgumentList;
        if (TokenArgument(properties) is { } token)
        {
            var argument = SyntaxFactory.Argument(token);
            if (!Is(properties, AsyncTwinProperties.TokenPositional)
                && properties.TryGetValue(AsyncTwinProperties.TokenParameterName, out var parameterName)
                && parameterName is not null)
            {
                argument = argument.WithNameColon(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(parameterName)));
            }

            arguments = arguments.WithArguments(arguments.Arguments.Add(argument));
        }

        var call = current.WithExpression(expression).WithArgumentList(arguments).WithoutTrivia();
        return AwaitSyntax.Await(call, original, operandHasConfigureAwait: Is(properties, AsyncTwinProperties.ConfigureAwait))
            .WithTriviaFrom(current);
    }

    /// <summary>The token in scope where the twin accepts one; <c>CancellationToken.None</c> where it requires one and none is in scope.</summary>
    private static ExpressionSyntax? TokenArgument(ImmutableDictionary<string, string?> properties)
    {
        if (!Is(properties, AsyncTwinProperties.TokenAccepted))
        {
            return null;
        }

        if (properties.TryGetValue(DiagnosticProperties.CancellationToken, out var token) && token is not null)
        {
            return SyntaxFactory.ParseExpression(token);
        }

        return Is(properties, DiagnosticProperties.TokenRequired)
            ? SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                AwaitSyntax.QualifiedType("System.Threading.CancellationToken"),
                SyntaxFactory.IdentifierName("None"))
            : null;
    }

    private static SimpleNameSyntax Rename(SimpleNameSyntax name, string newName)
        => name.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier));

    private static bool Is(ImmutableDictionary<string, string?> properties, string key)
        => properties.TryGetValue(key, out var value) && value == bool.TrueString;
}
