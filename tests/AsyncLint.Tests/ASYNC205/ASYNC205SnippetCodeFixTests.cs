using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC205TaskReturnedFromUsingOrTryCodeFix>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>The fix for the snippet positives: the method becomes async and awaits inside the scope.</summary>
public sealed class ASYNC205SnippetCodeFixTests
{
    [Fact]
    public Task Scope_timeout_source_and_semaphore_wait_for_the_task() => VerifyFix.CodeFixAsync("""
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
            private readonly SemaphoreSlim gate = new SemaphoreSlim(1);

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

            Task Save()
            {
                gate.Wait();
                try
                {
                    {|ASYNC205:return RunJob();|}
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """, """
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
            private readonly SemaphoreSlim gate = new SemaphoreSlim(1);

            Scope CreateScope() => new Scope();

            async Task RunJob()
            {
                using (var scope = CreateScope())
                {
                    await scope.Job.RunAsync();
                    return;
                }
            }

            async Task<string> Fetch(HttpClient client, string url)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                return await client.GetStringAsync(url, cts.Token);
            }

            async Task Save()
            {
                gate.Wait();
                try
                {
                    await RunJob();
                    return;
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """);

    [Fact]
    public Task Wrapping_catch_sees_the_exception_once_awaited() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class StoreException : Exception
        {
            public StoreException(Exception inner) : base("store failed", inner) { }
        }

        class C
        {
            Task SaveAsync() => Task.Delay(1);

            Task Save()
            {
                try
                {
                    {|ASYNC205:return SaveAsync();|}
                }
                catch (Exception ex)
                {
                    throw new StoreException(ex);
                }
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class StoreException : Exception
        {
            public StoreException(Exception inner) : base("store failed", inner) { }
        }

        class C
        {
            Task SaveAsync() => Task.Delay(1);

            async Task Save()
            {
                try
                {
                    await SaveAsync();
                    return;
                }
                catch (Exception ex)
                {
                    throw new StoreException(ex);
                }
            }
        }
        """);
}
