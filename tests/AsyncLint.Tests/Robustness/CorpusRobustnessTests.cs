using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AsyncLint.Tests.Robustness;

/// <summary>The robustness tests share the machine's two cores and time things: they run on their own.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RobustnessCollection
{
    public const string Name = "Robustness";
}

/// <summary>
/// Never crash: every analyzer and every code fix, found by reflection, over the whole corpus and over
/// deterministic mutations of it (truncated, unbalanced, mistyped, mis-referenced code).
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class CorpusRobustnessTests(ITestOutputHelper output)
{
    /// <summary>How many mutants the suite analyzes in all, spread evenly over the corpus (seeded sampling).</summary>
    private const int MutantBudget = 2400;

    /// <summary>Every n-th mutant (in the deterministic order) also has the fixes for its diagnostics computed.</summary>
    private const int FixStride = 4;

    [Fact]
    public void Components_and_corpus_are_found()
    {
        Assert.NotEmpty(RobustnessComponents.AnalyzerTypes);
        Assert.NotEmpty(RobustnessComponents.CodeFixTypes);
        Assert.NotEmpty(RobustnessCorpus.TestSnippets);
        Assert.NotEmpty(RobustnessCorpus.Samples);
        Assert.Contains(RobustnessCorpus.TestSnippets, e => e.Source.Contains("Thread.Sleep", StringComparison.Ordinal));
        Assert.All(RobustnessCorpus.TestSnippets, e => Assert.DoesNotContain("{|ASYNC", e.Source, StringComparison.Ordinal));

        output.WriteLine($"analyzers: {string.Join(", ", RobustnessComponents.CreateAnalyzers().Select(RobustnessComponents.Describe))}");
        output.WriteLine($"code fixes: {string.Join(", ", RobustnessComponents.CreateCodeFixes().Select(f => $"{f.GetType().Name} ({string.Join(", ", f.FixableDiagnosticIds)})"))}");
        output.WriteLine($"corpus: {RobustnessCorpus.TestSnippets.Length} test snippets, {RobustnessCorpus.Samples.Length} sample files, {RobustnessCorpus.Unusual.Length} unusual-syntax snippets");
    }

    [Fact]
    public void Markup_is_stripped()
    {
        Assert.Equal(
            "Thread.Sleep(1); F(x); G();",
            RobustnessCorpus.StripMarkup("{|ASYNC103:Thread.Sleep(1)|}; {|#0:F([|x|])|}; {|CS0103:G|}();"));
    }

    [Fact]
    public async Task Unusual_snippets_compile_cleanly_and_analyze_without_exceptions()
    {
        var analyzers = RobustnessComponents.CreateAnalyzers();
        var failures = new RobustnessFailures();
        var diagnostics = 0;
        foreach (var entry in RobustnessCorpus.Unusual)
        {
            var compilation = RobustnessAnalysis.Compile(entry.Parse(entry.Source), entry.References);
            var errors = RobustnessAnalysis.Errors(compilation, emit: true);
            if (!errors.IsEmpty)
            {
                failures.Add(entry.Name, "as is", "(the snippet itself)", "does not compile:\n" + string.Join("\n", errors), entry.Source);
            }

            var outcome = await RobustnessAnalysis.AnalyzeAsync(compilation, analyzers);
            foreach (var failure in outcome.Failures)
            {
                failures.Add(entry.Name, "as is", failure.Analyzer, failure.Detail, entry.Source);
            }

            diagnostics += outcome.Diagnostics.Length;
            output.WriteLine($"{entry.Name}: {string.Join(", ", outcome.Diagnostics.GroupBy(d => d.Id).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
        }

        output.WriteLine($"{RobustnessCorpus.Unusual.Length} snippets, {diagnostics} diagnostics");
        failures.AssertNone("unusual syntax");
    }

    [Fact]
    public async Task Unmutated_corpus_analyzes_without_exceptions_also_with_nonsense_options()
    {
        var analyzers = RobustnessComponents.CreateAnalyzers();
        var failures = new RobustnessFailures();
        var byId = new ConcurrentDictionary<string, int>();
        var nonsense = new AnalyzerOptions([], new DictionaryAnalyzerConfigOptionsProvider(NonsenseOptions.Values));
        var entries = RobustnessCorpus.All;
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (entry, ct) =>
        {
            var compilation = RobustnessAnalysis.Compile(entry.Parse(entry.Source), entry.References);
            foreach (var (options, name) in new[] { ((AnalyzerOptions?)null, "as is"), (nonsense, "nonsense asynclint.* options") })
            {
                var outcome = await RobustnessAnalysis.AnalyzeAsync(compilation, analyzers, options, cancellationToken: ct);
                foreach (var failure in outcome.Failures)
                {
                    failures.Add(entry.Name, name, failure.Analyzer, failure.Detail, entry.Source);
                }

                if (options is null)
                {
                    foreach (var diagnostic in outcome.Diagnostics)
                    {
                        byId.AddOrUpdate(diagnostic.Id, 1, (_, n) => n + 1);
                    }
                }
            }
        });

        output.WriteLine($"{entries.Length} corpus files; diagnostics: {string.Join(", ", byId.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}"))}");
        failures.AssertNone("unmutated corpus");
    }

    [Fact]
    public async Task Mutated_corpus_never_makes_an_analyzer_or_a_fix_throw()
    {
        var stopwatch = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var analyzers = RobustnessComponents.CreateAnalyzers();
        var fixers = RobustnessComponents.CreateCodeFixes();
        var entries = RobustnessCorpus.All;
        var perEntry = Math.Clamp(MutantBudget / Math.Max(1, entries.Length), 8, 40);
        var mutants = entries.SelectMany(e => RobustnessMutations.Sample(e, perEntry)).ToImmutableArray();
        var nonsense = new AnalyzerOptions([], new DictionaryAnalyzerConfigOptionsProvider(NonsenseOptions.Values));

        var failures = new RobustnessFailures();
        int diagnostics = 0, fixesComputed = 0, mutantsWithDiagnostics = 0;
        await Parallel.ForEachAsync(
            mutants.Select((mutant, index) => (mutant, index)),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount },
            async (item, ct) =>
            {
                var (mutant, index) = item;
                var trees = mutant.Entry.Parse(mutant.Source, mutant.LanguageVersion);
                var compilation = RobustnessAnalysis.Compile(trees, mutant.References);
                var outcome = await RobustnessAnalysis.AnalyzeAsync(compilation, analyzers, mutant.GarbageOptions ? nonsense : null, cancellationToken: ct);
                foreach (var failure in outcome.Failures)
                {
                    failures.Add(mutant.Entry.Name, mutant.Mutation, failure.Analyzer, failure.Detail, mutant.Source);
                }

                if (outcome.Diagnostics.IsEmpty)
                {
                    return;
                }

                Interlocked.Increment(ref mutantsWithDiagnostics);
                Interlocked.Add(ref diagnostics, outcome.Diagnostics.Length);
                if (index % FixStride == 0)
                {
                    Interlocked.Add(ref fixesComputed, await ComputeFixesAsync(mutant, fixers, analyzers, failures, ct));
                }
            });

        output.WriteLine(
            $"{entries.Length} corpus files × up to {perEntry} mutations = {mutants.Length} mutants; " +
            $"{mutantsWithDiagnostics} had diagnostics ({diagnostics} in all); {fixesComputed} code actions computed on them; " +
            $"{stopwatch.Elapsed.TotalSeconds:F1} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F1} s CPU");
        foreach (var kind in mutants.GroupBy(m => MutationKind(m.Mutation)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {kind.Key}: {kind.Count()}");
        }

        failures.AssertNone("mutated corpus");
    }

    /// <summary>Registers and computes every code action for the first two fixable diagnostics of a mutant.</summary>
    private static async Task<int> ComputeFixesAsync(
        Mutant mutant, ImmutableArray<CodeFixProvider> fixers, ImmutableArray<DiagnosticAnalyzer> analyzers, RobustnessFailures failures, CancellationToken ct)
    {
        var computed = 0;
        var project = RobustnessFixing.CreateProject(mutant.Entry.Sources(mutant.Source), mutant.References, mutant.LanguageVersion);
        var document = project.Documents.Single(d => d.Name == "Main.cs");
        var (_, outcome) = await RobustnessFixing.AnalyzeAsync(project, analyzers, ct);
        var tree = await document.GetSyntaxTreeAsync(ct);
        var fixable = outcome.Diagnostics
            .Where(d => d.Location.SourceTree == tree && fixers.Any(f => f.FixableDiagnosticIds.Contains(d.Id)))
            .OrderBy(d => d.Location.SourceSpan.Start)
            .Take(2);
        foreach (var diagnostic in fixable)
        {
            foreach (var fixer in fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var step = "RegisterCodeFixesAsync";
                try
                {
                    foreach (var action in await RobustnessFixing.GetActionsAsync(fixer, document, diagnostic, ct))
                    {
                        step = $"action '{action.Title}' ({action.EquivalenceKey})";
                        await RobustnessFixing.ApplyAsync(action, ct);
                        computed++;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    failures.Add(mutant.Entry.Name, mutant.Mutation, $"{fixer.GetType().Name} on {diagnostic.Id}",
                        $"{step} threw for {RobustnessAnalysis.Describe(diagnostic)}:\n{e}", mutant.Source);
                }
            }
        }

        return computed;
    }

    private static string MutationKind(string mutation)
    {
        foreach (var prefix in new[] { "truncate", "delete token", "drop", "add", "insert 'await'", "remove", "rename every", "rename", "references", "language version", "nonsense", "as is" })
        {
            if (mutation.StartsWith(prefix, StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return mutation;
    }
}
