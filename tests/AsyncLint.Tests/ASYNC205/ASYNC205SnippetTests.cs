using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// Held-out-style snippets for tasks returned from using/try (AsyncFixer #1, #13, #28, #29: a scope or token source
/// disposed before the task it feeds completes).
/// </summary>
public sealed class ASYNC205SnippetTests
{
    [Fact]
    public Task Service_scope_and_timeout_source_disposed_early_are_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        interface IJob { Task RunAsync(); }

        sealed class Scope : IDisposable
        {
            public IJob Job { get; } = null!;
            public void Dispose() { }
        }

        class C
        {
            Scope CreateScope() => new Scope();

            Task RunJob()
            {
                using (var scope = CreateScope())
                {
                    {|ASYNC205:return scope.Job.RunAsync();|}
                }
            }

            Task<string> Fetch(HttpClient client, string url)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                {|ASYNC205:return client.GetStringAsync(url, cts.Token);|}
            }
        }
        """);

    [Fact]
    public Task Trap_lock_async_enumerable_and_a_task_already_waited_for() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();
            private Task? current;

            Task StartAsync() => Task.Delay(1);

            Task EnsureStarted()
            {
                lock (gate)
                {
                    return current ??= StartAsync();
                }
            }

            IAsyncEnumerable<string> Lines(string path)
            {
                using var probe = File.OpenRead(path);
                return ReadAsync(path);
            }

            async IAsyncEnumerable<string> ReadAsync(string path)
            {
                await Task.Yield();
                yield return path;
            }

            Task Flush(Stream stream)
            {
                using (var writer = new StreamWriter(stream))
                {
                    var flush = writer.FlushAsync();
                    flush.Wait();
                    return flush;
                }
            }
        }
        """);
}
