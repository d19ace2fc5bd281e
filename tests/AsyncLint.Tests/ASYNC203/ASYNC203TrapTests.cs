using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>async void that is legitimate: event handlers and signatures imposed by someone else.</summary>
public sealed class ASYNC203TrapTests
{
    [Fact]
    public Task Event_handler_with_EventArgs_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Form
        {
            async void OnClick(object sender, EventArgs e)
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Event_handler_with_derived_event_args_and_nullable_sender_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        #nullable enable
        using System.ComponentModel;
        using System.Threading.Tasks;

        class Page
        {
            async void OnPropertyChanged(object? sender, PropertyChangedEventArgs e)
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Ui_framework_args_that_do_not_derive_from_EventArgs_are_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Microsoft.UI.Xaml
        {
            public class RoutedEventArgs { }
        }

        namespace App
        {
            class MainWindow
            {
                async void Button_Click(object sender, Microsoft.UI.Xaml.RoutedEventArgs e)
                {
                    await Task.Delay(1);
                }
            }
        }
        """);

    [Fact]
    public Task Method_subscribed_to_an_event_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Bus
        {
            public event Action<string>? MessageReceived;
        }

        class Listener
        {
            public Listener(Bus bus) => bus.MessageReceived += OnMessage;

            async void OnMessage(string message)
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Method_subscribed_from_a_nested_type_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Outer
        {
            public event Action? Changed;

            async void Refresh()
            {
                await Task.Delay(1);
            }

            class Wiring
            {
                void Wire(Outer outer) => outer.Changed += outer.Refresh;
            }
        }
        """);

    [Fact]
    public Task Method_of_a_generic_type_subscribed_from_a_nested_type_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Outer<T>
        {
            public event Action<T>? Changed;

            async void Refresh(T value)
            {
                await Task.Delay(1);
            }

            class Wiring
            {
                void Wire(Outer<T> outer) => outer.Changed += outer.Refresh;
            }
        }
        """);

    [Fact]
    public Task Method_wrapped_in_a_handler_delegate_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        delegate void MessageHandler(string message);

        class Listener
        {
            readonly MessageHandler handler;

            public Listener() => handler = new MessageHandler(OnMessage);

            async void OnMessage(string message)
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Method_passed_to_a_command_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using System.Windows.Input;

        class RelayCommand : ICommand
        {
            public RelayCommand(Action execute) { }
            public event EventHandler? CanExecuteChanged;
            public bool CanExecute(object? parameter) => true;
            public void Execute(object? parameter) { }
        }

        class ViewModel
        {
            public ViewModel() => Save = new RelayCommand(SaveAll);

            public ICommand Save { get; }

            async void SaveAll()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Callback_posted_to_the_project_own_synchronization_context() => VerifyAnalyzer.AnalyzerAsync("""
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

            public void Run(Func<Task> work)
            {
                Post(Start, null);
                Pump();

                async void Start(object? _)
                {
                    try
                    {
                        await work();
                    }
                    catch (Exception exception)
                    {
                        Fail(exception);
                        throw;
                    }
                    finally
                    {
                        Complete();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Guarded_timer_callback_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Replication
        {
            Timer? timer;

            void Start() => timer = new Timer(OnTick, null, 1000, 1000);

            async void OnTick(object? state)
            {
                try
                {
                    await Task.Delay(1);
                }
                catch
                {
                    // already logged
                }
            }
        }
        """);

    [Fact]
    public Task Override_of_a_void_method_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        abstract class Page
        {
            protected abstract void OnAppearing();
        }

        class MainPage : Page
        {
            protected override async void OnAppearing()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Implicit_interface_implementation_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface ICommand
        {
            void Execute(object parameter);
        }

        class SaveCommand : ICommand
        {
            public async void Execute(object parameter)
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Explicit_interface_implementation_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Resource : IDisposable
        {
            async void IDisposable.Dispose()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Partial_method_whose_declaration_is_generated_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        partial class ViewModel
        {
            partial void OnNameChanged(string value);
        }

        partial class ViewModel
        {
            async partial void OnNameChanged(string value)
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Async_Task_method_and_sync_void_method_are_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync() => await Task.Delay(1);

            void Save() { }
        }
        """);

    [Fact]
    public Task Async_void_local_function_subscribed_to_an_event_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Timer
        {
            public event EventHandler? Elapsed;
        }

        class C
        {
            void Start(Timer timer)
            {
                timer.Elapsed += OnElapsed;

                async void OnElapsed(object? sender, EventArgs e)
                {
                    await Task.Delay(1);
                }
            }
        }
        """);

    [Fact]
    public Task Unity_message_on_a_MonoBehaviour_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace UnityEngine
        {
            public class MonoBehaviour { }
        }

        namespace Game
        {
            class Loader : UnityEngine.MonoBehaviour
            {
                async void Start()
                {
                    await Task.Delay(1);
                }

                async void OnEnable()
                {
                    await Task.Delay(1);
                }

                async void {|ASYNC203:LoadLevel|}()
                {
                    await Task.Delay(1);
                }
            }
        }
        """);

    [Fact]
    public Task Half_typed_code_does_not_crash() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>
    {
        TestCode = """
            using System.Threading.Tasks;

            class C : {|CS0246:IMissing|}
            {
                async void {|ASYNC203:M|}({|CS0246:Unknown|} x)
                {
                    await Task.Delay(1);
                    x.Event += {|CS0103:Handler|};
                }

                async void N(object sender, {|CS0246:MissingArgs|} e) { await {|CS0103:Foo|}(); }
            }
            """,
    }.RunAsync();

    [Fact]
    public Task Guarded_callback_handed_over_by_a_one_call_lambda_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class PeriodicTask
        {
            private readonly object gate = new();
            private readonly Func<Task> action;
            private bool busy;
            private Timer? timer;

            public PeriodicTask(Func<Task> action) => this.action = action;

            public void Start() => timer = new Timer(_ => Tick(), null, 1000, 1000);

            // A busy flag taken under a lock, then the guard; the finally only clears the flag.
            private async void Tick()
            {
                if (busy) return;
                lock (gate)
                {
                    if (busy) return;
                    busy = true;
                }

                try
                {
                    await action();
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }
                finally
                {
                    busy = false;
                }
            }
        }
        """);

    [Fact]
    public Task Unguarded_callback_handed_over_by_a_one_call_lambda_is_reported_with_its_fix() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class PeriodicTask
        {
            private readonly Func<Task> action;
            private Timer? timer;

            public PeriodicTask(Func<Task> action) => this.action = action;

            public void Start() => timer = new Timer(_ => Tick(), null, 1000, 1000);

            private async void {|ASYNC203:Tick|}()
            {
                await action();
            }
        }
        """);

    [Fact]
    public Task Guarded_timer_callback_after_reads_and_arithmetic_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Progress { public long? PositionTicks { get; set; } public bool IsPaused { get; set; } public long? RunTimeTicks { get; set; } }

        sealed class Session
        {
            private const long Increment = 10_000_000;
            private readonly Func<Progress, Task> report;
            private Progress? last;
            private bool disposed;
            private Timer? timer;

            public Session(Func<Progress, Task> report) => this.report = report;

            public void Start() => timer = new Timer(OnTick, null, 1000, 1000);

            private async void OnTick(object? state)
            {
                if (disposed)
                {
                    return;
                }

                var progress = last;
                if (progress is null || progress.IsPaused)
                {
                    return;
                }

                var ticks = progress.PositionTicks ?? 0;
                if (ticks < 0)
                {
                    ticks = 0;
                }

                var next = ticks + Increment;
                long? runtime = progress?.RunTimeTicks;
                if (runtime.HasValue && next >= runtime.Value)
                {
                    return;
                }

                if (progress.RunTimeTicks is long limit && next >= limit || progress.PositionTicks is > 0 and < 10)
                {
                    return;
                }

                progress!.PositionTicks = next;
                try
                {
                    await report(progress);
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }
            }
        }
        """);

    [Fact]
    public Task Timer_callback_with_a_call_before_its_guard_is_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Session
        {
            private readonly Func<Task> report;
            private Timer? timer;
            private long ticks;

            public Session(Func<Task> report) => this.report = report;

            public void Start() => timer = new Timer(OnTick, null, 1000, 1000);

            private static long Next(long value) => checked(value * 2);

            private async void {|ASYNC203:OnTick|}(object? state)
            {
                ticks = Next(ticks);
                var share = 100 / ticks;
                try
                {
                    await report();
                }
                catch (Exception e)
                {
                    Console.Error.WriteLine(e);
                }
            }
        }
        """);

    [Fact]
    public Task Notification_once_a_held_task_has_ended_cannot_fail_at_the_await() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.ComponentModel;
        using System.Threading.Tasks;

        public sealed class Command : INotifyPropertyChanged
        {
            private Task? execution;
            private readonly Func<Task> body;
            private readonly Func<Task<string>> load = () => Task.FromResult("x");

            public Command(Func<Task> body) => this.body = body;

            public event PropertyChangedEventHandler? PropertyChanged;

            public string? Text { get; private set; }

            public void Execute()
            {
                execution = body();

                // Raise the notification once the task the command started has ended, however it ended.
                async void MonitorTask()
                {
                    await execution!.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(execution)));
                }

                MonitorTask();
            }

            // Guilty look-alikes: a plain await rethrows the task's failure into the context, and the others start work of
            // their own, which nobody can await.
            internal static async void {|ASYNC203:AwaitAndThrowIfFailed|}(Task task)
            {
                await task;
            }

            public async void {|ASYNC203:Refresh|}()
            {
                Text = await load().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            public async void {|ASYNC203:RunThenReport|}(Task task)
            {
                await task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await Task.Delay(100);
            }
        }
        """);
}
