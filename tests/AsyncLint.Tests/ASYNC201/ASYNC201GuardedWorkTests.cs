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
                    Console.WriteLine($"before the guard: {Next()}");
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

    [Fact]
    public Task Guarded_work_with_quiet_steps_around_the_guard_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        interface ILog
        {
            void Debug(string message, params object[] values);
            void Error(Exception error, string message);
        }

        sealed class Worker
        {
            private readonly CancellationTokenSource cts = new();
            private readonly ManualResetEventSlim stopped = new();
            private readonly ILog _log;
            private readonly Func<Task> step;
            private int dropped;

            public Worker(ILog log, Func<Task> step)
            {
                _log = log;
                this.step = step;
                Task.Run(Pump);
                Task.Run(Loop);
                Task.Run(Watch);
            }

            public string Name => "worker";

            private async Task Pump()
            {
                using var _ = cts;
                _log.Debug("pump {name} started", Name);
                try
                {
                    await step();
                }
                catch (Exception e)
                {
                    _log.Error(e, "pump dropped");
                }
                finally
                {
                    _log.Debug($"pump {Name} stopped");
                }
            }

            private async Task Loop()
            {
                _log.Debug("starting");
                while (true)
                {
                    if (cts.IsCancellationRequested) break;
                    try
                    {
                        await step();
                    }
                    catch (OperationCanceledException) when (cts.IsCancellationRequested)
                    {
                    }
                    catch (Exception e)
                    {
                        _log.Error(e, "step failed");
                    }
                }

                _log.Debug("stopped");
                stopped.Set();
            }

            private async Task Watch()
            {
                lock (cts)
                {
                    if (dropped != 0) return;
                    dropped = 1;
                }

                try
                {
                    await step();
                }
                catch
                {
                    dropped = 2;
                }
            }
        }
        """);

    [Fact]
    public Task Steps_around_the_guard_that_can_throw_are_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        interface ILog
        {
            void Debug(string message, params object[] values);
        }

        interface ICatalog
        {
            void Debug(string message, params object[] values);
        }

        sealed class Worker
        {
            private readonly CancellationTokenSource cts = new();
            private readonly ILog _log;
            private readonly ICatalog _catalog = null!;
            private readonly Func<Task> step;

            public Worker(ILog log, Func<Task> step)
            {
                _log = log;
                this.step = step;
                {|ASYNC201:Task.Run(PacedLoop)|};
                {|ASYNC201:Task.Run(ThrowingFinally)|};
                {|ASYNC201:Task.Run(LogsAComputedValue)|};
                {|ASYNC201:Task.Run(StepAfterTheGuard)|};
                {|ASYNC201:Task.Run(CatalogIsNoLogger)|};
            }

            // A catalog is not a logger, whatever its method is called.
            private async Task CatalogIsNoLogger()
            {
                _catalog.Debug("starting");
                try
                {
                    await step();
                }
                catch
                {
                }
            }

            private static string Describe() => "x";

            // The pause after the guard throws when the token is cancelled.
            private async Task PacedLoop()
            {
                while (!cts.IsCancellationRequested)
                {
                    try
                    {
                        await step();
                    }
                    catch (Exception e)
                    {
                        _log.Debug(e.Message);
                    }

                    await Task.Delay(1000, cts.Token);
                }
            }

            private async Task ThrowingFinally()
            {
                try
                {
                    await step();
                }
                catch
                {
                }
                finally
                {
                    if (cts.IsCancellationRequested) throw new OperationCanceledException();
                }
            }

            private async Task LogsAComputedValue()
            {
                _log.Debug("starting {0}", Describe());
                try
                {
                    await step();
                }
                catch
                {
                }
            }

            private async Task StepAfterTheGuard()
            {
                try
                {
                    await step();
                }
                catch
                {
                }

                await step();
            }
        }
        """);

    [Fact]
    public Task Calling_a_guarded_method_of_this_project_is_not_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        interface IMailbox
        {
            void Tell(object message);
        }

        sealed record Failure(Exception Error);

        static class Piping
        {
            // Forwards to the guarded overload: the failure becomes a message, nothing can escape.
            public static Task PipeTo<T>(this Task<T> task, IMailbox recipient) => PipeTo(task, recipient, false);

            public static async Task PipeTo<T>(this Task<T> task, IMailbox recipient, bool continueOnCapturedContext)
            {
                try
                {
                    recipient.Tell(await task.ConfigureAwait(continueOnCapturedContext));
                }
                catch (Exception e)
                {
                    recipient.Tell(new Failure(e));
                }
            }

            public static Task Forward<T>(this Task<T> task, IMailbox recipient) => Forward(task, recipient, 0);

            public static Task Forward<T>(this Task<T> task, IMailbox recipient, int attempts) => Send(task, recipient);

            private static async Task Send<T>(Task<T> task, IMailbox recipient) => recipient.Tell(await task);
        }

        sealed class Resolver
        {
            public bool Receive(string name, IMailbox sender)
            {
                LookupAsync(name).PipeTo(sender);
                LookupAsync(name).PipeTo(sender, true);
                {|ASYNC201:LookupAsync(name).Forward(sender)|};
                return true;
            }

            private static async Task<int> LookupAsync(string name)
            {
                await Task.Yield();
                return name.Length;
            }
        }
        """);

    [Fact]
    public Task Handlers_run_in_the_background_each_in_its_own_guard() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        static class Events
        {
            public static void Raise(EventHandler<EventArgs>? handler, object sender, bool inline)
            {
                static void ExecuteInvocations(object sender, Delegate[] invocations)
                {
                    foreach (EventHandler<EventArgs> invocation in invocations.Cast<EventHandler<EventArgs>>())
                    {
                        try
                        {
                            invocation(sender, EventArgs.Empty);
                        }
                        catch (Exception e)
                        {
                            Console.Error.WriteLine(e);
                        }
                    }
                }

                if (handler is null)
                {
                    return;
                }

                var invocations = handler.GetInvocationList();
                if (inline)
                {
                    ExecuteInvocations(sender, invocations);
                }
                else
                {
                    Task.Run(() => ExecuteInvocations(sender, invocations));
                }
            }
        }
        """);

    [Fact]
    public Task Handlers_run_in_the_background_with_work_outside_the_guard_are_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class Events
        {
            public static void Raise(Action[] handlers)
            {
                static void ExecuteInvocations(Action[] invocations)
                {
                    foreach (var invocation in invocations)
                    {
                        Console.WriteLine(invocation.Method.Name.Substring(3));
                        try
                        {
                            invocation();
                        }
                        catch (Exception e)
                        {
                            Console.Error.WriteLine(e);
                        }
                    }
                }

                {|ASYNC201:Task.Run(() => ExecuteInvocations(handlers))|};
            }
        }
        """);

    [Fact]
    public Task An_event_whose_handlers_log_their_own_faults_is_raised_without_waiting() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class Event<TArg>
        {
            private readonly List<Func<TArg, Task>> handlers = new();

            internal Task FireAsync(TArg arg)
            {
                List<Func<TArg, Task>> local;
                lock (handlers)
                {
                    local = handlers.ToList();
                }

                return Task.WhenAll(local.Select(handler => this.ProcessHandler(handler, arg)));
            }

            private Task ProcessHandler(Func<TArg, Task> handler, TArg arg)
            {
                try
                {
                    return handler(arg).ContinueWith(t =>
                    {
                        if (t.IsFaulted)
                        {
                            Console.Error.WriteLine(t.Exception);
                        }
                    });
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                    return Task.CompletedTask;
                }
            }
        }

        class GlobalEvents
        {
            private readonly Event<string> produceStarted = new();

            public Task FireProduceStartedAsync(string message) => produceStarted.FireAsync(message);
        }

        class Producer
        {
            private readonly GlobalEvents events = new();

            public void Produce(string message)
            {
                events.FireProduceStartedAsync(message);
                Console.WriteLine(message);
            }
        }
        """);

    [Fact]
    public Task An_event_whose_handlers_are_not_guarded_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class Event<TArg>
        {
            private readonly List<Func<TArg, Task>> handlers = new();

            internal Task FireAsync(TArg arg) => Task.WhenAll(handlers.Select(handler => this.Run(handler, arg)));

            private Task Run(Func<TArg, Task> handler, TArg arg) => handler(arg).ContinueWith(t => Console.WriteLine(t.Status));

            internal Task StubAsync() => Task.CompletedTask;
        }

        class Producer
        {
            private readonly Event<string> started = new();

            public void Produce(string message)
            {
                {|ASYNC201:started.FireAsync(message)|};
                {|ASYNC201:started.StubAsync()|};
            }
        }
        """);

    [Fact]
    public Task Task_Run_of_an_async_void_method_has_nothing_to_observe() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Agent
        {
            public void StopCounters(string session)
            {
                Task.Run(() => Stop(session));
                Task.Run(Flush);

                // A Task-returning method's task holds its failure: still reported.
                {|ASYNC201:Task.Run(() => StopAsync(session))|};
                {|ASYNC201:Task.Run(() => Stop(Describe(session)))|};
            }

            private async void Stop(string session)
            {
                await Task.Delay(10);
                Console.WriteLine(session);
            }

            private async void Flush() => await Task.Delay(10);

            private async Task StopAsync(string session) => await Task.Delay(10);

            private static string Describe(string session) => session.Trim();
        }
        """);

    [Fact]
    public Task A_promise_completed_under_a_lock_on_the_thread_pool_cannot_fault() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class AsyncManualResetEvent
        {
            private readonly object gate = new();
            private TaskCompletionSource<bool> tcs = new();

            public void Set()
            {
                Task.Run(() => { lock (gate) tcs.TrySetResult(true); });
                Task.Run(() =>
                {
                    lock (gate)
                    {
                        tcs.TrySetResult(true);
                    }
                });

                // More than the completion under the lock: reported.
                {|ASYNC201:Task.Run(() => { lock (gate) { tcs = new TaskCompletionSource<bool>(); tcs.TrySetResult(true); } })|};
            }
        }
        """);

    [Fact]
    public Task Guarded_work_that_completes_a_promise_after_its_try_is_silent_and_a_computed_result_is_not() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Relay
        {
            public Task<string> Start(Func<Task<string>> handler)
            {
                var tcs = new TaskCompletionSource<string>();
                Task.Run(async () =>
                {
                    string reply;
                    try { reply = await handler(); }
                    catch (Exception e) { reply = "failed: " + e.Message; }
                    tcs.SetResult(reply);
                });
                {|ASYNC201:Task.Run(async () =>
                {
                    string reply;
                    try { reply = await handler(); }
                    catch (Exception e) { reply = "failed: " + e.Message; }
                    tcs.SetResult(reply.Trim());
                })|};
                return tcs.Task;
            }
        }
        """);
}
