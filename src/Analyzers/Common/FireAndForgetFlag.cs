using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers;

/// <summary>
/// An enum whose member named <c>FireAndForget</c> asks a call not to wait (StackExchange.Redis <c>CommandFlags</c>):
/// the member's value, and whether a constant includes it (also combined with <c>|</c>; a zero flag only as zero).
/// Shared by the blocking rules (such a call does not block) and the dropped-task rules (its task is not to be awaited).
/// </summary>
internal static class FireAndForgetFlag
{
    /// <summary>The value of the enum's <c>FireAndForget</c> member, or null when it has none.</summary>
    public static ulong? ValueIn(INamedTypeSymbol enumType)
    {
        foreach (var member in enumType.GetMembers("FireAndForget"))
        {
            if (member is IFieldSymbol { HasConstantValue: true } field && ToUInt64(field.ConstantValue) is { } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>The constant <paramref name="value"/> of <paramref name="enumType"/> includes its <c>FireAndForget</c> member.</summary>
    public static bool IsIncludedIn(INamedTypeSymbol enumType, object? value)
    {
        if (ValueIn(enumType) is not { } flag || ToUInt64(value) is not { } actual)
        {
            return false;
        }

        return flag == 0 ? actual == 0 : (actual & flag) == flag;
    }

    private static ulong? ToUInt64(object? value) => value switch
    {
        int i => unchecked((ulong)i),
        uint u => u,
        long l => unchecked((ulong)l),
        ulong ul => ul,
        short s => unchecked((ulong)s),
        ushort us => us,
        byte b => b,
        sbyte sb => unchecked((ulong)sb),
        _ => null,
    };
}
