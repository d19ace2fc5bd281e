using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

public sealed class ASYNC204TrapTests
{
    [Fact]
    public Task Event_subscription_with_an_async_lambda_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Button
        {
            public event EventHandler? Click;
            public event Action<string>? Message;
        }

        class C
        {
            void Wire(Button button)
            {
                button.Click += async (sender, e) => await Task.Delay(1);
                button.Message += async text => await Task.Delay(text.Length);
            }
        }
        """);

    [Fact]
    public Task Event_handler_delegate_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            EventHandler Make() => async (sender, e) => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task Command_handler_lambdas_are_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using System.Windows.Input;

        class RelayCommand : ICommand
        {
            public RelayCommand(Action execute) { }
            public event EventHandler? CanExecuteChanged;
            public bool CanExecute(object? parameter) => true;
            public void Execute(object? parameter) { }
            public static RelayCommand Create(Action execute) => new(execute);
        }

        class ViewModel
        {
            public ICommand Save => new RelayCommand(async () => await Task.Delay(1));
            public ICommand Load => RelayCommand.Create(async () => await Task.Delay(1));
        }
        """);

    [Fact]
    public Task Guarded_timer_callback_lambda_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Timer Start() => new Timer(async _ =>
            {
                try
                {
                    await Task.Delay(1);
                }
                catch (Exception ex)
                {
                    Console.WriteLine(ex);
                }
            }, null, 0, 1000);
        }
        """);

    [Fact]
    public Task Task_Run_picks_the_Func_Task_overload_and_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task Start() => Task.Run(async () => await Task.Delay(1));
        }
        """);

    [Fact]
    public Task User_overload_that_takes_Func_Task_is_chosen_and_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Retry
        {
            public static void Run(Action action) { }
            public static void Run(Func<Task> action) { }
        }

        class C
        {
            void Go() => Retry.Run(async () => await Task.Delay(1));
        }
        """);

    [Fact]
    public Task Func_Task_local_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task Go()
            {
                Func<int, Task> work = async x => await Task.Delay(x);
                await work(1);
            }
        }
        """);

    [Fact]
    public Task Synchronous_lambda_to_Action_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Collections.Generic;

        class C
        {
            void Go(List<int> items) => items.ForEach(x => System.Console.WriteLine(x));
        }
        """);

    [Fact]
    public Task Half_typed_code_does_not_crash() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>
    {
        TestCode = """
            using System;
            using System.Threading.Tasks;

            class C
            {
                void Go()
                {
                    {|CS0103:Missing|}.ForEach(async x => await Task.Delay(1));
                    Action a = {|ASYNC204:async () =>|} await {|CS0103:Unknown|}();
                    {|CS0246:Foo|} f = async () => await Task.Delay(1);
                }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Lambda_posted_to_the_project_own_synchronization_context() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Runtime.ExceptionServices;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class SingleThreadContext : SynchronizationContext
        {
            private readonly Queue<(SendOrPostCallback Callback, object? State)> queue = new();
            private ExceptionDispatchInfo? failure;
            private bool done;

            public override void Post(SendOrPostCallback d, object? state) => queue.Enqueue((d, state));

            public void Complete() => done = true;

            public void Fail(Exception exception) => failure = ExceptionDispatchInfo.Capture(exception);

            public void Pump()
            {
                while (!done && queue.Count > 0)
                {
                    var (callback, state) = queue.Dequeue();
                    callback(state);
                    failure?.Throw();
                }
            }
        }

        static class Blocking
        {
            public static void RunSync(Func<Task> work)
            {
                var context = new SingleThreadContext();
                context.Post(async _ =>
                {
                    try
                    {
                        await work();
                    }
                    catch (Exception exception)
                    {
                        context.Fail(exception);
                        throw;
                    }
                    finally
                    {
                        context.Complete();
                    }
                }, null);
                context.Pump();
            }
        }
        """);

    [Fact]
    public Task Async_lambda_without_an_await_is_left_to_the_compiler() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading.Tasks;

        interface ITransaction
        {
            void OnCommit(Func<ITransaction, Task> action);
            void OnDisposed(Action<ITransaction> action);
        }

        class Scenario
        {
            // No await: the lambda runs to its end before OnDisposed's delegate returns (the compiler's CS1998 says `async` is idle).
            #pragma warning disable CS1998
            void Run(ITransaction transaction, ConcurrentQueue<string> events)
            {
                transaction.OnCommit(async _ => events.Enqueue("commit"));
                transaction.OnDisposed(async _ => events.Enqueue("disposed"));
                transaction.OnDisposed(async _ =>
                {
                    Func<Task> later = async () => await Task.Delay(1);
                    events.Enqueue("disposed");
                });
            }
            #pragma warning restore CS1998

            void Awaits(ITransaction transaction)
            {
                transaction.OnDisposed({|ASYNC204:async _ =>|} await Task.Delay(1));
                transaction.OnDisposed({|ASYNC204:async _ =>|}
                {
                    await foreach (var item in Items())
                    {
                    }
                });
            }

            static async System.Collections.Generic.IAsyncEnumerable<int> Items()
            {
                await Task.Yield();
                yield return 1;
            }
        }
        """);

    [Fact]
    public Task A_cast_to_Action_chooses_async_void_on_purpose() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class AsyncContext
        {
            public static void Run(Action action) => action();
            public static void Run(Func<Task> action) => action().GetAwaiter().GetResult();
        }

        class ContextTests
        {
            void Run_async_void_blocks_until_completion()
            {
                AsyncContext.Run((Action)(async () => await Task.Yield()));
                AsyncContext.Run((Action)((async () => await Task.Yield())));
            }

            void Implicitly(Action<int> each)
            {
                each = {|ASYNC204:async _ =>|} await Task.Yield();
            }
        }
        """);
}
