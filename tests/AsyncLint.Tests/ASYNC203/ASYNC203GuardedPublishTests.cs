using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>
/// A guarded async void that publishes its result after the guard: through a step that cannot throw
/// (<c>Volatile.Write</c>), or through a project method whose own body is a catch-all (an observer's <c>OnNext</c>). Nothing
/// can escape. An unguarded callback after the guard still can.
/// </summary>
public sealed class ASYNC203GuardedPublishTests
{
    private const string Sink = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public abstract class Sink<T>
        {
            public void Next(T value) { try { OnNextCore(value); } catch (Exception e) { Console.Error.WriteLine(e); } }
            public void Done() { try { OnDoneCore(); } catch (Exception e) { Console.Error.WriteLine(e); } }
            public void Fail(Exception error) { try { OnFailCore(error); } catch (Exception e) { Console.Error.WriteLine(e); } }
            public virtual void Reset() { try { OnDoneCore(); } catch (Exception e) { Console.Error.WriteLine(e); } }
            public void Publish(T value) => OnNextCore(value);
            protected abstract void OnNextCore(T value);
            protected abstract void OnDoneCore();
            protected abstract void OnFailCore(Exception error);
        }

        """;

    [Fact]
    public Task Publishing_through_a_quiet_step_or_a_self_guarding_method_is_silent() => VerifyCS.AnalyzerAsync(Sink + """
        public sealed class Gate
        {
            private readonly Func<CancellationToken, Task> work;
            private readonly CancellationTokenSource cts = new();
            private bool open;

            public Gate(Func<CancellationToken, Task> work) => this.work = work;

            public bool IsOpen => Volatile.Read(ref open);

            public void Start() => Run();

            private async void Run()
            {
                try
                {
                    await work(cts.Token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                    return;
                }

                Volatile.Write(ref open, true);
            }
        }

        public sealed class FromTask<T>
        {
            private readonly Task<T> task;

            public FromTask(Task<T> task) => this.task = task;

            public void Subscribe(Sink<T> sink) => Forward(sink);

            private async void Forward(Sink<T> sink)
            {
                T result;
                try
                {
                    result = await task.ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    sink.Fail(ex);
                    return;
                }

                sink.Next(result);
                sink.Done();
            }
        }

        public sealed class Cancellable<T>
        {
            private readonly Func<CancellationToken, Task<T>> factory;

            public Cancellable(Func<CancellationToken, Task<T>> factory) => this.factory = factory;

            public void Subscribe(Sink<T> sink, CancellationToken token) => Forward(sink, token);

            private async void Forward(Sink<T> sink, CancellationToken token)
            {
                T result;
                try
                {
                    result = await factory(token).ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    if (!token.IsCancellationRequested) { sink.Fail(ex); }
                    return;
                }

                if (!token.IsCancellationRequested)
                {
                    sink.Next(result);
                    sink.Done();
                }
            }
        }
        """);

    [Fact]
    public Task Publishing_through_an_overload_that_forwards_to_a_once_only_guarded_method_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public abstract class Observer
        {
            private int completed;
            private bool disposed;

            public bool AutoDispose { get; set; }

            public void Complete(Exception? error)
            {
                if (Interlocked.Exchange(ref completed, 1) != 0)
                {
                    return;
                }

                if (disposed) return;

                var dispose = AutoDispose;
                try
                {
                    OnCompleteCore(error);
                }
                catch (Exception ex)
                {
                    dispose = true;
                    Console.Error.WriteLine(ex);
                }
                finally
                {
                    if (dispose) { disposed = true; }
                }
            }

            public void Publish(int value) => OnCompleteCore(null);

            protected abstract void OnCompleteCore(Exception? error);
        }

        public static class ObserverExtensions
        {
            public static void Complete(this Observer observer) => observer.Complete(null);

            public static void CompleteUnguarded(this Observer observer) => observer.Publish(0);
        }

        public sealed class FromWork
        {
            private readonly Func<CancellationToken, Task> work;

            public FromWork(Func<CancellationToken, Task> work) => this.work = work;

            public void Subscribe(Observer observer, CancellationToken token) { Run(observer, token); RunUnguarded(observer, token); }

            private async void Run(Observer observer, CancellationToken token)
            {
                try { await work(token).ConfigureAwait(false); }
                catch (Exception ex) { observer.Complete(ex); return; }

                if (!token.IsCancellationRequested)
                {
                    observer.Complete();
                }
            }

            private async void {|ASYNC203:RunUnguarded|}(Observer observer, CancellationToken token)
            {
                try { await work(token).ConfigureAwait(false); }
                catch (Exception ex) { observer.Complete(ex); return; }

                observer.CompleteUnguarded();
            }
        }
        """);

    [Fact]
    public Task Publishing_through_a_callback_a_virtual_or_an_unguarded_method_is_reported() => VerifyCS.AnalyzerAsync(Sink + """
        public sealed class FromTask<T>
        {
            private readonly Task<T> task;
            private readonly Action<T> onValue;

            public FromTask(Task<T> task, Action<T> onValue) { this.task = task; this.onValue = onValue; }

            public void Subscribe(Sink<T> sink) { Forward(); ForwardToVirtual(sink); ForwardUnguarded(sink); }

            private async void {|ASYNC203:Forward|}()
            {
                T result;
                try { result = await task.ConfigureAwait(false); }
                catch (Exception ex) { Console.Error.WriteLine(ex); return; }

                onValue(result);
            }

            private async void {|ASYNC203:ForwardToVirtual|}(Sink<T> sink)
            {
                try { await task.ConfigureAwait(false); }
                catch (Exception ex) { sink.Fail(ex); return; }

                sink.Reset();
            }

            private async void {|ASYNC203:ForwardUnguarded|}(Sink<T> sink)
            {
                T result;
                try { result = await task.ConfigureAwait(false); }
                catch (Exception ex) { sink.Fail(ex); return; }

                sink.Publish(result);
            }
        }
        """);
}
