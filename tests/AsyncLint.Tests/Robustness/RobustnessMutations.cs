using System.Collections.Immutable;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Tests.Robustness;

/// <summary>One broken (or re-referenced) version of a corpus entry.</summary>
internal sealed record Mutant(
    CorpusEntry Entry,
    string Mutation,
    string Source,
    ReferenceSet References,
    LanguageVersion LanguageVersion,
    bool GarbageOptions = false)
{
    public override string ToString() => $"{Entry.Name} [{Mutation}]";
}

/// <summary>
/// Deterministic mutations of a corpus entry: the half-typed, mistyped and mis-referenced states an IDE feeds an
/// analyzer all day. Each entry's candidates are generated from a seed of its name, so a failure reproduces.
/// </summary>
internal static class RobustnessMutations
{
    /// <summary>
    /// Up to <paramref name="perEntry"/> mutants of <paramref name="entry"/>, chosen by a seeded shuffle from every
    /// candidate; the reference-set variants (missing references) are always kept in the pool.
    /// </summary>
    public static ImmutableArray<Mutant> Sample(CorpusEntry entry, int perEntry)
    {
        var all = Candidates(entry).ToList();
        var random = StableSeed.Random("sample:" + entry.Name);
        for (var i = all.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (all[i], all[j]) = (all[j], all[i]);
        }

        return all.Take(perEntry).ToImmutableArray();
    }

    public static IEnumerable<Mutant> Candidates(CorpusEntry entry)
    {
        var source = entry.Source;
        var tree = CSharpSyntaxTree.ParseText(source, RobustnessAnalysis.ParseOptions(entry.LanguageVersion));
        var root = tree.GetRoot();
        var tokens = root.DescendantTokens().Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0).ToList();
        if (tokens.Count == 0)
        {
            yield break;
        }

        var random = StableSeed.Random("mutate:" + entry.Name);
        Mutant Make(string mutation, string text) => new(entry, mutation, text, entry.References, entry.LanguageVersion);

        // Truncation at evenly spread token boundaries, and once in the middle of a token.
        const int truncations = 8;
        var step = Math.Max(1, tokens.Count / truncations);
        for (var i = step / 2; i < tokens.Count; i += step)
        {
            yield return Make($"truncate after token {i} '{Short(tokens[i])}'", source[..tokens[i].Span.End]);
        }

        var longToken = tokens.Where(t => t.Span.Length > 3).Skip(random.Next(Math.Max(1, tokens.Count / 2))).FirstOrDefault();
        if (longToken != default)
        {
            yield return Make($"truncate inside token '{Short(longToken)}'", source[..(longToken.SpanStart + (longToken.Span.Length / 2))]);
        }

        // Single tokens deleted.
        for (var i = 0; i < 6; i++)
        {
            var token = tokens[random.Next(tokens.Count)];
            yield return Make($"delete token '{Short(token)}' at {token.SpanStart}", Remove(source, token.Span.Start, token.Span.Length));
        }

        // Braces unbalanced.
        var closeBraces = tokens.Where(t => t.IsKind(SyntaxKind.CloseBraceToken)).ToList();
        for (var i = 0; i < Math.Min(2, closeBraces.Count); i++)
        {
            var brace = closeBraces[random.Next(closeBraces.Count)];
            yield return Make($"drop '}}' at {brace.SpanStart}", Remove(source, brace.SpanStart, 1));
        }

        var statements = root.DescendantNodes().OfType<StatementSyntax>().Where(s => s is not BlockSyntax).ToList();
        for (var i = 0; i < Math.Min(2, statements.Count); i++)
        {
            var statement = statements[random.Next(statements.Count)];
            yield return Make($"add '{{' before statement at {statement.SpanStart}", Insert(source, statement.SpanStart, "{ "));
        }

        // await where it is not allowed: in a statement of a non-async function, and before a random call anywhere.
        var syncStatements = root.DescendantNodes().OfType<ExpressionStatementSyntax>().Where(s => !IsInAsyncFunction(s)).ToList();
        if (syncStatements.Count > 0)
        {
            var statement = syncStatements[random.Next(syncStatements.Count)];
            yield return Make($"insert 'await' in non-async code at {statement.SpanStart}", Insert(source, statement.Expression.SpanStart, "await "));
        }

        var invocations = root.DescendantNodes().OfType<InvocationExpressionSyntax>().ToList();
        if (invocations.Count > 0)
        {
            var invocation = invocations[random.Next(invocations.Count)];
            yield return Make($"insert 'await' before call at {invocation.SpanStart}", Insert(source, invocation.SpanStart, "await "));
        }

        // async removed: one modifier, and all of them.
        var asyncModifiers = tokens.Where(t => t.IsKind(SyntaxKind.AsyncKeyword)).ToList();
        if (asyncModifiers.Count > 0)
        {
            var modifier = asyncModifiers[random.Next(asyncModifiers.Count)];
            yield return Make($"remove 'async' at {modifier.SpanStart}", Remove(source, modifier.SpanStart, modifier.Span.Length));
            var withoutAny = source;
            foreach (var each in asyncModifiers.OrderByDescending(t => t.SpanStart))
            {
                withoutAny = Remove(withoutAny, each.SpanStart, each.Span.Length);
            }

            yield return Make("remove every 'async'", withoutAny);
        }

        // Identifiers renamed to unknown ones: one occurrence, and every occurrence of a well-known name.
        var identifiers = root.DescendantNodes().OfType<SimpleNameSyntax>().Select(n => n.Identifier).ToList();
        for (var i = 0; i < Math.Min(3, identifiers.Count); i++)
        {
            var identifier = identifiers[random.Next(identifiers.Count)];
            yield return Make($"rename '{identifier.ValueText}' at {identifier.SpanStart} to an unknown name",
                Replace(source, identifier.SpanStart, identifier.Span.Length, "Unknown" + i));
        }

        string[] wellKnown = ["Task", "Thread", "Sleep", "CancellationToken", "ValueTask", "GetAwaiter", "Result", "Wait", "WhenAll", "WhenAny", "ConfigureAwait", "Delay", "File", "Stream"];
        var present = wellKnown.Where(name => identifiers.Any(t => t.ValueText == name)).ToList();
        if (present.Count > 0)
        {
            var name = present[random.Next(present.Count)];
            var renamed = source;
            foreach (var identifier in identifiers.Where(t => t.ValueText == name).OrderByDescending(t => t.SpanStart))
            {
                renamed = Replace(renamed, identifier.SpanStart, identifier.Span.Length, name + "Missing");
            }

            yield return Make($"rename every '{name}' to '{name}Missing'", renamed);
        }

        // Missing references, another framework, an old language version, nonsense options.
        foreach (var set in new[] { ReferenceSet.Net100WithoutIoAndNet, ReferenceSet.SystemRuntimeOnly, ReferenceSet.MiniCorlib, ReferenceSet.None })
        {
            yield return entry.References == set ? Make("as is", source) : new Mutant(entry, $"references: {set}", source, set, entry.LanguageVersion);
        }

        yield return new Mutant(entry, "references: Net80, C# 12", source, ReferenceSet.Net80, LanguageVersion.CSharp12);
        yield return new Mutant(entry, "language version C# 7.3", source, entry.References, LanguageVersion.CSharp7_3);
        yield return new Mutant(entry, "nonsense asynclint.* options", source, entry.References, entry.LanguageVersion, GarbageOptions: true);
    }

    private static bool IsInAsyncFunction(SyntaxNode node)
    {
        foreach (var ancestor in node.Ancestors())
        {
            switch (ancestor)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case MemberDeclarationSyntax and not GlobalStatementSyntax:
                    return false;
            }
        }

        return true; // top-level statements may await
    }

    private static string Short(SyntaxToken token)
    {
        var text = token.Text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return text.Length > 20 ? text[..20] + "…" : text;
    }

    private static string Remove(string text, int start, int length) => text.Remove(start, length);

    private static string Insert(string text, int position, string value) => text.Insert(position, value);

    private static string Replace(string text, int start, int length, string value) => text.Remove(start, length).Insert(start, value);
}
