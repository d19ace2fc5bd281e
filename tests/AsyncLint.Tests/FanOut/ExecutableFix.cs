using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.Loader;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLint.Tests.FanOut;

/// <summary>What one run of a compiled scenario reported.</summary>
internal sealed record ScenarioRun(string Output, int MaxConcurrency, TimeSpan Elapsed);

/// <summary>
/// Executable fix tests: the real code fix is applied through the Workspace API (one diagnostic at a time, as a user
/// would), then the code before and after is compiled, loaded into a collectible AssemblyLoadContext and run.
/// </summary>
internal static class ExecutableFix
{
    /// <summary>
    /// The fake async operations every scenario uses: each records how many operations are in flight, waits, and
    /// returns its result. <c>Probe.Max</c> is the largest number that overlapped.
    /// </summary>
    public const string Probe = """

        public static class Probe
        {
            private static int current;
            public static int Max;

            public static void Reset() { current = 0; Max = 0; }

            public static async System.Threading.Tasks.Task<T> Operation<T>(T result, int milliseconds)
            {
                var now = System.Threading.Interlocked.Increment(ref current);
                lock (typeof(Probe)) { if (now > Max) Max = now; }
                await System.Threading.Tasks.Task.Delay(milliseconds);
                System.Threading.Interlocked.Decrement(ref current);
                return result;
            }
        }
        """;

    /// <summary>Applies the code action with <paramref name="equivalenceKey"/> to every diagnostic the analyzer reports, one by one.</summary>
    public static async Task<string> ApplyAsync<TAnalyzer, TFix>(string source, string equivalenceKey, TargetFramework framework, string? editorConfig = null)
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TFix : CodeFixProvider, new()
    {
        using var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
            projectId,
            VersionStamp.Create(),
            "Scenario",
            "Scenario",
            LanguageNames.CSharp,
            filePath: "/Scenario/Scenario.csproj",
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: new CSharpParseOptions(TargetFrameworks.LanguageVersion(framework)),
            metadataReferences: TargetFrameworks.References(framework)));
        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, "Scenario.cs", SourceText.From(source), filePath: "/Scenario/Scenario.cs");
        if (editorConfig is not null)
        {
            solution = solution.AddAnalyzerConfigDocument(DocumentId.CreateNewId(projectId), ".editorconfig", SourceText.From(editorConfig), filePath: "/Scenario/.editorconfig");
        }

        var fixer = new TFix();
        var analyzer = new TAnalyzer();
        var applied = 0;
        for (var round = 0; round < 20; round++)
        {
            var document = solution.GetDocument(documentId)!;
            var compilation = (await document.Project.GetCompilationAsync())!;
            var diagnostics = (await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer), document.Project.AnalyzerOptions)
                    .GetAnalyzerDiagnosticsAsync())
                .Where(d => fixer.FixableDiagnosticIds.Contains(d.Id))
                .OrderBy(d => d.Location.SourceSpan.Start)
                .ToList();
            CodeAction? action = null;
            foreach (var diagnostic in diagnostics)
            {
                var actions = new List<CodeAction>();
                await fixer.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None));
                action = actions.FirstOrDefault(a => a.EquivalenceKey == equivalenceKey);
                if (action is not null)
                {
                    break;
                }
            }

            if (action is null)
            {
                break;
            }

            var operations = await action.GetOperationsAsync(CancellationToken.None);
            solution = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            applied++;
        }

        Assert.True(applied > 0, $"no '{equivalenceKey}' fix was offered");
        return (await solution.GetDocument(documentId)!.GetTextAsync()).ToString();
    }

    /// <summary>
    /// Runs the code before and after a fix, each as <see cref="RunAsync"/> does. A garbage collection of the test process, or
    /// a busy machine, can stall one run by hundreds of milliseconds: when the fixed code is not faster than
    /// <paramref name="fasterThan"/> times the original, the pair is measured once more, and the second pair stands.
    /// </summary>
    public static async Task<(ScenarioRun Before, ScenarioRun After)> RunPairAsync(string before, string after, TargetFramework framework, double fasterThan)
    {
        var first = (Before: await RunAsync(before, framework), After: await RunAsync(after, framework));
        if (first.After.Elapsed < first.Before.Elapsed * fasterThan)
        {
            return first;
        }

        return (await RunAsync(before, framework), await RunAsync(after, framework));
    }

    /// <summary>Compiles <paramref name="source"/>, runs <c>Scenario.RunAsync()</c> (twice: the first run pays for the JIT) and unloads it.</summary>
    public static async Task<ScenarioRun> RunAsync(string source, TargetFramework framework)
    {
        var compilation = CSharpCompilation.Create(
            "Scenario" + Guid.NewGuid().ToString("N"),
            new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(TargetFrameworks.LanguageVersion(framework))) },
            TargetFrameworks.References(framework),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable, optimizationLevel: OptimizationLevel.Release));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, "the code does not compile:\n" + string.Join("\n", emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)) + "\n" + source);

        var context = new AssemblyLoadContext("Scenario", isCollectible: true);
        try
        {
            image.Position = 0;
            var assembly = context.LoadFromStream(image);
            var scenario = assembly.GetType("Scenario")!.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!;
            var probe = assembly.GetType("Probe")!;
            ScenarioRun? best = null;
            for (var attempt = 0; attempt < 2; attempt++)
            {
                probe.GetMethod("Reset")!.Invoke(null, null);
                var stopwatch = Stopwatch.StartNew();
                var output = await (Task<string>)scenario.Invoke(null, null)!;
                stopwatch.Stop();
                var max = (int)probe.GetField("Max")!.GetValue(null)!;
                var run = new ScenarioRun(output, max, stopwatch.Elapsed);
                if (best is null || run.Elapsed < best.Elapsed)
                {
                    best = run;
                }
            }

            return best!;
        }
        finally
        {
            context.Unload();
        }
    }
}
