using Microsoft.CodeAnalysis;

namespace AsyncLint.Cli;

/// <summary>One diagnostic as the CLI reports it: where, which rule, what it says, and the source line.</summary>
internal sealed record Hit(
    string Path,
    int Line,
    int Column,
    int EndLine,
    int EndColumn,
    string Id,
    DiagnosticSeverity Severity,
    string Message,
    string SourceLine)
{
    public static Hit From(Diagnostic diagnostic)
    {
        // Where the compiler would show it: a #line directive (a Razor component's @code) maps generated code to its source.
        var unmapped = diagnostic.Location.GetLineSpan();
        var mapped = diagnostic.Location.GetMappedLineSpan();
        var span = mapped.HasMappedPath ? mapped : unmapped;
        var text = diagnostic.Location.SourceTree?.GetText();
        var sourceLine = "";
        if (text is not null)
        {
            var line = unmapped.StartLinePosition.Line;
            if (line >= 0 && line < text.Lines.Count)
            {
                sourceLine = text.Lines[line].ToString();
            }
        }

        return new Hit(
            span.Path,
            span.StartLinePosition.Line + 1,
            span.StartLinePosition.Character + 1,
            span.EndLinePosition.Line + 1,
            span.EndLinePosition.Character + 1,
            diagnostic.Id,
            diagnostic.Severity,
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture),
            sourceLine);
    }

    public static int Rank(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => 3,
        DiagnosticSeverity.Warning => 2,
        DiagnosticSeverity.Info => 1,
        _ => 0,
    };

    public static int Rank(string severity) => severity switch
    {
        "error" => 3,
        "warning" => 2,
        "info" => 1,
        _ => int.MaxValue, // "never"
    };

    public static string Name(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        DiagnosticSeverity.Info => "info",
        _ => "hidden",
    };
}
