using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Cli;

/// <summary>Writes hits as a SARIF 2.1.0 log, the format CI systems and code-scanning dashboards read.</summary>
internal static class Sarif
{
    public static void Write(string path, ImmutableArray<Hit> hits, ImmutableArray<DiagnosticDescriptor> descriptors)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        var log = new Dictionary<string, object>
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new[]
            {
                new Dictionary<string, object>
                {
                    ["tool"] = new
                    {
                        driver = new
                        {
                            name = "AsyncLint",
                            informationUri = "https://github.com/asynclint/asynclint",
                            version = typeof(Sarif).Assembly.GetName().Version?.ToString() ?? "0.0.0",
                            rules = descriptors.Select(d => new
                            {
                                id = d.Id,
                                shortDescription = new { text = d.Title.ToString(culture) },
                                fullDescription = new { text = d.Description.ToString(culture) },
                                helpUri = d.HelpLinkUri,
                                defaultConfiguration = new { level = Level(d.DefaultSeverity) },
                                properties = new { category = d.Category },
                            }),
                        },
                    },
                    ["results"] = hits.Select(h => new
                    {
                        ruleId = h.Id,
                        level = Level(h.Severity),
                        message = new { text = h.Message },
                        locations = new[]
                        {
                            new
                            {
                                physicalLocation = new
                                {
                                    artifactLocation = new { uri = new Uri(h.Path).AbsoluteUri },
                                    region = new { startLine = h.Line, startColumn = h.Column, endLine = h.EndLine, endColumn = h.EndColumn },
                                },
                            },
                        },
                    }),
                },
            },
        };

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(log, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Level(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "note",
    };
}
