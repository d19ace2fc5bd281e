using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

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
    /// the function assigns it exactly once, before the use. Syntax first, symbols to confirm; it runs only when a report
    /// is about to be made.
    /// </summary>
    public static IOperation? Earlier(IOperation reference)
    {
        var writes = Writes(reference);
        return writes is { Length: 1 } && writes[0].Parent!.Span.End <= reference.Syntax.SpanStart
            ? reference.SemanticModel!.GetOperation(writes[0])
            : null;
    }

    /// <summary>
    /// Every value a local declared as <c>Stream? data = null;</c> is given in its function (<c>data = new MemoryStream();</c>
    /// in one branch, <c>data = pool.Rent() ?? new MemoryStream();</c> in another). Empty when it is also written another
    /// way (<c>ref</c>, <c>out</c>, a compound assignment, a deconstruction) or never assigned.
    /// </summary>
    public static ImmutableArray<IOperation> All(ILocalReferenceOperation local)
    {
        var writes = Writes(local);
        if (writes.IsDefaultOrEmpty)
        {
            return ImmutableArray<IOperation>.Empty;
        }

        var values = ImmutableArray.CreateBuilder<IOperation>(writes.Length);
        foreach (var write in writes)
        {
            if (local.SemanticModel!.GetOperation(write) is not { } value)
            {
                return ImmutableArray<IOperation>.Empty;
            }

            values.Add(value);
        }

        return values.MoveToImmutable();
    }

    /// <summary>The right-hand sides of the plain assignments to the referenced local or own property in its function; default when it is written otherwise.</summary>
    private static ImmutableArray<ExpressionSyntax> Writes(IOperation reference)
    {
        var (symbol, name) = reference switch
        {
            ILocalReferenceOperation local => ((ISymbol)local.Local, local.Local.Name),
            IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation, Property: { IsIndexer: false } property } => (property, property.Name),
            _ => (null, null),
        };

        // A local is written only in the function that declares it (and the lambdas inside it), wherever it is read.
        var anchor = reference is ILocalReferenceOperation { Local.DeclaringSyntaxReferences: { Length: 1 } declarations }
                     && declarations[0].SyntaxTree == reference.Syntax.SyntaxTree
            ? declarations[0].GetSyntax()
            : reference.Syntax;
        var model = reference.SemanticModel;
        if (symbol is null || model is null || EnclosingBody(anchor) is not { } body)
        {
            return default;
        }

        var writes = ImmutableArray.CreateBuilder<ExpressionSyntax>();
        foreach (var node in body.DescendantNodes())
        {
            switch (node)
            {
                case AssignmentExpressionSyntax assignment when AssignedName(assignment.Left) == name
                                                                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(assignment.Left).Symbol, symbol):
                    if (!assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                    {
                        return default;
                    }

                    writes.Add(assignment.Right);
                    break;

                // F(out data), F(ref data), (data, other) = …: written where this reader does not look.
                case ArgumentSyntax { RefKindKeyword.RawKind: not (int)SyntaxKind.None, Expression: var passed } when AssignedName(passed) == name:
                case TupleExpressionSyntax tuple when tuple.Parent is AssignmentExpressionSyntax && tuple.Arguments.Any(a => AssignedName(a.Expression) == name):
                    return default;
            }
        }

        return writes.ToImmutable();
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
