using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
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
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace AsyncLint.CodeFixes.Unobserved;

/// <summary>
/// ASYNC204: <c>list.ForEach(async x => body)</c> → <c>foreach (var x in list) { body }</c> (the awaits now run one element
/// after another, and the statement waits for them); <c>Parallel.ForEach(source, async x => body)</c> →
/// <c>await Parallel.ForEachAsync(source, async (x, cancellationToken) => body)</c>, forwarding the token in scope.
/// The analyzer decides which calls qualify (a statement of an async function); this fix checks the syntax it moves.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ASYNC204AsyncLambdaToVoidDelegateCodeFix)), Shared]
public sealed class ASYNC204AsyncLambdaToVoidDelegateCodeFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.AsyncLambdaToVoidDelegate);

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
                || !diagnostic.Properties.TryGetValue(DiagnosticProperties.Kind, out var kind)
                || root.FindToken(diagnostic.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<AnonymousFunctionExpressionSyntax>().FirstOrDefault() is not { } lambda
                || lambda.Parent is not ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } }
                || invocation.Parent is not ExpressionStatementSyntax statement)
            {
                continue;
            }

            if (kind == nameof(AsyncLambdaFixKind.ListForEach) && CanRewriteAsForEach(lambda, invocation, statement))
            {
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use 'foreach' with 'await'",
                        ct => ToForEachAsync(context.Document, lambda, invocation, statement, ct),
                        equivalenceKey: nameof(ASYNC204AsyncLambdaToVoidDelegateCodeFix) + ".ForEach"),
                    diagnostic);
            }
            else if (kind == nameof(AsyncLambdaFixKind.ParallelForEach) && CanRewriteAsForEachAsync(lambda, invocation))
            {
                diagnostic.Properties.TryGetValue(DiagnosticProperties.CancellationToken, out var token);
                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use 'await Parallel.ForEachAsync'",
                        ct => ToParallelForEachAsync(context.Document, lambda, invocation, statement, token, ct),
                        equivalenceKey: nameof(ASYNC204AsyncLambdaToVoidDelegateCodeFix) + ".ParallelForEachAsync"),
                    diagnostic);
            }
        }
    }

    // ---- list.ForEach(async x => ...) → foreach ------------------------------------------------------------

    private static bool CanRewriteAsForEach(AnonymousFunctionExpressionSyntax lambda, InvocationExpressionSyntax invocation, ExpressionStatementSyntax statement)
    {
        if (invocation.Expression is not MemberAccessExpressionSyntax || SingleParameter(lambda) is null)
        {
            return false;
        }

        // `return;` becomes `continue;`, which only means the same where no loop inside the lambda would take it.
        if (lambda.Block is { } block)
        {
            foreach (var node in MakeAsync.OwnDescendants(block))
            {
                if (node is ReturnStatementSyntax @return
                    && @return.Ancestors().TakeWhile(a => a != lambda).Any(static a => a is ForStatementSyntax or CommonForEachStatementSyntax or WhileStatementSyntax or DoStatementSyntax))
                {
                    return false;
                }
            }
        }

        // The lambda's names move into the enclosing function's scope: none may collide with a name declared there.
        return !CollidesWithEnclosingNames(lambda, statement);
    }

    private static async Task<Document> ToForEachAsync(
        Document document, AnonymousFunctionExpressionSyntax lambda, InvocationExpressionSyntax invocation, ExpressionStatementSyntax statement, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var parameter = SingleParameter(lambda)!;
        var list = ((MemberAccessExpressionSyntax)invocation.Expression).Expression.WithoutTrivia();

        BlockSyntax body;
        if (lambda.Block is { } block)
        {
            var returns = MakeAsync.OwnDescendants(block).OfType<ReturnStatementSyntax>().ToList();
            body = block.ReplaceNodes(returns, static (original, _) => SyntaxFactory.ContinueStatement().WithTriviaFrom(original));
            if (body.Statements.LastOrDefault() is ContinueStatementSyntax last && returns.Count > 0)
            {
                body = body.WithStatements(body.Statements.Remove(last));
            }
        }
        else
        {
            body = SyntaxFactory.Block(SyntaxFactory.ExpressionStatement((ExpressionSyntax)lambda.Body.WithoutTrivia()));
        }

        var type = parameter.Type?.WithoutTrivia() ?? SyntaxFactory.IdentifierName("var");
        var forEach = SyntaxFactory.ForEachStatement(type, parameter.Identifier.WithoutTrivia(), list, body.WithoutTrivia())
            .WithTriviaFrom(statement)
            .WithAdditionalAnnotations(Formatter.Annotation);
        editor.ReplaceNode(statement, forEach);
        return editor.GetChangedDocument();
    }

    // ---- Parallel.ForEach(source, async x => ...) → await Parallel.ForEachAsync --------------------------------

    private static bool CanRewriteAsForEachAsync(AnonymousFunctionExpressionSyntax lambda, InvocationExpressionSyntax invocation)
        => lambda is SimpleLambdaExpressionSyntax or ParenthesizedLambdaExpressionSyntax
           && SingleParameter(lambda) is not null
           && invocation.Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax { Identifier.ValueText: "ForEach" } }
           && invocation.ArgumentList.Arguments.Last().Expression == lambda;

    private static async Task<Document> ToParallelForEachAsync(
        Document document, AnonymousFunctionExpressionSyntax lambda, InvocationExpressionSyntax invocation, ExpressionStatementSyntax statement,
        string? token, CancellationToken cancellationToken)
    {
        var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
        var parameter = SingleParameter(lambda)!;
        var tokenName = FreeName(lambda, statement, "cancellationToken", "ct", "token", "loopToken");

        var tokenParameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(tokenName));
        if (parameter.Type is not null)
        {
            tokenParameter = tokenParameter.WithType(AwaitSyntax.QualifiedType("System.Threading.CancellationToken").WithTrailingTrivia(SyntaxFactory.Space));
        }

        var parameters = SyntaxFactory.ParameterList(SyntaxFactory.SeparatedList(new[] { parameter.WithoutTrivia(), tokenParameter }));
        var newLambda = SyntaxFactory.ParenthesizedLambdaExpression(parameters, lambda.Block, lambda.ExpressionBody)
            .WithModifiers(lambda.Modifiers)
            .WithArrowToken(((LambdaExpressionSyntax)lambda).ArrowToken)
            .WithTriviaFrom(lambda);

        var arguments = invocation.ArgumentList.Arguments;
        var named = arguments.Any(static a => a.NameColon is not null);
        var newArguments = new List<ArgumentSyntax>();
        for (var i = 0; i < arguments.Count - 1; i++)
        {
            var argument = arguments[i];
            if (i == 1 && token is not null && !named)
            {
                argument = argument.WithExpression(WithToken(argument.Expression, token));
            }

            newArguments.Add(argument);
        }

        if (arguments.Count == 2 && token is not null && !named)
        {
            newArguments.Add(SyntaxFactory.Argument(SyntaxFactory.ParseExpression(token)));
        }

        newArguments.Add(arguments.Last().WithExpression(newLambda));

        var memberAccess = (MemberAccessExpressionSyntax)invocation.Expression;
        var call = invocation
            .WithExpression(memberAccess.WithName(SyntaxFactory.IdentifierName("ForEachAsync").WithTriviaFrom(memberAccess.Name)))
            .WithArgumentList(invocation.ArgumentList.WithArguments(SyntaxFactory.SeparatedList(newArguments)));

        var awaited = AwaitSyntax.Await(call, statement);
        editor.ReplaceNode(statement, statement.WithExpression(awaited.WithTriviaFrom(invocation)));
        return await AwaitSyntax.AddImportsAsync(editor.GetChangedDocument(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>new ParallelOptions { MaxDegreeOfParallelism = 4 }</c> gains <c>CancellationToken = token</c> when it sets none.</summary>
    private static ExpressionSyntax WithToken(ExpressionSyntax options, string token)
    {
        if (options is not BaseObjectCreationExpressionSyntax creation)
        {
            return options;
        }

        var initializer = creation.Initializer;
        if (initializer is not null
            && (!initializer.IsKind(SyntaxKind.ObjectInitializerExpression)
                || initializer.Expressions.Any(static e => e is AssignmentExpressionSyntax { Left: IdentifierNameSyntax { Identifier.ValueText: "CancellationToken" } })))
        {
            return options;
        }

        var assignment = SyntaxFactory.AssignmentExpression(
            SyntaxKind.SimpleAssignmentExpression, SyntaxFactory.IdentifierName("CancellationToken"), SyntaxFactory.ParseExpression(token));
        initializer = initializer is null
            ? SyntaxFactory.InitializerExpression(SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(assignment))
            : initializer.AddExpressions(assignment);
        return creation.WithInitializer(initializer).WithAdditionalAnnotations(Formatter.Annotation);
    }

    // ---- shared --------------------------------------------------------------------------------------------

    private static ParameterSyntax? SingleParameter(AnonymousFunctionExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters.Count: 1 } parenthesized
            when parenthesized.ParameterList.Parameters[0].Modifiers.Count == 0 => parenthesized.ParameterList.Parameters[0],
        _ => null,
    };

    private static bool CollidesWithEnclosingNames(AnonymousFunctionExpressionSyntax lambda, SyntaxNode statement)
    {
        var member = statement.Ancestors().FirstOrDefault(static a => a is MemberDeclarationSyntax);
        var scope = member is GlobalStatementSyntax or null ? statement.SyntaxTree.GetRoot() : member;
        var outer = MakeAsync.DeclaredNames(scope, except: lambda);
        foreach (var name in MakeAsync.DeclaredNames(lambda))
        {
            if (outer.Contains(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A name for the new token parameter that neither the lambda uses nor an enclosing function declares (parameters and
    /// locals of its own body, not of sibling lambdas: those are other scopes, and FixAll must name every lambda alike).
    /// </summary>
    private static string FreeName(AnonymousFunctionExpressionSyntax lambda, SyntaxNode statement, params string[] candidates)
    {
        var used = new HashSet<string>(lambda.DescendantTokens().Where(static t => t.IsKind(SyntaxKind.IdentifierToken)).Select(static t => t.ValueText));
        foreach (var ancestor in statement.Ancestors())
        {
            if (ancestor is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax or CompilationUnitSyntax)
            {
                used.UnionWith(MakeAsync.DeclaredNames(ancestor, ownScopeOnly: true));

                if (ancestor is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    foreach (var parameter in ancestor.ChildNodes().OfType<ParameterListSyntax>().SelectMany(static l => l.Parameters)
                        .Concat(ancestor.ChildNodes().OfType<ParameterSyntax>()))
                    {
                        used.Add(parameter.Identifier.ValueText);
                    }
                }
            }
        }

        foreach (var candidate in candidates)
        {
            if (!used.Contains(candidate))
            {
                return candidate;
            }
        }

        for (var i = 1; ; i++)
        {
            if (!used.Contains("cancellationToken" + i))
            {
                return "cancellationToken" + i;
            }
        }
    }
}
