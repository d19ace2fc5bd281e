using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.CodeFixes;

/// <summary>
/// Turning a method, local function, lambda or anonymous method into an async one: the <c>async</c> modifier,
/// the return type, and the statements of its own body (not those of nested functions).
/// </summary>
internal static class MakeAsync
{
    /// <summary>A function that can be made async: a method, a local function, a lambda or an anonymous method.</summary>
    public static bool IsFunction(SyntaxNode node)
        => node is MethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax;

    /// <summary>The innermost function (or accessor, operator, constructor...) that contains <paramref name="node"/>.</summary>
    public static SyntaxNode? EnclosingFunction(SyntaxNode node)
        => node.Ancestors().FirstOrDefault(static n =>
            n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax
              or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax { Parent: PropertyDeclarationSyntax or IndexerDeclarationSyntax }
              or CompilationUnitSyntax);

    /// <summary>True when the function already has the <c>async</c> modifier.</summary>
    public static bool IsAsync(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.Modifiers.Any(SyntaxKind.AsyncKeyword),
        LocalFunctionStatementSyntax local => local.Modifiers.Any(SyntaxKind.AsyncKeyword),
        AnonymousFunctionExpressionSyntax lambda => lambda.Modifiers.Any(SyntaxKind.AsyncKeyword),
        _ => false,
    };

    /// <summary>Adds <c>async</c> to the modifiers (before <c>partial</c>, after the others), keeping the leading trivia in place.</summary>
    public static SyntaxNode AddAsyncModifier(SyntaxNode function)
    {
        if (IsAsync(function))
        {
            return function;
        }

        switch (function)
        {
            case MethodDeclarationSyntax method:
                return method.Modifiers.Count == 0
                    ? method.WithReturnType(method.ReturnType.WithoutLeadingTrivia())
                        .WithModifiers(SyntaxFactory.TokenList(AsyncToken().WithLeadingTrivia(method.ReturnType.GetLeadingTrivia())))
                    : method.WithModifiers(Insert(method.Modifiers));

            case LocalFunctionStatementSyntax local:
                return local.Modifiers.Count == 0
                    ? local.WithReturnType(local.ReturnType.WithoutLeadingTrivia())
                        .WithModifiers(SyntaxFactory.TokenList(AsyncToken().WithLeadingTrivia(local.ReturnType.GetLeadingTrivia())))
                    : local.WithModifiers(Insert(local.Modifiers));

            case AnonymousFunctionExpressionSyntax lambda when lambda.Modifiers.Count == 0:
                var leading = lambda.GetLeadingTrivia();
                var bare = lambda.WithoutLeadingTrivia();
                return ((AnonymousFunctionExpressionSyntax)bare).WithModifiers(SyntaxFactory.TokenList(AsyncToken().WithLeadingTrivia(leading)));

            case AnonymousFunctionExpressionSyntax lambda:
                return lambda.WithModifiers(Insert(lambda.Modifiers));

            default:
                return function;
        }
    }

    /// <summary>The return type syntax of a method or local function; null for lambdas (inferred) and others.</summary>
    public static TypeSyntax? ReturnType(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.ReturnType,
        LocalFunctionStatementSyntax local => local.ReturnType,
        ParenthesizedLambdaExpressionSyntax { ReturnType: { } type } => type,
        _ => null,
    };

    /// <summary>The body block of a function; null for an expression body.</summary>
    public static BlockSyntax? Body(SyntaxNode function) => function switch
    {
        MethodDeclarationSyntax method => method.Body,
        LocalFunctionStatementSyntax local => local.Body,
        AnonymousFunctionExpressionSyntax lambda => lambda.Block,
        _ => null,
    };

    /// <summary>The descendants of <paramref name="body"/> that belong to it, not to a nested lambda or local function.</summary>
    public static IEnumerable<SyntaxNode> OwnDescendants(SyntaxNode body)
        => body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax));

    /// <summary>
    /// The names declared inside <paramref name="scope"/>: parameters, locals, pattern and foreach variables,
    /// catch variables, local functions. Used to avoid capturing or shadowing a name when code moves between scopes.
    /// With <paramref name="ownScopeOnly"/>, nested lambdas and local functions are not entered (their names are theirs).
    /// </summary>
    public static HashSet<string> DeclaredNames(SyntaxNode scope, SyntaxNode? except = null, bool ownScopeOnly = false)
    {
        var names = new HashSet<string>();
        foreach (var node in scope.DescendantNodesAndSelf(n => (except is null || n != except)
                     && (!ownScopeOnly || n == scope || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))))
        {
            if (except is not null && node == except)
            {
                continue;
            }

            switch (node)
            {
                case ParameterSyntax parameter:
                    names.Add(parameter.Identifier.ValueText);
                    break;
                case VariableDeclaratorSyntax variable:
                    names.Add(variable.Identifier.ValueText);
                    break;
                case SingleVariableDesignationSyntax designation:
                    names.Add(designation.Identifier.ValueText);
                    break;
                case ForEachStatementSyntax forEach:
                    names.Add(forEach.Identifier.ValueText);
                    break;
                case CatchDeclarationSyntax { Identifier.RawKind: not 0 } catchDeclaration:
                    names.Add(catchDeclaration.Identifier.ValueText);
                    break;
                case LocalFunctionStatementSyntax localFunction:
                    names.Add(localFunction.Identifier.ValueText);
                    break;
            }
        }

        return names;
    }

    private static SyntaxTokenList Insert(SyntaxTokenList modifiers)
    {
        var index = modifiers.Count;
        for (var i = 0; i < modifiers.Count; i++)
        {
            if (modifiers[i].IsKind(SyntaxKind.PartialKeyword))
            {
                index = i;
                break;
            }
        }

        return modifiers.Insert(index, AsyncToken());
    }

    private static SyntaxToken AsyncToken()
        => SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
}
