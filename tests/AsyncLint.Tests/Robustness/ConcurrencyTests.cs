using System.Collections.Immutable;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AsyncLint.Tests.Robustness;

/// <summary>
/// Analyzers run with concurrent execution on, on many threads, and a host shares one analyzer instance between
/// compilations: the same compilation must always give the same diagnostics.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class ConcurrencyTests(ITestOutputHelper output)
{
    private const int Runs = 10;

    [Fact]
    public async Task Concurrent_analysis_gives_identical_diagnostics_every_time()
    {
        var compilation = CorpusInOneCompilation();
        var analyzers = RobustnessComponents.CreateAnalyzers();

        // Ten fresh CompilationWithAnalyzers over the same compilation and the same analyzer instances, two at a time
        // so that the instances are also shared between simultaneous analyses.
        var runs = new List<ImmutableArray<string>>();
        for (var wave = 0; wave < Runs / 2; wave++)
        {
            var results = await Task.WhenAll(
                Task.Run(() => RobustnessAnalysis.AnalyzeAsync(compilation, analyzers, concurrent: true)),
                Task.Run(() => RobustnessAnalysis.AnalyzeAsync(compilation, analyzers, concurrent: true)));
            foreach (var outcome in results)
            {
                Assert.True(outcome.Failures.IsEmpty, "analyzer failures:\n" + string.Join("\n", outcome.Failures));
                runs.Add(Canonical(outcome.Diagnostics));
            }
        }

        output.WriteLine($"{compilation.SyntaxTrees.Count()} files in one compilation ({RobustnessAnalysis.Errors(compilation).Length} compiler errors), {runs[0].Length} diagnostics per run, {Runs} runs");
        Assert.NotEmpty(runs[0]);
        for (var i = 1; i < runs.Count; i++)
        {
            var missing = runs[0].Except(runs[i]).Take(5).ToList();
            var extra = runs[i].Except(runs[0]).Take(5).ToList();
            Assert.True(
                runs[i].SequenceEqual(runs[0]),
                $"run {i} differs from run 0 ({runs[i].Length} vs {runs[0].Length} diagnostics)\nonly in run 0:\n  {string.Join("\n  ", missing)}\nonly in run {i}:\n  {string.Join("\n  ", extra)}");
        }
    }

    [Fact]
    public async Task Sequential_and_concurrent_analysis_agree()
    {
        var compilation = CorpusInOneCompilation();
        var sequential = await RobustnessAnalysis.AnalyzeAsync(compilation, RobustnessComponents.CreateAnalyzers(), concurrent: false);
        var concurrent = await RobustnessAnalysis.AnalyzeAsync(compilation, RobustnessComponents.CreateAnalyzers(), concurrent: true);
        Assert.Empty(sequential.Failures);
        Assert.Empty(concurrent.Failures);
        var a = Canonical(sequential.Diagnostics);
        var b = Canonical(concurrent.Diagnostics);
        Assert.NotEmpty(a);
        Assert.True(a.SequenceEqual(b), $"sequential: {a.Length}, concurrent: {b.Length}\nonly sequential:\n  {string.Join("\n  ", a.Except(b).Take(5))}\nonly concurrent:\n  {string.Join("\n  ", b.Except(a).Take(5))}");
    }

    /// <summary>
    /// One many-file compilation: the samples with their global usings, the unusual-syntax snippets that are libraries
    /// (they declare distinct type names; test snippets are left out because many declare the same types, and one
    /// that declares its own <c>Thread</c> in the global namespace would shadow System.Threading.Thread in all of them),
    /// and a generated project of 8 files full of async shapes.
    /// </summary>
    private static Compilation CorpusInOneCompilation()
    {
        var options = RobustnessAnalysis.ParseOptions(LanguageVersion.Default);
        var trees = new List<SyntaxTree>();
        foreach (var entry in RobustnessCorpus.Unusual.Where(e => e.References == ReferenceSet.Net100))
        {
            var tree = CSharpSyntaxTree.ParseText(entry.Source, options, path: entry.Name + ".cs");
            if (RobustnessAnalysis.OutputKindFor([tree]) == OutputKind.DynamicallyLinkedLibrary)
            {
                trees.Add(tree);
            }
        }

        // Sample files that compile on their own as library code (a sample project's Program.cs or a file that
        // needs its siblings would only add errors).
        foreach (var sample in RobustnessCorpus.Samples)
        {
            var alone = sample.Parse(sample.Source);
            if (RobustnessAnalysis.OutputKindFor(alone) == OutputKind.DynamicallyLinkedLibrary
                && RobustnessAnalysis.Errors(RobustnessAnalysis.Compile(alone, sample.References)).IsEmpty)
            {
                trees.Add(CSharpSyntaxTree.ParseText(sample.Source, options, path: sample.Name));
            }
        }

        for (var i = 0; i < 8; i++)
        {
            trees.Add(CSharpSyntaxTree.ParseText(ScaleTests.LargeFile(6, $"Generated{i}"), options, path: $"Generated{i}.cs"));
        }

        trees.Add(CSharpSyntaxTree.ParseText(RobustnessCorpus.ImplicitUsings, options, path: "GlobalUsings.g.cs"));
        return RobustnessAnalysis.Compile(trees, ReferenceSet.Net100);
    }

    /// <summary>Sorted by file, position, ID and message: the driver's reporting order is not part of the contract.</summary>
    private static ImmutableArray<string> Canonical(ImmutableArray<Diagnostic> diagnostics)
        => diagnostics
            .Select(d => $"{d.Location.SourceTree?.FilePath}@{d.Location.SourceSpan.Start}-{d.Location.SourceSpan.End} {d.Id} {d.Severity} {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} " +
                         string.Join(";", d.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToImmutableArray();
}
