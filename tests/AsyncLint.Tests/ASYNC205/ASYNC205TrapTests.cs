using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

public sealed class ASYNC205TrapTests
{
    [Fact]
    public Task Completed_tasks_inside_using_are_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task<long> LengthAsync(string path)
            {
                using (var stream = File.OpenRead(path))
                {
                    if (stream.Length == 0)
                    {
                        return Task.FromResult(0L);
                    }

                    return Task.FromResult(stream.Length);
                }
            }

            Task TouchAsync(string path)
            {
                using var stream = File.OpenWrite(path);
                return Task.CompletedTask;
            }

            ValueTask<int> CountAsync(string path)
            {
                using var stream = File.OpenRead(path);
                return new ValueTask<int>((int)stream.Length);
            }
        }
        """);

    [Fact]
    public Task Async_method_that_already_awaits_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> ReadAsync(string path)
            {
                using var reader = new StreamReader(path);
                return await reader.ReadToEndAsync();
            }
        }
        """);

    [Fact]
    public Task Return_after_the_using_block_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task<string> ReadAsync(string path)
            {
                string header;
                using (var reader = new StreamReader(path))
                {
                    header = reader.ReadLine() ?? "";
                }

                return Task.Run(() => header);
            }
        }
        """);

    [Fact]
    public Task Try_without_catch_or_finally_around_the_return_and_try_catch_before_it_are_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task RunAsync()
            {
                try
                {
                    Validate();
                }
                catch (ArgumentException)
                {
                    return Task.CompletedTask;
                }

                return SendAsync();
            }

            void Validate() { }
            Task SendAsync() => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Returning_a_task_that_was_not_started_in_the_block_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            readonly TaskCompletionSource<int> completion = new();
            Task? pending;

            Task<int> WaitAsync()
            {
                try
                {
                    Register();
                    return completion.Task;
                }
                catch (ObjectDisposedException)
                {
                    return Task.FromException<int>(new InvalidOperationException());
                }
            }

            Task Pending(Task fallback)
            {
                try
                {
                    return pending ?? fallback;
                }
                finally
                {
                    pending = null;
                }
            }

            void Register() { }
        }
        """);

    [Fact]
    public Task Catch_that_turns_synchronous_exceptions_into_a_faulted_task_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task<int> SendAsync(string message)
            {
                try
                {
                    Validate(message);
                    return WriteAsync(message);
                }
                catch (Exception ex)
                {
                    return Task.FromException<int>(ex);
                }
            }

            ValueTask FlushAsync()
            {
                try
                {
                    return WriteCoreAsync();
                }
                catch (OperationCanceledException oce)
                {
                    return ValueTask.FromCanceled(oce.CancellationToken);
                }
                catch (Exception ex)
                {
                    return ValueTask.FromException(ex);
                }
            }

            void Validate(string message) { }
            Task<int> WriteAsync(string message) => Task.FromResult(message.Length);
            ValueTask WriteCoreAsync() => default;
        }
        """);

    [Fact]
    public Task Slow_path_handing_the_in_flight_task_to_an_awaiting_helper_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Writer
        {
            readonly SemaphoreSlim gate = new(1);

            ValueTask<bool> WriteAsync(string message)
            {
                var gotLock = false;
                try
                {
                    var pending = gate.WaitAsync(100);
                    if (!pending.IsCompleted)
                    {
                        return WriteAwaitedAsync(pending, message);
                    }

                    gotLock = pending.Result;
                    return new ValueTask<bool>(gotLock);
                }
                finally
                {
                    if (gotLock)
                    {
                        gate.Release();
                    }
                }
            }

            async ValueTask<bool> WriteAwaitedAsync(Task<bool> pending, string message)
            {
                if (!await pending) return false;
                try { return message.Length > 0; } finally { gate.Release(); }
            }
        }
        """);

    [Fact]
    public Task Slow_path_in_an_async_local_function_awaiting_the_captured_in_flight_task() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Publisher<T>
        {
            readonly TaskCompletionSource<T> published = new();
            readonly Func<Task<T>> produce;

            public Publisher(Func<Task<T>> produce) => this.produce = produce;

            public Task<T> PublishAsync()
            {
                try
                {
                    Task<T> pending = produce();
                    if (pending.Status == TaskStatus.RanToCompletion)
                    {
                        published.TrySetResult(pending.Result);
                        return pending;
                    }

                    async Task<T> AwaitThenPublish()
                    {
                        try
                        {
                            var value = await pending.ConfigureAwait(false);
                            published.TrySetResult(value);
                            return value;
                        }
                        catch (Exception e)
                        {
                            published.TrySetException(e);
                            throw;
                        }
                    }

                    return AwaitThenPublish();
                }
                catch (Exception e)
                {
                    published.TrySetException(e);
                    throw;
                }
            }

            public Task<T> StartAsync()
            {
                try
                {
                    async Task<T> ProduceLater()
                    {
                        await Task.Yield();
                        return await produce();
                    }

                    {|ASYNC205:return ProduceLater();|}
                }
                catch (Exception e)
                {
                    published.TrySetException(e);
                    throw;
                }
            }
        }
        """);

    [Fact]
    public Task Catch_that_fails_a_promise_and_returns_its_task() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Copier
        {
            Task CopyAsync(Func<Task> copy)
            {
                var source = new TaskCompletionSource<object>();
                try
                {
                    return copy();
                }
                catch (Exception e)
                {
                    source.TrySetException(e);
                    return source.Task;
                }
            }

            Task CopyOtherAsync(Func<Task> copy, TaskCompletionSource<object> other)
            {
                var source = new TaskCompletionSource<object>();
                try
                {
                    {|ASYNC205:return copy();|}
                }
                catch (Exception e)
                {
                    other.TrySetException(e);
                    return source.Task;
                }
            }
        }
        """);

    [Fact]
    public Task Continuation_on_the_in_flight_task_handles_the_async_part() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Flusher
        {
            private readonly SemaphoreSlim gate = new(1);

            Task FlushAsync(Func<Task?> flush)
            {
                var release = true;
                gate.Wait();
                try
                {
                    Task? pending = flush();
                    if (pending != null)
                    {
                        release = false;
                        return pending.ContinueWith(static (t, state) => ((SemaphoreSlim)state!).Release(), gate, TaskScheduler.Default);
                    }

                    return Task.CompletedTask;
                }
                finally
                {
                    if (release)
                    {
                        gate.Release();
                    }
                }
            }

            Task FlushAndWrapAsync(Task<Task> pending)
            {
                try
                {
                    return pending.ContinueWith(t => t.Result).Unwrap();
                }
                finally
                {
                    Console.WriteLine("done");
                }
            }

            Task StartThenContinueAsync(Func<Task> start)
            {
                try
                {
                    {|ASYNC205:return start().ContinueWith(t => Console.WriteLine(t.Status));|}
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """);

    [Fact]
    public Task Using_holder_whose_value_is_moved_out_into_the_call() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class RegistrationHolder : IDisposable
        {
            private CancellationTokenRegistration registration;
            public void Set(CancellationTokenRegistration value) => registration = value;
            public CancellationTokenRegistration Take() { var value = registration; registration = default; return value; }
            public void Dispose() => registration.Dispose();
        }

        class Reader
        {
            Task NextAsync(Func<CancellationTokenRegistration, Task> invoke, CancellationToken token)
            {
                using (var holder = new RegistrationHolder())
                {
                    if (token.CanBeCanceled)
                    {
                        holder.Set(token.Register(() => { }));
                    }

                    return invoke(holder.Take());
                }
            }

            Task NextLaterAsync(Func<CancellationTokenRegistration, Task> invoke, CancellationToken token)
            {
                using (var holder = new RegistrationHolder())
                {
                    holder.Set(token.Register(() => { }));
                    var registration = holder.Take();
                    return invoke(registration);
                }
            }

            Task NextInContextAsync(Func<Tuple<string, CancellationTokenRegistration>, Task> invoke, CancellationToken token)
            {
                using (var holder = new RegistrationHolder())
                {
                    holder.Set(token.Register(() => { }));
                    var context = Tuple.Create("next", holder.Take());
                    return invoke(context);
                }
            }

            Task KeptAsync(Func<RegistrationHolder, Task> invoke, CancellationToken token)
            {
                using (var holder = new RegistrationHolder())
                {
                    holder.Set(token.Register(() => { }));
                    {|ASYNC205:return invoke(holder);|}
                }
            }
        }
        """);

    [Fact]
    public Task Non_task_return_inside_using_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.IO;

        class C
        {
            string Read(string path)
            {
                using var reader = new StreamReader(path);
                return reader.ReadToEnd();
            }
        }
        """);

    [Fact]
    public Task Lambda_inside_a_using_returns_its_own_task_and_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(string path)
            {
                using var stream = File.OpenRead(path);
                Func<Task> later = () => Task.Delay(1);
                await later();
            }
        }
        """);

    [Fact]
    public Task Half_typed_code_does_not_crash() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>
    {
        TestCode = """
            using System.Threading.Tasks;

            class C
            {
                Task M()
                {
                    using (var x = new {|CS0246:Missing|}())
                    {
                        return {|CS0103:Unknown|}();
                    }
                }

                {|CS0246:Missing|} N()
                {
                    try { return {|CS0103:Other|}(); } finally { }
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task A_catch_that_only_reports_and_rethrows_loses_nothing() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public interface ILogger { void LogError(Exception error, string message, params object?[] values); }

        static class Failures
        {
            public static void CheckFailFast(this Exception error)
            {
                if (error is OutOfMemoryException) Environment.FailFast(error.Message);
            }
        }

        class Middleware
        {
            private static ILogger Logger = null!;

            Task Send(object message, Func<object, Task> next)
            {
                try
                {
                    var copy = Clone(message);
                    return next(copy);
                }
                catch (InvalidOperationException e)
                {
                    Logger.LogError(e, "too large: {Type}", message.GetType().Name);
                    throw;
                }
                catch (Exception e)
                {
                    e.CheckFailFast();
                    Logger.LogError(e, "serialization failed");
                    throw;
                }
            }

            Task SendAndClean(object message, Func<object, Task> next)
            {
                try
                {
                    {|ASYNC205:return next(Clone(message));|}
                }
                catch (Exception e)
                {
                    Cleanup();
                    throw;
                }
            }

            static object Clone(object message) => message;

            void Cleanup() { }
        }
        """);

    [Fact]
    public Task A_catch_for_the_synchronous_part_and_a_continuation_for_the_faults() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Event<T>
        {
            Task ProcessHandler(Func<T, Task> handler, T argument)
            {
                try
                {
                    return handler(argument).ContinueWith(t =>
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

            Task ProcessOnFault(Func<T, Task> handler, T argument)
            {
                try
                {
                    return handler(argument).ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                    return Task.CompletedTask;
                }
            }
        }
        """);

    [Fact]
    public Task A_continuation_that_ignores_the_fault_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Event<T>
        {
            Task<int> Measure(Func<T, Task<int>> handler, T argument)
            {
                try
                {
                    {|ASYNC205:return handler(argument).ContinueWith(t => t.Result * 2);|}
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                    return Task.FromResult(0);
                }
            }
        }
        """);

    [Fact]
    public Task A_catch_around_a_call_that_catches_everything_itself_misses_nothing() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Enumerators
        {
            public ValueTask<(int Status, object? Value)> MoveNext(bool ready, int timeout)
            {
                try
                {
                    if (ready)
                    {
                        return new((1, null));
                    }

                    return AwaitMoveNextAsync(timeout);
                }
                catch (Exception exception)
                {
                    return new((2, exception));
                }
            }

            public Task<int> Load(int id)
            {
                try
                {
                    {|ASYNC205:return LoadAsync(id);|}
                }
                catch (Exception)
                {
                    return Task.FromResult(0);
                }
            }

            private async ValueTask<(int Status, object? Value)> AwaitMoveNextAsync(int timeout)
            {
                try
                {
                    await Task.Delay(timeout);
                    return (1, null);
                }
                catch (Exception exception)
                {
                    return (2, exception);
                }
            }

            private async Task<int> LoadAsync(int id)
            {
                await Task.Delay(id);
                return id;
            }
        }
        """);

    [Fact]
    public Task A_catch_that_turns_synchronous_throws_into_a_faulted_ValueTask() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class SchedulerExtensions
        {
            public static ValueTask RunAsync(Func<object, ValueTask> work, object state)
            {
                try
                {
                    return work(state);
                }
                catch (Exception exception)
                {
                    return new(Task.FromException(exception));
                }
            }

            public static ValueTask<int> CountAsync(Func<ValueTask<int>> count)
            {
                try
                {
                    return count();
                }
                catch (Exception exception)
                {
                    return ValueTask.FromException<int>(exception);
                }
            }
        }
        """);
}
