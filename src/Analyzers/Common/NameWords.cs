using System;

namespace AsyncLint.Analyzers;

/// <summary>Words in identifiers: <c>ClientShutdownTest</c> holds <c>Shutdown</c>, <c>client_shutdown</c> too; <c>Shutdowns</c> does not.</summary>
internal static class NameWords
{
    /// <summary><paramref name="words"/> (one or more PascalCase words) appears in <paramref name="name"/> on word boundaries, ignoring case.</summary>
    public static bool ContainsWords(string name, string words)
    {
        if (words.Length == 0)
        {
            return false;
        }

        for (var at = name.IndexOf(words, StringComparison.OrdinalIgnoreCase); at >= 0; at = name.IndexOf(words, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var end = at + words.Length;
            if (StartsWord(name, at) && (end == name.Length || name[end] == '_' || char.IsUpper(name[end]) || char.IsDigit(name[end])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWord(string name, int at)
        => at == 0 || name[at - 1] == '_' || char.IsDigit(name[at - 1]) || (char.IsUpper(name[at]) && !char.IsUpper(name[at - 1]));
}
