using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC201DroppedTaskCodeFix>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>The fixes for the snippet positives, in synchronous code: an explicit discard that compiles.</summary>
public sealed class ASYNC201SnippetCodeFixTests
{
    [Fact]
    public Task ValueTasks_dropped_in_Dispose_are_discarded() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Channels;

        sealed class Worker : IDisposable
        {
            private readonly Timer timer = new Timer(_ => { });
            private readonly CancellationTokenSource cts = new CancellationTokenSource();
            private readonly Channel<int> channel = Channel.CreateUnbounded<int>();

            public void Enqueue(int item) => {|ASYNC201:channel.Writer.WriteAsync(item)|};

            public void Dispose()
            {
                {|ASYNC201:cts.CancelAsync()|};
                {|ASYNC201:timer.DisposeAsync()|};
            }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Channels;

        sealed class Worker : IDisposable
        {
            private readonly Timer timer = new Timer(_ => { });
            private readonly CancellationTokenSource cts = new CancellationTokenSource();
            private readonly Channel<int> channel = Channel.CreateUnbounded<int>();

            public void Enqueue(int item) => _ = channel.Writer.WriteAsync(item);

            public void Dispose()
            {
                _ = cts.CancelAsync();
                _ = timer.DisposeAsync();
            }
        }
        """, AsyncLint.CodeFixes.Unobserved.ASYNC201DroppedTaskCodeFix.DiscardKey);

    [Fact]
    public Task Null_conditional_and_generic_calls_are_discarded() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        interface IClient
        {
            Task DisconnectAsync();
            Task<T> GetAsync<T>(string key);
        }

        class C
        {
            private IClient? client;

            void Stop()
            {
                {|ASYNC201:client?.DisconnectAsync()|};
                {|ASYNC201:client!.GetAsync<int>("k")|};
            }
        }
        """, """
        using System.Threading.Tasks;

        interface IClient
        {
            Task DisconnectAsync();
            Task<T> GetAsync<T>(string key);
        }

        class C
        {
            private IClient? client;

            void Stop()
            {
                _ = client?.DisconnectAsync();
                _ = client!.GetAsync<int>("k");
            }
        }
        """, AsyncLint.CodeFixes.Unobserved.ASYNC201DroppedTaskCodeFix.DiscardKey);
}
