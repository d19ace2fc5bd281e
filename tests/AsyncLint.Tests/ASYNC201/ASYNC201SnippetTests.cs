using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Held-out-style snippets for dropped tasks: unawaited assertions in synchronous tests, ValueTasks dropped in
/// Dispose, and the continuation and promise shapes that are observers (vs-threading #1363, VerifyTests/Verify #1331).
/// </summary>
public sealed class ASYNC201SnippetTests
{
    private const string TestFramework = """

        namespace Xunit
        {
            using System;
            using System.Threading.Tasks;

            public sealed class FactAttribute : Attribute { }

            public static class Assert
            {
                public static Task<T> ThrowsAsync<T>(Func<Task> testCode) where T : Exception => Task.FromResult<T>(null!);
                public static T Throws<T>(Action testCode) where T : Exception => null!;
            }
        }
        """;

    [Fact]
    public Task Unawaited_ThrowsAsync_in_a_synchronous_test_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Xunit;

        public class ParserTests
        {
            static Task ParseAsync(string text) => Task.FromException(new FormatException());

            [Fact]
            public void Rejects_garbage()
            {
                {|ASYNC201:Assert.ThrowsAsync<FormatException>(() => ParseAsync("garbage"))|};
            }

            [Fact]
            public void Synchronous_assertion_on_a_blocking_wait_is_not_a_dropped_task()
            {
                Assert.Throws<AggregateException>(() => ParseAsync("garbage").Wait());
            }
        }
        """ + TestFramework);

    [Fact]
    public Task ValueTasks_dropped_in_Dispose_are_reported() => VerifyCS.AnalyzerAsync("""
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
        """);

    [Fact]
    public Task Null_conditional_and_generic_calls_in_a_sync_method_are_reported() => VerifyCS.AnalyzerAsync("""
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
        """);

    [Fact]
    public Task Trap_continuations_and_promise_completions() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            private readonly TaskCompletionSource<int> ready = new TaskCompletionSource<int>();

            void Start(Task first, Task second)
            {
                Task.Factory.ContinueWhenAll(new[] { first, second }, all => Console.WriteLine(all.Length));
                first.ContinueWith(t => ready.TrySetException(t.Exception!), TaskContinuationOptions.OnlyOnFaulted);
                ready.Task.ContinueWith(t => Console.WriteLine(t.Result), TaskScheduler.Default);
            }
        }
        """);
}
