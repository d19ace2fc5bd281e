using AsyncLint.Tests.Verifiers;
using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>
/// Guarded fire-and-forget written with a step before its try: an argument check, a task started and then awaited
/// inside the guard; a name that says "forget"; a callback that only awaits a guarded method of its own type.
/// </summary>
public sealed class ASYNC203GuardedShapeTests
{
    [Fact]
    public Task Observing_helpers_that_check_their_argument_first_are_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public static class TaskObserving
        {
            public static async void Observe(this Task task)
            {
                _ = task ?? throw new ArgumentNullException(nameof(task));
                try { await task.ConfigureAwait(false); }
                catch { }
            }

            public static async void Observe<T>(this Task<T> task, Action<Exception> onError)
            {
                ArgumentNullException.ThrowIfNull(task);
                try { await task; }
                catch (Exception error) { onError(error); }
            }

            public static async void ObserveWithin(this ValueTask task, TimeSpan timeout)
            {
                if (timeout < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout));
                try { await task; }
                catch (Exception) { }
            }
        }
        """);

    [Fact]
    public Task A_check_that_throws_something_else_or_a_catch_that_is_not_a_catch_all_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public static class TaskObserving
        {
            static bool ready;

            public static async void {|ASYNC203:Observe|}(this Task task)
            {
                if (!ready) throw new InvalidOperationException("not ready");
                try { await task; }
                catch (Exception) { }
            }

            public static async void {|ASYNC203:ObserveCancellation|}(this Task task)
            {
                ArgumentNullException.ThrowIfNull(task);
                try { await task; }
                catch (OperationCanceledException) { }
            }
        }
        """);

    [Fact]
    public Task A_local_function_named_for_forgetting_whose_started_task_is_awaited_in_the_guard_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        interface ISession { Task OpenAsync(CancellationToken token); }

        static class Sessions
        {
            [Obsolete("Use OpenAsync")]
            public static ISession Open(ISession session, Action<Exception> log)
            {
                async void OpenAndForget()
                {
                    var opening = session.OpenAsync(CancellationToken.None);
                    try { await opening.ConfigureAwait(false); }
                    catch (Exception error) { log(error); }
                }

                OpenAndForget();
                return session;
            }
        }
        """);

    [Fact]
    public Task A_forgetting_name_does_not_excuse_an_unguarded_body_or_a_task_the_guard_never_awaits() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        interface ISession { Task OpenAsync(CancellationToken token); Task PingAsync(); }

        static class Sessions
        {
            public static void Open(ISession session)
            {
                async void {|ASYNC203:OpenAndForget|}()
                {
                    await session.OpenAsync(CancellationToken.None);
                }

                async void {|ASYNC203:PingAndForget|}()
                {
                    var opening = session.OpenAsync(CancellationToken.None);
                    try { await session.PingAsync(); }
                    catch (Exception) { }
                }

                OpenAndForget();
                PingAndForget();
            }
        }
        """);

    [Fact]
    public Task A_timer_callback_that_only_awaits_a_guarded_method_of_its_type_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Poller : IDisposable
        {
            readonly Timer timer;
            bool stopping;
            int failures;

            public Poller() => timer = new Timer(OnTick, "poll", 1000, 1000);

            // Void for the timer; the callee handles every failure.
            async void OnTick(object? state)
            {
                await PollAsync((string)state!, true);
            }

            async Task PollAsync(string action, bool isPoll)
            {
                if (stopping || failures >= 10)
                {
                    return;
                }

                action ??= "poll";
                try
                {
                    await Task.Delay(10);
                    failures = 0;
                }
                catch (Exception)
                {
                    failures++;
                }
            }

            public void Dispose() { stopping = true; timer.Dispose(); }
        }
        """);

    [Fact]
    public Task A_timer_callback_awaiting_an_unguarded_method_or_computing_its_argument_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Poller
        {
            readonly Timer first, second;

            public Poller()
            {
                first = new Timer(OnFirstTick, null, 1000, 1000);
                second = new Timer(OnSecondTick, null, 1000, 1000);
            }

            async void {|ASYNC203:OnFirstTick|}(object? state)
            {
                await PollAsync("first");
            }

            async void {|ASYNC203:OnSecondTick|}(object? state)
            {
                await GuardedPollAsync(Describe(state));
            }

            static string Describe(object? state) => state?.ToString() ?? throw new InvalidOperationException();

            async Task PollAsync(string action) => await Task.Delay(action.Length);

            async Task GuardedPollAsync(string action)
            {
                try { await Task.Delay(action.Length); }
                catch (Exception) { }
            }
        }
        """);
    [Fact]
    public Task A_guard_inside_a_using_of_what_the_callback_was_handed_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Message : IDisposable
        {
            public void Dispose() { }
        }

        public sealed class Receiver
        {
            private Message? current;
            private Func<Message> open = () => new Message();

            public void Listen(Action<Action<Message>> register, Action<Action> onIdle)
            {
                register(OnMessage);
                register(OnUnguarded);
                onIdle(OnCurrent);
                onIdle(OnOpened);
            }

            private async void OnMessage(Message message)
            {
                using (message)
                {
                    try { await Task.Delay(1); }
                    catch (Exception) { }
                }
            }

            private async void OnCurrent()
            {
                using (this.current)
                {
                    try { await Task.Delay(1); }
                    catch { }
                }
            }

            // The resource is made by a call, or the block is not guarded: still reported.
            private async void {|ASYNC203:OnOpened|}()
            {
                using (open())
                {
                    try { await Task.Delay(1); }
                    catch (Exception) { }
                }
            }

            private async void {|ASYNC203:OnUnguarded|}(Message message)
            {
                using (message)
                {
                    await Task.Delay(1);
                }
            }
        }
        """);
    [Fact]
    public Task A_private_guarded_method_its_type_calls_directly_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Session
        {
            private int pending;

            // The reactor's synchronous dispatch: it could not await a Task either.
            public bool HandleAction(string message)
            {
                if (message.Length == 0) return false;
                RenewKeys(message);
                return true;
            }

            public void Flush() => RaiseUpdates();

            private async void RenewKeys(string message)
            {
                try { await Task.Delay(message.Length); }
                catch (Exception) { pending = 0; }
            }

            private async void RaiseUpdates()
            {
                try { await Task.Delay(pending); }
                catch (Exception) { }
            }

            // An async read loop hands each message to a guarded processor and reads on: awaiting it would serialize them.
            public async Task ReadLoopAsync(Func<Task<string>> receive)
            {
                while (true)
                {
                    var message = await receive();
                    Process(message);
                }
            }

            private async void Process(string message)
            {
                try { await Task.Delay(message.Length); }
                catch (Exception e) { Console.Error.WriteLine(e); }
            }
        }
        """);

    [Fact]
    public Task A_guarded_method_public_or_never_called_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Session
        {
            public async Task SendAsync(string message)
            {
                await Task.Yield();
                CheckKeys();
            }

            // Called from async code, but the catch is narrow: an exception can still escape.
            private async void {|ASYNC203:CheckKeys|}()
            {
                try { await Task.Delay(1); }
                catch (InvalidOperationException) { }
            }

            public async void {|ASYNC203:RaiseUpdates|}()
            {
                try { await Task.Delay(1); }
                catch (Exception) { }
            }

            private async void {|ASYNC203:Unused|}()
            {
                try { await Task.Delay(1); }
                catch (Exception) { }
            }

            public void Start() => RaiseUpdates();

            // Called only from synchronous code, but not guarded: an exception would still escape.
            public void Renew() => RenewUnguarded();

            private async void {|ASYNC203:RenewUnguarded|}()
            {
                await Task.Delay(1);
            }
        }
        """);
    [Fact]
    public Task An_atomic_counter_step_before_the_guard_is_quiet() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Transfer : IDisposable
        {
            public Task ExecuteAsync(CancellationToken cancellationToken) => Task.CompletedTask;
            public void Dispose() { }
        }

        public sealed class DirectoryTransfer
        {
            private int outstanding;
            private long started;

            public void Enumerate(Transfer[] transfers)
            {
                foreach (var transfer in transfers)
                {
                    DoTransfer(transfer, CancellationToken.None);
                }
            }

            private async void DoTransfer(Transfer transfer, CancellationToken cancellationToken)
            {
                using (transfer)
                {
                    bool hasError = false;
                    Interlocked.Increment(ref this.outstanding);
                    Interlocked.Add(ref started, 1);
                    try
                    {
                        await transfer.ExecuteAsync(cancellationToken);
                    }
                    catch
                    {
                        hasError = true;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref this.outstanding);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_counter_step_on_a_computed_target_or_with_a_call_is_not_quiet() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class DirectoryTransfer
        {
            private int[] counts = new int[1];

            public void Enumerate() { DoTransfer(); DoMore(); }

            private int Slot() => 0;

            private async void {|ASYNC203:DoTransfer|}()
            {
                Interlocked.Increment(ref counts[Slot()]);
                try { await Task.Delay(1); }
                catch (Exception) { }
            }

            private async void {|ASYNC203:DoMore|}()
            {
                Interlocked.Add(ref counts[0], Slot());
                try { await Task.Delay(1); }
                catch (Exception) { }
            }
        }
        """);

    [Fact]
    public Task A_buffer_of_a_literal_or_read_size_before_the_guarded_loop_is_quiet() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Receiver
        {
            private const int Size = 4096;
            private readonly CancellationTokenSource cts = new();

            public void Start(Stream stream) { ReceiveLoop(stream); ReceiveMore(stream); }

            private async void ReceiveLoop(Stream stream)
            {
                var buffer = new byte[65536];
                ReadOnlyMemory<byte> pending = Array.Empty<byte>();
                while (!cts.IsCancellationRequested)
                {
                    ReadOnlyMemory<byte> value = Array.Empty<byte>();
                    try { await stream.ReadAsync(buffer, cts.Token); }
                    catch (Exception) { return; }
                }
            }

            private async void ReceiveMore(Stream stream)
            {
                var buffer = new byte[Size];
                try { await stream.ReadAsync(buffer, cts.Token); }
                catch (Exception) { }
            }
        }
        """);

    [Fact]
    public Task A_buffer_sized_by_a_call_or_filled_by_an_initializer_call_is_not_quiet() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Receiver
        {
            public void Start(Stream stream) { ReceiveLoop(stream); ReceiveMore(stream); }

            private int Size() => checked((int)DateTime.Now.Ticks);

            private async void {|ASYNC203:ReceiveLoop|}(Stream stream)
            {
                var buffer = new byte[Size()];
                try { await stream.ReadAsync(buffer); }
                catch (Exception) { }
            }

            private async void {|ASYNC203:ReceiveMore|}(Stream stream)
            {
                var buffer = new[] { (byte)Size() };
                try { await stream.ReadAsync(buffer); }
                catch (Exception) { }
            }
        }
        """);

    [Fact]
    public Task A_timer_callback_awaiting_its_guarded_overload_of_the_same_name() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class ConfigRepository : IDisposable
        {
            private readonly Timer timer;

            public ConfigRepository() => timer = new Timer(Refresh, null, 1000, 1000);

            private async void Refresh(object? _) => await Refresh(false);

            private async Task Refresh(bool force)
            {
                try { await Task.Delay(force ? 0 : 10); }
                catch (Exception e) { Console.Error.WriteLine(e); }
            }

            public void Dispose() => timer.Dispose();
        }
        """);

    [Fact]
    public Task A_callback_awaiting_an_unguarded_overload_of_the_same_name_is_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class ConfigRepository : IDisposable
        {
            private readonly Timer timer;

            public ConfigRepository() => timer = new Timer(Refresh, null, 1000, 1000);

            private async void {|ASYNC203:Refresh|}(object? _) => await Refresh(false);

            private async Task Refresh(bool force) => await Task.Delay(force ? 0 : 10);

            public void Dispose() => timer.Dispose();
        }
        """);

    [Fact]
    public Task A_receive_loop_whose_second_guard_carries_a_label_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Receiver
        {
            private readonly CancellationTokenSource cts = new();
            private readonly Action<Exception> onError = _ => { };

            public void Start(Stream stream) => Run(ReceiveLoop, stream);

            private static void Run(Action<Stream> loop, Stream stream) => loop(stream);

            private async void ReceiveLoop(Stream stream)
            {
                var token = cts.Token;
                var buffer = new byte[65536];
                ReadOnlyMemory<byte> pending = Array.Empty<byte>();
                while (!token.IsCancellationRequested)
                {
                    ReadOnlyMemory<byte> value = Array.Empty<byte>();
                    try
                    {
                        var read = await stream.ReadAsync(buffer, token).ConfigureAwait(false);
                        if (read == 0) return;
                        value = buffer.AsMemory(0, read);
                        goto PARSE;
                    }
                    catch (Exception ex)
                    {
                        if (ex is OperationCanceledException) return;
                        onError(ex);
                        return;
                    }
                PARSE:
                    try
                    {
                        Console.WriteLine(value.Length + pending.Length);
                    }
                    catch (Exception ex)
                    {
                        onError(ex);
                    }
                }
            }
        }
        """);
}
