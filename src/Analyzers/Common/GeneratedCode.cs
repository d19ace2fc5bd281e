using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Analyzers;

/// <summary>How every AsyncLint analyzer treats generated code: it skips it.</summary>
internal static class GeneratedCode
{
    /// <summary>
    /// Generated code is not analyzed: the driver never calls the analyzer on a generated file (by name, header comment or
    /// <c>generated_code = true</c>), on a <c>[GeneratedCode]</c> type or member, or under <c>#line hidden</c>, so nothing is
    /// reported there.
    /// </summary>
    /// <remarks>
    /// Why <see cref="GeneratedCodeAnalysisFlags.ReportDiagnostics"/> rather than <see cref="GeneratedCodeAnalysisFlags.None"/>:
    /// without <see cref="GeneratedCodeAnalysisFlags.Analyze"/> the driver skips generated code before calling us either
    /// way, so every diagnostic we report comes from code that is not generated. With <c>None</c> it also checks each
    /// reported diagnostic's location, and the first diagnostic in a file makes it walk every token of that file looking
    /// for a <c>GeneratedCode</c> attribute: a quarter of AsyncLint's time on the bench's codebase. The behaviour is the
    /// same (Robustness/GeneratedCodeTests); only the redundant second check is gone.
    /// </remarks>
    public const GeneratedCodeAnalysisFlags Skip = GeneratedCodeAnalysisFlags.ReportDiagnostics;
}
