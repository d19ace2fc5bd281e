using AsyncLint.Bench;

namespace AsyncLint.Tests.Bench;

/// <summary>The bench's core, in-process, on a tiny generated codebase: every kind of row is there and well-formed.</summary>
public sealed class BenchSmokeTests
{
    [Fact]
    public async Task Tiny_run_reports_AsyncLint_the_floor_the_compiler_and_the_peers()
    {
        var result = await BenchRunner.RunAsync(new BenchOptions { Files = 20, Repetitions = 1 });

        Assert.Equal(20, result.Files);
        Assert.Equal(0, result.CompilerErrors);
        Assert.Contains(result.Rows, r => r.Kind == RowKind.AsyncLintAnalyzer);
        var total = Assert.Single(result.Rows, r => r.Kind == RowKind.AsyncLintTotal);
        Assert.Single(result.Rows, r => r.Kind == RowKind.Floor);
        var compiler = Assert.Single(result.Rows, r => r.Kind == RowKind.Compiler);
        Assert.True(compiler.MedianMs > 0);
        Assert.Equal(1.0, total.RatioToAsyncLint!.Value, precision: 6);

        // Every peer package is loaded and measured, and each one reports something on the guilty code it was given.
        foreach (var peer in new[] { "vs-threading", "AsyncFixer", "Meziantou", "NetAnalyzers" })
        {
            var row = Assert.Single(result.Rows, r => r.Kind == RowKind.Peer && r.Name.StartsWith(peer, StringComparison.Ordinal));
            Assert.True(row.Analyzers > 0, peer);
            Assert.True(row.Diagnostics > 0, peer);
        }

        // AsyncLint never crashes on the generated code, and the floor mirrors what every analyzer registered.
        Assert.All(result.Rows.Where(r => r.Kind is RowKind.AsyncLintAnalyzer), r => Assert.Equal(0, r.AnalyzerExceptions));
        Assert.All(result.Registrations.Values, lines => Assert.NotEmpty(lines));
        Assert.Equal(result.Registrations.Keys.Order(StringComparer.Ordinal), result.Profile.Keys.Order(StringComparer.Ordinal));

        var table = Report.ToTable(result);
        Assert.Contains("AsyncLint (all analyzers)", table, StringComparison.Ordinal);
        Assert.Contains("floor (same callbacks, empty bodies)", table, StringComparison.Ordinal);
        Assert.Contains("compiler (GetDiagnostics, no analyzers)", table, StringComparison.Ordinal);
        Assert.Contains("AsyncFixer", table, StringComparison.Ordinal);

        using var json = System.Text.Json.JsonDocument.Parse(Report.ToJson(result));
        Assert.Equal(result.Rows.Count, json.RootElement.GetProperty("Rows").GetArrayLength());
    }

    [Fact]
    public void Emit_writes_the_generated_files_and_a_project_around_them()
    {
        var directory = Path.Combine(Path.GetTempPath(), "asynclint-emit-" + Guid.NewGuid().ToString("N"));
        try
        {
            CodebaseGenerator.Emit(directory, fileCount: 5, seed: 42);

            var project = File.ReadAllText(Path.Combine(directory, "Generated.csproj"));
            Assert.Contains("<TargetFramework>net10.0</TargetFramework>", project, StringComparison.Ordinal);
            var written = Directory.GetFiles(directory, "*.cs", SearchOption.AllDirectories);
            var generated = CodebaseGenerator.Generate(5, 42);
            Assert.Equal(generated.Count, written.Length);
            foreach (var (path, text) in generated)
            {
                Assert.Equal(text, File.ReadAllText(Path.Combine(directory, path)));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
