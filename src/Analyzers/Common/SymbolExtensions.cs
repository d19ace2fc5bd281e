using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers;

internal static class SymbolExtensions
{
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
}
