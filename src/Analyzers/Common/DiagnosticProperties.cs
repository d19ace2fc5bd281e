using System.Collections.Immutable;

namespace AsyncLint.Analyzers;

/// <summary>
/// Named keys for what a diagnostic hands to its code fix, so that the fix never works it out again.
/// </summary>
public static class DiagnosticProperties
{
    /// <summary>The expression of the CancellationToken in scope to forward (<c>ct</c>, <c>cts.Token</c>), absent when none.</summary>
    public const string CancellationToken = "CancellationToken";

    /// <summary>The name of the awaitable counterpart to call (<c>ReadAllTextAsync</c>).</summary>
    public const string ReplacementMethod = "ReplacementMethod";

    /// <summary>Whether the counterpart requires a token (so <c>CancellationToken.None</c> is passed when none is in scope).</summary>
    public const string TokenRequired = "TokenRequired";

    /// <summary>Which shape the diagnostic found, one of the family's small enums, by name.</summary>
    public const string Kind = "Kind";

    /// <summary>Present when the code fix must not be offered (the rewrite would not compile there).</summary>
    public const string NoFix = "NoFix";

    /// <summary>Present when the additional location is a method group the fix must call before awaiting (<c>await LoadAsync()</c>).</summary>
    public const string InvokeMethodGroup = "InvokeMethodGroup";

    public static ImmutableDictionary<string, string?> Empty => ImmutableDictionary<string, string?>.Empty;
}
