using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>
/// Held-out-style loops that look like independent fan-out and are not (AsyncUsageAnalyzers #6, roslyn-analyzers #1696:
/// "awaiting in loops is a rather valid scenario"): a shared mutable context, an endless consuming enumerable, ordered
/// steps on one connection, batches already run together.
/// </summary>
public sealed class ASYNC302SnippetTrapTests
{
    [Fact]
    public Task Steps_sharing_one_mutable_context_object() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class PipelineContext
        {
            public List<string> Notes { get; } = new List<string>();
            public int Score { get; set; }
        }

        interface IRule { Task<bool> CheckAsync(PipelineContext context); }

        class C
        {
            async Task EvaluateAsync(IRule[] rules, PipelineContext context)
            {
                foreach (var rule in rules)
                {
                    await rule.CheckAsync(context);
                }
            }
        }
        """);

    [Fact]
    public Task Endless_consuming_enumerable() => Verify.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            async Task PumpAsync(BlockingCollection<string> queue, HttpClient http)
            {
                foreach (var url in queue.GetConsumingEnumerable())
                {
                    var body = await http.GetStringAsync(url);
                }
            }
        }
        """);

    [Fact]
    public Task Migrations_applied_one_by_one_on_one_connection() => Verify.AnalyzerAsync("""
        using System.Data.Common;
        using System.Threading.Tasks;

        interface IMigration { Task UpAsync(DbConnection connection); }

        class C
        {
            async Task MigrateAsync(IMigration[] migrations, DbConnection connection)
            {
                foreach (var migration in migrations)
                {
                    await migration.UpAsync(connection);
                }
            }
        }
        """);

    [Fact]
    public Task Batches_already_awaited_together() => Verify.AnalyzerAsync("""
        using System.Linq;
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAsync(HttpClient http, string[] urls)
            {
                foreach (var batch in urls.Chunk(10))
                {
                    await Task.WhenAll(batch.Select(url => http.GetStringAsync(url)));
                }
            }
        }
        """);
}
