using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Background work started with Task.Run/StartNew whose body catches and swallows every exception: the dropped task
/// cannot fault, and in a synchronous method nobody is meant to wait for it.
/// </summary>
public sealed class ASYNC201GuardedWorkTests
{
    private const string Members = """
            private async Task RefreshAsync()
            {
                try
                {
                    await Task.Delay(10);
                    Console.WriteLine("refreshed");
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }
            }

            private async Task PingAsync(int attempt)
            {
                try
                {
                    await Task.Delay(attempt);
                }
                catch
                {
                    // the next tick tries again
                }
            }

            private void Drain()
            {
                try
                {
                    Console.WriteLine("draining");
                }
                catch (System.Exception)
                {
                }
            }

            private async Task RiskyAsync()
            {
                await Task.Delay(1);
                throw new InvalidOperationException();
            }

            private async Task LogsThenRethrowsAsync()
            {
                try
                {
                    await Task.Delay(1);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                    throw;
                }
            }

            private async Task OnlyTimeoutsAsync()
            {
                try
                {
                    await Task.Delay(1);
                }
                catch (TimeoutException)
                {
                }
            }

            private Task NotAsyncAsync()
            {
                try
                {
                    return Task.Delay(1);
                }
                catch
                {
                    return Task.CompletedTask;
                }
            }

            private static int Next() => 3;
        """;

    [Fact]
    public Task Guarded_background_work_is_not_reported() => VerifyCS.AnalyzerAsync($$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Cache
        {
            private readonly int attempt = 2;

            public Cache()
            {
                Task.Run(() => RefreshAsync());
            }

            public void Warm()
            {
                Task.Run(RefreshAsync);
                Task.Run(async () => await RefreshAsync().ConfigureAwait(false));
                Task.Run(() => PingAsync(attempt));
                Task.Factory.StartNew(Drain, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                var unused = Task.Run(() => PingAsync(1));
            }

            private bool stopping;

            private async Task StopAsync()
            {
                if (stopping) return;
                stopping = true;
                try
                {
                    await Task.Delay(1);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }
            }

            public void Stop() => Task.Run(() => StopAsync());

            private readonly CancellationTokenSource source = new();

            private async Task ReportLoop()
            {
                while (!source.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(1000, source.Token);
                        Console.WriteLine("report");
                    }
                    catch (OperationCanceledException)
                    {
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine(e);
                    }
                }
            }

            private async Task LoopThenRisk()
            {
                while (!source.IsCancellationRequested)
                {
                    try
                    {
                        await Task.Delay(1000, source.Token);
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine(e);
                    }

                    await RiskyAsync();
                }
            }

            public void StartReporting()
            {
                Task.Run(ReportLoop);
                {|ASYNC201:Task.Run(LoopThenRisk)|};
            }

            public void Deliver(int delay)
            {
                Task.Run(async () =>
                {
                    var delayed = false;
                    try
                    {
                        await Task.Delay(delay);
                        delayed = true;
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine(e);
                    }
                    finally
                    {
                        Console.WriteLine(delayed);
                    }
                });
            }

            public void OnTick(object state)
            {
                Task.Run(async () =>
                {
                    try
                    {
                        await Task.Delay(10);
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine(e);
                    }
                });
            }

        {{Members}}
        }
        """);

    [Fact]
    public Task Work_that_can_still_fault_is_reported() => VerifyCS.AnalyzerAsync($$"""
        using System;
        using System.Threading.Tasks;

        class Cache
        {
            public void Warm()
            {
                {|ASYNC201:Task.Run(() => RiskyAsync())|};
                {|ASYNC201:Task.Run(LogsThenRethrowsAsync)|};
                {|ASYNC201:Task.Run(OnlyTimeoutsAsync)|};
                {|ASYNC201:Task.Run(NotAsyncAsync)|};
                {|ASYNC201:Task.Run(() => PingAsync(Next()))|};
                {|ASYNC201:Task.Run(async () =>
                {
                    Console.WriteLine("before the guard");
                    try
                    {
                        await Task.Delay(10);
                    }
                    catch (Exception e)
                    {
                        Console.Error.WriteLine(e);
                    }
                })|};
                {|ASYNC201:Task.Run(async () =>
                {
                    await RefreshAsync();
                    await RiskyAsync();
                })|};
            }

        {{Members}}
        }
        """);
}
