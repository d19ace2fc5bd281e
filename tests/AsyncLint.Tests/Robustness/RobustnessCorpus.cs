using System.Collections.Immutable;
using System.Text;
using System.Text.RegularExpressions;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Tests.Robustness;

/// <summary>One piece of C# the robustness suite analyzes: the first source is the one mutations and fixes target.</summary>
internal sealed record CorpusEntry(
    string Name,
    string Source,
    ImmutableArray<(string Name, string Text)> ExtraSources,
    ReferenceSet References,
    LanguageVersion LanguageVersion)
{
    public IReadOnlyList<(string Name, string Text)> Sources(string source)
        => [("Main.cs", source), .. ExtraSources];

    public IReadOnlyList<SyntaxTree> Parse(string source, LanguageVersion? languageVersion = null)
    {
        var options = RobustnessAnalysis.ParseOptions(languageVersion ?? LanguageVersion);
        return Sources(source).Select(s => CSharpSyntaxTree.ParseText(s.Text, options, path: s.Name)).ToList();
    }

    public override string ToString() => Name;
}

/// <summary>
/// The robustness corpus: every C# snippet in the test sources (string literals that parse as a compilation unit,
/// test markup stripped), every file under samples/, and the hand-written unusual-syntax snippets.
/// Found afresh on each run, so that rules added later are exercised on their own tests' code.
/// </summary>
internal static partial class RobustnessCorpus
{
    private static readonly Lazy<ImmutableArray<CorpusEntry>> TestSnippetsValue = new(LoadTestSnippets);
    private static readonly Lazy<ImmutableArray<CorpusEntry>> SamplesValue = new(LoadSamples);

    public static ImmutableArray<CorpusEntry> TestSnippets => TestSnippetsValue.Value;

    public static ImmutableArray<CorpusEntry> Samples => SamplesValue.Value;

    public static ImmutableArray<CorpusEntry> Unusual { get; } = UnusualSyntaxCorpus.Snippets
        .Select(s => new CorpusEntry("unusual:" + s.Name, s.Code, [], s.References, s.LanguageVersion))
        .ToImmutableArray();

    public static ImmutableArray<CorpusEntry> All => [.. TestSnippets, .. Samples, .. Unusual];

    /// <summary>The <c>ImplicitUsings</c> of an SDK console/library project, as the samples are compiled.</summary>
    public const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    /// <summary>Removes Microsoft.CodeAnalysis.Testing markup: <c>{|ID:…|}</c>, <c>{|#0:…|}</c>, <c>[|…|]</c>.</summary>
    public static string StripMarkup(string text)
    {
        text = MarkupOpen().Replace(text, "");
        return text.Replace("|}", "", StringComparison.Ordinal)
            .Replace("[|", "", StringComparison.Ordinal)
            .Replace("|]", "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\{\|[^:{}|\r\n]*:")]
    private static partial Regex MarkupOpen();

    private static ImmutableArray<CorpusEntry> LoadSamples()
    {
        var root = RepoPaths.Combine("samples");
        if (!Directory.Exists(root))
        {
            return [];
        }

        return Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !IsBuildOutput(p))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => new CorpusEntry(
                Path.GetRelativePath(RepoPaths.Root, p).Replace('\\', '/'),
                File.ReadAllText(p),
                [("GlobalUsings.g.cs", ImplicitUsings)],
                ReferenceSet.Net100,
                LanguageVersion.Default))
            .ToImmutableArray();
    }

    private static bool IsBuildOutput(string path)
    {
        var normalized = path.Replace('\\', '/');
        return normalized.Contains("/bin/", StringComparison.Ordinal) || normalized.Contains("/obj/", StringComparison.Ordinal);
    }

    private static ImmutableArray<CorpusEntry> LoadTestSnippets()
    {
        var testsRoot = RepoPaths.Combine("tests");
        var robustnessFolder = Path.Combine("AsyncLint.Tests", "Robustness") + Path.DirectorySeparatorChar;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = ImmutableArray.CreateBuilder<CorpusEntry>();
        foreach (var path in Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
        {
            // The unusual-syntax snippets are added with their own names and language versions; generated
            // code in the robustness tests is not a snippet.
            if (IsBuildOutput(path) || path.Contains(robustnessFolder, StringComparison.Ordinal))
            {
                continue;
            }

            var relative = Path.GetRelativePath(RepoPaths.Root, path).Replace('\\', '/');
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: relative);
            foreach (var (line, member, text, isNet80) in Literals(tree))
            {
                var source = StripMarkup(text);
                if (!seen.Add(source) || !IsCompilationUnit(source, isNet80 ? LanguageVersion.CSharp12 : LanguageVersion.Default))
                {
                    continue;
                }

                entries.Add(new CorpusEntry(
                    $"{relative}:{line} ({member})",
                    source,
                    [],
                    isNet80 ? ReferenceSet.Net80 : ReferenceSet.Net100,
                    isNet80 ? LanguageVersion.CSharp12 : LanguageVersion.Default));
            }
        }

        return entries.ToImmutable();
    }

    /// <summary>A snippet: parses without syntax errors into at least one type, member or top-level statement.</summary>
    private static bool IsCompilationUnit(string source, LanguageVersion version)
    {
        if (source.Length < 8 || !source.Contains('\n', StringComparison.Ordinal) && !source.Contains(';', StringComparison.Ordinal))
        {
            return false;
        }

        var tree = CSharpSyntaxTree.ParseText(source, RobustnessAnalysis.ParseOptions(version));
        var root = (CompilationUnitSyntax)tree.GetRoot();
        return root.Members.Count > 0 && !tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>String literals (regular, verbatim, raw) and interpolated strings, holes filled from [InlineData] rows.</summary>
    private static IEnumerable<(int Line, string Member, string Text, bool IsNet80)> Literals(SyntaxTree tree)
    {
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            switch (node)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    yield return (Line(literal), MemberName(literal), literal.Token.ValueText, IsNet80(literal));
                    break;

                case InterpolatedStringExpressionSyntax interpolated:
                    foreach (var text in Instantiate(interpolated))
                    {
                        yield return (Line(interpolated), MemberName(interpolated), text, IsNet80(interpolated));
                    }

                    break;
            }
        }
    }

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;

    private static string MemberName(SyntaxNode node) => node.FirstAncestorOrSelf<MemberDeclarationSyntax>() switch
    {
        MethodDeclarationSyntax method => method.Identifier.ValueText,
        PropertyDeclarationSyntax property => property.Identifier.ValueText,
        FieldDeclarationSyntax field => field.Declaration.Variables.FirstOrDefault()?.Identifier.ValueText ?? "field",
        _ => "?",
    };

    /// <summary>The snippet is verified against .NET 8 (C# 12) when its call says <c>TargetFramework.Net80</c>.</summary>
    private static bool IsNet80(SyntaxNode node)
        => node.Ancestors().OfType<InvocationExpressionSyntax>().FirstOrDefault() is { } call
           && call.ArgumentList.Arguments.Any(a => a.Expression.ToString().EndsWith("Net80", StringComparison.Ordinal));

    /// <summary>
    /// One text per [InlineData] row of the enclosing test (up to three) with the holes that name a parameter
    /// filled in; other holes become <c>default</c>.
    /// </summary>
    private static IEnumerable<string> Instantiate(InterpolatedStringExpressionSyntax interpolated)
    {
        var method = interpolated.FirstAncestorOrSelf<MethodDeclarationSyntax>();
        var rows = method?.AttributeLists.SelectMany(l => l.Attributes)
            .Where(a => a.Name.ToString() is "InlineData" or "InlineDataAttribute" && a.ArgumentList is not null)
            .Select(a => a.ArgumentList!.Arguments.Select(ArgumentText).ToList())
            .Take(3)
            .ToList() ?? [];
        if (rows.Count == 0)
        {
            rows.Add([]);
        }

        var parameters = method?.ParameterList.Parameters.Select(p => p.Identifier.ValueText).ToList() ?? [];
        foreach (var row in rows)
        {
            var builder = new StringBuilder();
            foreach (var content in interpolated.Contents)
            {
                switch (content)
                {
                    case InterpolatedStringTextSyntax text:
                        builder.Append(text.TextToken.ValueText);
                        break;
                    case InterpolationSyntax hole:
                        var index = hole.Expression is IdentifierNameSyntax name ? parameters.IndexOf(name.Identifier.ValueText) : -1;
                        builder.Append(index >= 0 && index < row.Count ? row[index] : "default");
                        break;
                }
            }

            yield return builder.ToString();
        }
    }

    private static string ArgumentText(AttributeArgumentSyntax argument)
        => argument.Expression is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal.Token.ValueText
            : argument.Expression.ToString();
}
