using System.Globalization;
using System.Text.RegularExpressions;
using AsyncLint.Analyzers;
using AsyncLint.Catalog;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Tests.Catalog;

/// <summary>
/// Every rule an analyzer supports is complete: docs page, help link, README row, release-tracking entry,
/// tests and a showcase occurrence; and the generated README tables and presets are up to date.
/// </summary>
public sealed partial class CatalogConsistencyTests
{
    private static readonly Lazy<RuleCatalog> LazyCatalog = new(RuleCatalog.Load);

    private static RuleCatalog Catalog => LazyCatalog.Value;

    public static TheoryData<string> ImplementedRules()
    {
        var data = new TheoryData<string>();
        foreach (var rule in Catalog.Rules)
        {
            data.Add(rule.Id);
        }

        return data;
    }

    [Fact]
    public void Some_rule_is_implemented_and_the_catalog_loads_without_problems()
    {
        Assert.NotEmpty(Catalog.Rules);
        Assert.Empty(Catalog.Problems);
    }

    [Fact]
    public void Generated_readme_tables_and_presets_are_up_to_date()
    {
        // The catalog tool's --check mode, in process: run `dotnet run --project tools/AsyncLint.Catalog` to regenerate.
        var files = CatalogGenerator.Generate(RepoPaths.Root, Catalog);
        Assert.Empty(CatalogGenerator.FindStale(RepoPaths.Root, files));
    }

    [Fact]
    public void Check_mode_finds_a_hand_edited_readme_row_and_a_missing_preset()
    {
        var root = Path.Combine(Path.GetTempPath(), "asynclint-catalog-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(root);
            var rule = Catalog.Rules[0];
            File.WriteAllText(
                Path.Combine(root, CatalogGenerator.ReadmePath),
                File.ReadAllText(RepoPaths.Combine("README.md")).Replace(CatalogGenerator.RuleRow(rule), CatalogGenerator.RuleRow(rule).Replace(" | yes |", " | maybe |", StringComparison.Ordinal).Replace(" | no |", " | maybe |", StringComparison.Ordinal), StringComparison.Ordinal));

            var files = CatalogGenerator.Generate(root, Catalog);
            Assert.Equal([CatalogGenerator.ReadmePath, CatalogGenerator.RecommendedPresetPath, CatalogGenerator.StrictPresetPath], CatalogGenerator.FindStale(root, files));

            CatalogGenerator.Write(root, files);
            Assert.Empty(CatalogGenerator.FindStale(root, CatalogGenerator.Generate(root, Catalog)));
            Assert.Contains(CatalogGenerator.RuleRow(rule), File.ReadAllText(Path.Combine(root, CatalogGenerator.ReadmePath)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(ImplementedRules))]
    public void Docs_page_exists_and_its_title_line_is_the_descriptor_title(string id)
    {
        var rule = Rule(id);
        var page = RepoPaths.Combine(rule.DocsPath.Split('/'));
        Assert.True(File.Exists(page), $"{id}: no docs page {rule.DocsPath}");
        Assert.Equal($"# {id}: {rule.Title}", File.ReadLines(page).First());
    }

    [Theory]
    [MemberData(nameof(ImplementedRules))]
    public void Help_link_is_the_registry_link_to_the_docs_page(string id)
    {
        var rule = Rule(id);
        Assert.Equal(DiagnosticDescriptors.HelpLink(id), rule.Descriptor.HelpLinkUri);
        Assert.EndsWith("/" + rule.DocsPath, rule.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ImplementedRules))]
    public void Readme_has_the_rule_row_with_its_default_severity(string id)
    {
        var rule = Rule(id);
        var readme = File.ReadAllLines(RepoPaths.Combine("README.md"));
        var row = Assert.Single(readme, line => line.StartsWith($"| [{id}](", StringComparison.Ordinal));
        var cells = row.Split(" | ");
        Assert.Equal(rule.Severity.ToString(), cells[3]);
        Assert.Equal(CatalogGenerator.RuleRow(rule), row);
    }

    [Theory]
    [MemberData(nameof(ImplementedRules))]
    public void Release_tracking_has_the_rule_with_its_category_and_severity(string id)
    {
        var rule = Rule(id);
        var rows = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
            .SelectMany(file => File.ReadLines(RepoPaths.Combine("src", "Analyzers", file)))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length >= 4 && cells[0] == id)
            .ToList();

        // The last entry (Unshipped after Shipped, latest release last) is the rule's current state:
        // "ID | Category | Severity | ..." for new rules, "ID | New Category | New Severity | ..." for changed ones.
        Assert.NotEmpty(rows);
        Assert.Equal(rule.Category, rows[^1][1]);
        Assert.Equal(rule.Severity.ToString(), rows[^1][2]);
    }

    [Theory]
    [MemberData(nameof(ImplementedRules))]
    public void Some_test_besides_the_catalog_tests_mentions_the_rule(string id)
    {
        var tests = RepoPaths.Combine("tests", "AsyncLint.Tests");
        var catalogTests = Path.Combine(tests, "Catalog") + Path.DirectorySeparatorChar;
        Assert.Contains(
            SourceFiles(tests).Where(f => !f.StartsWith(catalogTests, StringComparison.Ordinal)),
            f => File.ReadAllText(f).Contains(id, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ImplementedRules))]
    public void Showcase_sample_has_an_occurrence(string id)
    {
        Assert.Contains(
            SourceFiles(RepoPaths.Combine("samples", "AsyncLint.Showcase")),
            f => File.ReadAllText(f).Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_descriptor_category_and_id_agree_with_DiagnosticCategoryAndIdRanges()
    {
        var ranges = new Dictionary<string, List<(string Prefix, int From, int To)>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(RepoPaths.Combine("src", "Analyzers", "DiagnosticCategoryAndIdRanges.txt")))
        {
            var text = line.Split('#')[0].Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var category = text[..colon].Trim();
            ranges[category] = text[(colon + 1)..]
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(range =>
                {
                    var ends = range.Split('-');
                    var from = IdPattern().Match(ends[0]);
                    var to = IdPattern().Match(ends[^1]);
                    return (from.Groups[1].Value, Number(from), Number(to));
                })
                .ToList();
        }

        Assert.NotEmpty(Catalog.Registry);
        Assert.All(Catalog.Registry, descriptor =>
        {
            Assert.True(ranges.TryGetValue(descriptor.Category, out var allowed), $"{descriptor.Id}: category {descriptor.Category} has no range");
            var id = IdPattern().Match(descriptor.Id);
            Assert.True(id.Success, descriptor.Id);
            Assert.Contains(allowed!, r => r.Prefix == id.Groups[1].Value && r.From <= Number(id) && Number(id) <= r.To);
        });
    }

    [Fact]
    public void Every_message_is_a_real_format_string_with_words_around_its_placeholders()
    {
        Assert.All(Catalog.Registry, descriptor =>
        {
            var format = descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture);
            var placeholders = PlaceholderPattern().Matches(format).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).ToList();
            var words = PlaceholderPattern().Replace(format, " ").Trim();
            Assert.True(words.Count(char.IsLetter) >= 10, $"{descriptor.Id}: '{format}' is not a message");

            // Valid composite format: it formats with as many arguments as its highest placeholder needs.
            var arguments = Enumerable.Range(0, placeholders.Count == 0 ? 0 : placeholders.Max() + 1).Select(i => (object)("arg" + i)).ToArray();
            var message = string.Format(CultureInfo.InvariantCulture, format, arguments);
            Assert.All(arguments, a => Assert.Contains((string)a, message, StringComparison.Ordinal));
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Title.ToString(CultureInfo.InvariantCulture)), descriptor.Id);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString(CultureInfo.InvariantCulture)), descriptor.Id);
        });
    }

    [Fact]
    public void Strict_preset_makes_every_rule_at_least_a_warning_and_recommended_sets_nothing()
    {
        // A rule line outranks a category line wherever each is set, so the presets stay at category level
        // (strict) or set nothing (recommended): a user's .editorconfig then always wins.
        var strict = CatalogGenerator.StrictPreset(Catalog);
        Assert.All(Catalog.Rules, rule =>
        {
            Assert.Contains($"dotnet_analyzer_diagnostic.category-{rule.Category}.severity = warning\n", strict, StringComparison.Ordinal);
            Assert.True(CatalogGenerator.Strict(rule) >= DiagnosticSeverity.Warning);
        });
        Assert.DoesNotContain(
            CatalogGenerator.RecommendedPreset(Catalog).Split('\n'),
            line => line.Length > 0 && !line.StartsWith('#') && !line.StartsWith("is_global", StringComparison.Ordinal) && !line.StartsWith("global_level", StringComparison.Ordinal));
    }

    private static Rule Rule(string id) => Catalog.Rules.Single(r => r.Id == id);

    private static int Number(Match id) => int.Parse(id.Groups[2].Value, CultureInfo.InvariantCulture);

    private static IEnumerable<string> SourceFiles(string directory)
    {
        var excluded = new[] { Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar, Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar };
        return Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !excluded.Any(e => f.Contains(e, StringComparison.Ordinal)));
    }

    [GeneratedRegex(@"^([A-Z]+)(\d+)$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex PlaceholderPattern();
}
