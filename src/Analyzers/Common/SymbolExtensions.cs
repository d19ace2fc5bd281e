using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers;

internal static class SymbolExtensions
{
    /// <summary>
    /// The block or expression body of a method or local function declared once in source (a partial method's two parts,
    /// metadata, an accessor: null). Syntax only: what the rules that read another method's body start from.
    /// </summary>
    public static SyntaxNode? SingleSourceBody(this IMethodSymbol method)
        => method.DeclaringSyntaxReferences.Length != 1 ? null : method.DeclaringSyntaxReferences[0].GetSyntax() switch
        {
            BaseMethodDeclarationSyntax declaration => (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody,
            LocalFunctionStatementSyntax local => (SyntaxNode?)local.Body ?? local.ExpressionBody,
            _ => null,
        };

    /// <summary>The local, parameter or field a value reads as it is (no conversion removed), else null.</summary>
    public static ISymbol? VariableSymbol(this IOperation value) => value switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        IFieldReferenceOperation field => field.Field,
        _ => null,
    };

    /// <summary>
    /// No other body can run in its place, and this one is written here: not virtual, abstract, an override or extern.
    /// What the rules read from a method's own source holds for every call of it only then.
    /// </summary>
    public static bool RunsOnlyItsOwnBody(this IMethodSymbol method)
        => !(method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern);

    /// <summary><see cref="System.Exception"/> or a type derived from it.</summary>
    public static bool IsExceptionType(this ITypeSymbol? type)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (current is { Name: "Exception", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The .NET libraries and Microsoft's own packages (<c>System.*</c>, <c>Microsoft.*</c>, <c>mscorlib</c>, <c>netstandard</c>), or none.</summary>
    public static bool IsFrameworkAssembly(IAssemblySymbol? assembly)
    {
        if (assembly is null)
        {
            return true;
        }

        var name = assembly.Identity.Name;
        return name.StartsWith("System", System.StringComparison.Ordinal) || name.StartsWith("Microsoft", System.StringComparison.Ordinal)
               || name == "mscorlib" || name == "netstandard";
    }

    public static bool Is(this ISymbol? symbol, ISymbol? other)
        => symbol is not null && other is not null && SymbolEqualityComparer.Default.Equals(symbol, other);

    /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it.</summary>
    public static bool InheritsFromOrEquals(this ITypeSymbol? type, ITypeSymbol? baseType)
    {
        if (baseType is null)
        {
            return false;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, baseType.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when the type is, derives from or implements <paramref name="other"/>.</summary>
    public static bool IsOrImplements(this ITypeSymbol? type, ITypeSymbol? other)
    {
        if (type is null || other is null)
        {
            return false;
        }

        if (type.InheritsFromOrEquals(other))
        {
            return true;
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (SymbolEqualityComparer.Default.Equals(candidate.OriginalDefinition, other.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The namespace is exactly <paramref name="dotted"/> (<c>"System.IO"</c>), compared name by name from the inside
    /// out: no display string is built, so it is cheap enough for a hot path.
    /// </summary>
    public static bool IsNamespace(this INamespaceSymbol? ns, string dotted)
    {
        var end = dotted.Length;
        var current = ns;
        while (end > 0)
        {
            if (current is null || current.IsGlobalNamespace)
            {
                return false;
            }

            var start = dotted.LastIndexOf('.', end - 1) + 1;
            var name = current.Name;
            if (end - start != name.Length || string.CompareOrdinal(dotted, start, name, 0, name.Length) != 0)
            {
                return false;
            }

            end = start - 1;
            current = current.ContainingNamespace;
        }

        return current is { IsGlobalNamespace: true };
    }
}
