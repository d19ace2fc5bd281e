using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

/// <summary>
/// Finds the CancellationToken a fix should forward: a token parameter or local of the enclosing
/// function(s), or <c>cts.Token</c> for a CancellationTokenSource local created there. Never another
/// object's token member: a field or property token belongs to someone else's lifetime.
/// Run only when a diagnostic is reported, never per operation.
/// </summary>
internal static class CancellationTokenInScope
{
    /// <summary>The C# expression of the token to forward, or null when none is in scope.</summary>
    public static string? Find(IOperation at, ISymbol containingSymbol, AsyncSymbols symbols)
    {
        if (symbols.CancellationToken is null)
        {
            return null;
        }

        var position = at.Syntax.SpanStart;
        for (var current = at.Parent; current is not null; current = current.Parent)
        {
            var found = FromLocals(LocalsOf(current), position, symbols);
            if (found is not null)
            {
                return found;
            }

            var parameters = current switch
            {
                IAnonymousFunctionOperation lambda => lambda.Symbol.Parameters,
                ILocalFunctionOperation localFunction => localFunction.Symbol.Parameters,
                _ => ImmutableArray<IParameterSymbol>.Empty,
            };
            found = FromParameters(parameters, symbols);
            if (found is not null)
            {
                return found;
            }
        }

        return containingSymbol is IMethodSymbol method ? FromParameters(method.Parameters, symbols) : null;
    }

    private static ImmutableArray<ILocalSymbol> LocalsOf(IOperation operation) => operation switch
    {
        IBlockOperation block => block.Locals,
        ILoopOperation loop => loop.Locals,
        IUsingOperation @using => @using.Locals,
        ICatchClauseOperation @catch => @catch.Locals,
        ISwitchCaseOperation @case => @case.Locals,
        _ => ImmutableArray<ILocalSymbol>.Empty,
    };

    private static string? FromLocals(ImmutableArray<ILocalSymbol> locals, int position, AsyncSymbols symbols)
    {
        // The last token declared before the position is the most specific one; a token source created
        // here (a linked or timed source) is more specific than a parameter further out.
        string? token = null;
        string? fromSource = null;
        foreach (var local in locals)
        {
            if (!IsDeclaredBefore(local, position))
            {
                continue;
            }

            if (symbols.IsCancellationToken(local.Type))
            {
                token = Escape(local.Name);
            }
            else if (symbols.IsCancellationTokenSource(local.Type))
            {
                fromSource = Escape(local.Name) + ".Token";
            }
        }

        return token ?? fromSource;
    }

    private static string? FromParameters(ImmutableArray<IParameterSymbol> parameters, AsyncSymbols symbols)
    {
        for (var i = parameters.Length - 1; i >= 0; i--)
        {
            if (symbols.IsCancellationToken(parameters[i].Type) && parameters[i].RefKind != RefKind.Out)
            {
                return Escape(parameters[i].Name);
            }
        }

        return null;
    }

    private static bool IsDeclaredBefore(ILocalSymbol local, int position)
    {
        var references = local.DeclaringSyntaxReferences;
        return references.Length > 0 && references[0].Span.End <= position;
    }

    private static string Escape(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.AwaitKeyword
            ? "@" + name
            : name;
}
