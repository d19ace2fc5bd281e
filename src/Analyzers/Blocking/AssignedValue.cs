using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>The value a local or a property of this object holds where it is read, when the source says it plainly.</summary>
internal static class AssignedValue
{
    /// <summary><c>var stream = …;</c>: the local's initializer, from the same tree.</summary>
    public static IOperation? Initializer(ILocalReferenceOperation local)
    {
        var references = local.Local.DeclaringSyntaxReferences;
        var model = local.SemanticModel;
        if (references.Length != 1 || model is null || references[0].SyntaxTree != model.SyntaxTree)
        {
            return null;
        }

        return references[0].GetSyntax() is VariableDeclaratorSyntax { Initializer.Value: { } initializer }
            ? model.GetOperation(HelperSource.WithoutSuppression(initializer))
            : null;
    }

    /// <summary>
    /// The value a local declared without one, or a property of this object, was given earlier in the same function:
    /// <c>ResponseStream = await response.Content.ReadAsStreamAsync(); … new StreamReader(ResponseStream)</c>. Only when
    /// the function assigns it exactly once, before the use, and not inside a lambda. Syntax first, symbols to confirm;
    /// it runs only when a report is about to be made.
    /// </summary>
    public static IOperation? Earlier(IOperation reference)
    {
        var (symbol, name) = reference switch
        {
            ILocalReferenceOperation local => ((ISymbol)local.Local, local.Local.Name),
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: { IsIndexer: false } property } => (property, property.Name),
            _ => (null, null),
        };

        var model = reference.SemanticModel;
        if (symbol is null || model is null || EnclosingBody(reference.Syntax) is not { } body)
        {
            return null;
        }

        AssignmentExpressionSyntax? found = null;
        foreach (var node in body.DescendantNodes(static n => n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
        {
            if (node is AssignmentExpressionSyntax assignment
                && AssignedName(assignment.Left) == name
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left).Symbol, symbol))
            {
                if (found is not null || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    return null;
                }

                found = assignment;
            }
        }

        return found is not null && found.Span.End <= reference.Syntax.SpanStart ? model.GetOperation(found.Right) : null;
    }

    private static string? AssignedName(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var member } => member.Identifier.ValueText,
        _ => null,
    };

    private static SyntaxNode? EnclosingBody(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.Body;
                case LocalFunctionStatementSyntax local:
                    return (SyntaxNode?)local.Body ?? local.ExpressionBody;
                case BaseMethodDeclarationSyntax method:
                    return (SyntaxNode?)method.Body ?? method.ExpressionBody;
                case AccessorDeclarationSyntax accessor:
                    return (SyntaxNode?)accessor.Body ?? accessor.ExpressionBody;
            }
        }

        return null;
    }
}
