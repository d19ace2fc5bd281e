using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>;

namespace AsyncLint.Tests.ASYNC102;

/// <summary>
/// An async local function that only ever runs as work handed to <c>Task.Run</c> runs on the pool thread that call
/// provides, as if written in the lambda: a wait in it is the deliberate "block on another thread" pattern. Called
/// directly anywhere, it is async code like any other.
/// </summary>
public sealed class ASYNC102LocalFunctionOnPoolTests
{
    [Fact]
    public Task A_barrier_in_a_local_function_run_only_through_Task_Run() => VerifyCS.AnalyzerAsync("""
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        class Race
        {
            async Task<int> StressAsync(int senders)
            {
                var barrier = new Barrier(senders);
                var sent = 0;
                var tasks = Enumerable.Range(0, senders).Select(i => Task.Run(() => SendAsync(i))).ToArray();
                var more = Task.Run(async () => await SendAsync(-1));
                var viaGroup = Task.Factory.StartNew(Ping);
                await Task.WhenAll(tasks);
                await more;
                await viaGroup;
                return sent;

                async Task SendAsync(int i)
                {
                    barrier.SignalAndWait();
                    await Task.Delay(1);
                    Interlocked.Increment(ref sent);
                }

                void Ping() => barrier.SignalAndWait();
            }
        }
        """);

    [Fact]
    public Task The_same_local_function_also_called_directly_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Race
        {
            async Task StressAsync(ManualResetEventSlim ready)
            {
                var pooled = Task.Run(() => SendAsync(1));
                await SendAsync(2);
                await pooled;

                async Task SendAsync(int i)
                {
                    {|ASYNC102:ready.Wait()|};
                    await Task.Delay(i);
                }
            }

            async Task OnlyCalledAsync(ManualResetEventSlim ready)
            {
                await WaitThenDelayAsync();
                var work = Task.Run(() => { Log(); return WaitThenDelayAsync(); });
                await work;

                async Task WaitThenDelayAsync()
                {
                    {|ASYNC102:ready.Wait()|};
                    await Task.Delay(1);
                }
            }

            static void Log() { }
        }
        """);
}
