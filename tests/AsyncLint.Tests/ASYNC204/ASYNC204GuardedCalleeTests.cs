using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

/// <summary>
/// A lambda whose one statement awaits a project method that guards its whole body loses nothing: the callee catches what
/// the lambda could let escape. An unguarded or virtual callee, a computed argument, or more work in the lambda stays reported.
/// </summary>
public sealed class ASYNC204GuardedCalleeTests
{
    private const string Services = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public class ConfigPoller
        {
            public async Task PollAsync()
            {
                try
                {
                    await Task.Delay(10);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }
            }

            public async Task RefreshAsync(string key) => await Task.Delay(key.Length);

            public virtual async Task LoginAsync()
            {
                try { await Task.Delay(1); } catch (Exception) { }
            }
        }

        """;

    [Fact]
    public Task A_timer_lambda_that_only_awaits_a_guarded_method() => VerifyAnalyzer.AnalyzerAsync(Services + """
        public sealed class Client : IDisposable
        {
            private readonly ConfigPoller poller = new();
            private readonly Timer first, second, third;

            public Client()
            {
                first = new Timer(async _ => await poller.PollAsync(), null, 0, 1000);
                second = new Timer(async _ => { await poller.PollAsync().ConfigureAwait(false); }, null, 0, 1000);
                third = new Timer(async state => await TickAsync(), null, 0, 1000);
            }

            private async Task TickAsync()
            {
                try { await poller.PollAsync(); } catch (Exception) { }
            }

            public void Dispose() { first.Dispose(); second.Dispose(); third.Dispose(); }
        }
        """);

    [Fact]
    public Task Unguarded_or_virtual_callees_computed_arguments_and_more_work_stay_reported() => VerifyAnalyzer.AnalyzerAsync(Services + """
        public sealed class Client
        {
            private readonly ConfigPoller poller = new();

            public Timer[] Start(string[] keys) => new[]
            {
                new Timer({|ASYNC204:async _ =>|} await poller.RefreshAsync("key"), null, 0, 1000),
                new Timer({|ASYNC204:async _ =>|} await poller.LoginAsync(), null, 0, 1000),
                new Timer({|ASYNC204:async _ =>|} await poller.RefreshAsync(keys[0]), null, 0, 1000),
                new Timer({|ASYNC204:async _ =>|} { await poller.PollAsync(); Console.WriteLine(keys[1]); }, null, 0, 1000),
            };
        }
        """);
}
