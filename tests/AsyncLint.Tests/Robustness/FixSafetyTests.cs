using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AsyncLint.Tests.Robustness;

/// <summary>
/// Never break code: on the unmutated corpus files that compile, every code action offered for every AsyncLint
/// diagnostic is applied and must add no compiler error; FixAll (document scope, per equivalence key) must add
/// no error either, and a second FixAll over its result must change nothing.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class FixSafetyTests(ITestOutputHelper output)
{
    /// <summary>(rule, file) pairs checked in all, spread over the rules (seeded choice), to bound the work as rules are added.</summary>
    private const int PairBudget = 160;

    /// <summary>However many rules there are, each gets at least this many files.</summary>
    private const int MinFilesPerRule = 12;

    /// <summary>Diagnostics of that rule fixed one at a time in each chosen file.</summary>
    private const int SingleFixesPerFile = 3;

    [Fact]
    public async Task Every_offered_fix_compiles_and_FixAll_is_idempotent()
    {
        var stopwatch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var analyzers = RobustnessComponents.CreateAnalyzers();
        var fixers = RobustnessComponents.CreateCodeFixes();
        var fixableIds = fixers.SelectMany(f => f.FixableDiagnosticIds).ToImmutableHashSet();
        var failures = new RobustnessFailures();

        // Which compiling corpus files hold which fixable diagnostics.
        var compiling = 0;
        var byRule = new ConcurrentDictionary<string, ConcurrentBag<CorpusEntry>>();
        await Parallel.ForEachAsync(RobustnessCorpus.All, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (entry, ct) =>
        {
            var compilation = RobustnessAnalysis.Compile(entry.Parse(entry.Source), entry.References);
            if (!RobustnessAnalysis.Errors(compilation, emit: true).IsEmpty)
            {
                return;
            }

            Interlocked.Increment(ref compiling);
            var outcome = await RobustnessAnalysis.AnalyzeAsync(compilation, analyzers, cancellationToken: ct);
            foreach (var id in outcome.Diagnostics.Where(d => d.Location.SourceTree?.FilePath == "Main.cs").Select(d => d.Id).Where(fixableIds.Contains).Distinct())
            {
                byRule.GetOrAdd(id, _ => []).Add(entry);
            }
        });

        // Per rule, a seeded choice of files: the hand-written unusual snippets and samples first (odd syntax is what
        // they are for), then test snippets. The total stays near PairBudget however many rules there are.
        var handWritten = RobustnessCorpus.Unusual.Concat(RobustnessCorpus.Samples).ToHashSet();
        var perRule = Math.Max(MinFilesPerRule, PairBudget / Math.Max(1, byRule.Count));
        var work = byRule
            .SelectMany(rule =>
            {
                var ordered = rule.Value.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
                var chosenHandWritten = Shuffle(ordered.Where(handWritten.Contains), "fix:hand:" + rule.Key).Take((perRule * 2) / 3).ToList();
                var chosenTests = Shuffle(ordered.Where(e => !handWritten.Contains(e)), "fix:tests:" + rule.Key).Take(perRule - chosenHandWritten.Count);
                return chosenHandWritten.Concat(chosenTests).OrderBy(e => e.Name, StringComparer.Ordinal).Select(entry => (Rule: rule.Key, Entry: entry));
            })
            .ToImmutableArray();
        var counts = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (item, ct) =>
        {
            foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(item.Rule)))
            {
                await CheckFixerAsync(item.Entry, item.Rule, fixer, analyzers, failures, counts, ct);
            }
        });

        output.WriteLine($"{RobustnessCorpus.All.Length} corpus files, {compiling} compile without errors; files with fixable diagnostics per rule: " +
            string.Join(", ", byRule.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value.Count}")));
        output.WriteLine($"checked {work.Length} (rule, file) pairs: " + string.Join(", ", counts.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
        output.WriteLine($"{stopwatch.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU");
        Assert.NotEmpty(work);
        failures.AssertNone("fix safety");
    }

    private static async Task CheckFixerAsync(
        CorpusEntry entry,
        string rule,
        CodeFixProvider fixer,
        ImmutableArray<DiagnosticAnalyzer> analyzers,
        RobustnessFailures failures,
        ConcurrentDictionary<string, int> counts,
        CancellationToken ct)
    {
        var project = RobustnessFixing.CreateProject(entry.Sources(entry.Source), entry.References, entry.LanguageVersion);
        var document = project.Documents.Single(d => d.Name == "Main.cs");
        var (compilation, outcome) = await RobustnessFixing.AnalyzeAsync(project, analyzers, ct);
        var errorsBefore = RobustnessAnalysis.Errors(compilation, emit: true);
        var tree = await document.GetSyntaxTreeAsync(ct);
        var diagnostics = outcome.Diagnostics.Where(d => d.Id == rule && d.Location.SourceTree == tree).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        var name = $"{fixer.GetType().Name} on {rule}";

        void Fail(string what, string detail, string source) => failures.Add(entry.Name, "as is", name, what + "\n" + detail, source);

        // One code action at a time.
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        var hasNullKey = false;
        foreach (var diagnostic in Shuffle(diagnostics, entry.Name + rule).Take(SingleFixesPerFile))
        {
            ImmutableArray<Microsoft.CodeAnalysis.CodeActions.CodeAction> actions;
            try
            {
                actions = await RobustnessFixing.GetActionsAsync(fixer, document, diagnostic, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Fail($"RegisterCodeFixesAsync threw for {RobustnessAnalysis.Describe(diagnostic)}", e.ToString(), entry.Source);
                continue;
            }

            foreach (var action in actions)
            {
                if (action.EquivalenceKey is { } key)
                {
                    keys.Add(key);
                }
                else
                {
                    hasNullKey = true;
                    Fail($"code action '{action.Title}' has no equivalence key, so FixAll cannot group it", RobustnessAnalysis.Describe(diagnostic), entry.Source);
                }

                Solution? changed;
                try
                {
                    changed = await RobustnessFixing.ApplyAsync(action, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    Fail($"code action '{action.Title}' threw for {RobustnessAnalysis.Describe(diagnostic)}", e.ToString(), entry.Source);
                    continue;
                }

                counts.AddOrUpdate("single fixes", 1, (_, n) => n + 1);
                if (changed is null)
                {
                    Fail($"code action '{action.Title}' produced no change for {RobustnessAnalysis.Describe(diagnostic)}", "", entry.Source);
                    continue;
                }

                var added = RobustnessAnalysis.NewErrors(errorsBefore, RobustnessAnalysis.Errors((await changed.GetProject(project.Id)!.GetCompilationAsync(ct))!, emit: true));
                if (!added.IsEmpty)
                {
                    var fixedText = (await changed.GetDocument(document.Id)!.GetTextAsync(ct)).ToString();
                    Fail($"code action '{action.Title}' ({action.EquivalenceKey}) for {RobustnessAnalysis.Describe(diagnostic)} adds compiler errors:\n" + string.Join("\n", added),
                        "fixed code:\n" + fixedText, entry.Source);
                }
            }
        }

        if (hasNullKey || diagnostics.Count == 0)
        {
            return;
        }

        // FixAll in document scope, once per equivalence key, twice.
        foreach (var key in keys)
        {
            try
            {
                var once = await RobustnessFixing.FixAllInDocumentAsync(fixer, document, rule, key, analyzers, ct);
                counts.AddOrUpdate("FixAll", 1, (_, n) => n + 1);
                if (once is null)
                {
                    Fail($"FixAll '{key}' produced no change although {diagnostics.Count} diagnostic(s) offer it", "", entry.Source);
                    continue;
                }

                var onceText = (await once.GetDocument(document.Id)!.GetTextAsync(ct)).ToString();
                var added = RobustnessAnalysis.NewErrors(errorsBefore, RobustnessAnalysis.Errors((await once.GetProject(project.Id)!.GetCompilationAsync(ct))!, emit: true));
                if (!added.IsEmpty)
                {
                    Fail($"FixAll '{key}' over {diagnostics.Count} diagnostic(s) adds compiler errors:\n" + string.Join("\n", added), "fixed code:\n" + onceText, entry.Source);
                    continue;
                }

                var twice = await RobustnessFixing.FixAllInDocumentAsync(fixer, once.GetDocument(document.Id)!, rule, key, analyzers, ct);
                counts.AddOrUpdate("FixAll", 1, (_, n) => n + 1);
                if (twice is not null && !await RobustnessFixing.SameTextAsync(once, twice, ct))
                {
                    var twiceText = (await twice.GetDocument(document.Id)!.GetTextAsync(ct)).ToString();
                    Fail($"FixAll '{key}' is not idempotent: a second run changes the code again",
                        "after the first FixAll:\n" + onceText + "\nafter the second:\n" + twiceText, entry.Source);
                }
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                Fail($"FixAll '{key}' threw", e.ToString(), entry.Source);
            }
        }
    }

    private static IEnumerable<T> Shuffle<T>(IEnumerable<T> items, string seed)
    {
        var list = items.ToList();
        var random = StableSeed.Random(seed);
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }

        return list;
    }
}
