using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>
/// Guarded callbacks with a first step of their own: the state parameter cast into a local that only the guard uses
/// (an executor's <c>Action&lt;object&gt;</c>, a timer's state), or a split that hands a failure the callback was given
/// to the handler its catch-all calls. An awaited step before the try, a cast local used outside the guard, or a failure
/// branch that does more stays reported.
/// </summary>
public sealed class ASYNC203GuardedStateTests
{
    private const string Executor = """
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IExecutor { void Execute(Action<object> action, object state); }

        """;

    [Fact]
    public Task Trap_callbacks_that_cast_their_state_before_a_guarding_try() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        public sealed class Pool
        {
            readonly IExecutor executor;
            public Pool(IExecutor executor) => this.executor = executor;

            public Task<int> AcquireAsync()
            {
                var promise = new TaskCompletionSource<int>();
                executor.Execute(Acquire0, promise);
                executor.Execute(Release0, promise);
                return promise.Task;
            }

            async void Acquire0(object state)
            {
                var promise = (TaskCompletionSource<int>)state;
                try
                {
                    var result = await DoAcquireAsync();
                    promise.TrySetResult(result);
                }
                catch (Exception ex)
                {
                    promise.TrySetException(ex);
                }
            }

            async void Release0(object state)
            {
                var promise = state as TaskCompletionSource<int>;
                try { await Task.Yield(); promise!.TrySetResult(0); }
                catch (Exception ex) { promise?.TrySetException(ex); }
            }

            Task<int> DoAcquireAsync() => Task.FromResult(1);
        }

        public sealed class DistributedLock : IDisposable
        {
            readonly Timer timer;
            public DistributedLock() => timer = new Timer(Ping, this, 1000, 1000);

            static async void Ping(object? state)
            {
                var self = (DistributedLock)state!;
                try { await self.RenewAsync(); }
                catch (Exception ex) { Console.Error.WriteLine(ex); }
            }

            Task RenewAsync() => Task.Delay(1);
            public void Dispose() => timer.Dispose();
        }
        """);

    [Fact]
    public Task Trap_a_timer_callback_that_asserts_its_state_before_a_guarding_try() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        static class Fx
        {
            [Conditional("DEBUG")]
            public static void Assert(bool condition, string message) { if (!condition) throw new InvalidOperationException(message); }
        }

        public sealed class LinkRenewer : IDisposable
        {
            readonly Timer timer;
            Link? link = new Link();

            public LinkRenewer() => timer = new Timer(OnExpiration, this, 1000, Timeout.Infinite);

            static async void OnExpiration(object? state)
            {
                var self = (LinkRenewer)state!;
                Fx.Assert(self.link != null, "the link is set before the timer starts");
                Debug.Assert(self.link!.UsesToken);

                try { await self.link.RenewAsync(); }
                catch (Exception ex) { Console.Error.WriteLine(ex); }
            }

            public void Dispose() => timer.Dispose();
        }

        public sealed class Link
        {
            public bool UsesToken => true;
            public Task RenewAsync() => Task.Delay(1);
        }
        """);

    [Fact]
    public Task A_check_that_calls_or_a_step_on_the_state_before_the_guard_is_still_reported() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        static class Fx
        {
            public static void Assert(bool condition, string message) { if (!condition) throw new InvalidOperationException(message); }
            public static void Check(bool condition) { if (!condition) throw new InvalidOperationException(); }
        }

        public sealed class LinkRenewer : IDisposable
        {
            readonly Timer timer;
            Link? link = new Link();

            public LinkRenewer()
            {
                timer = new Timer(OnExpiration1, this, 1000, Timeout.Infinite);
                timer = new Timer(OnExpiration2, this, 1000, Timeout.Infinite);
                timer = new Timer(OnExpiration3, this, 1000, Timeout.Infinite);
            }

            // The assertion's argument runs the link's validation: that can throw out of the callback.
            static async void {|ASYNC203:OnExpiration1|}(object? state)
            {
                var self = (LinkRenewer)state!;
                Fx.Assert(self.link!.Validate(), "valid");
                try { await self.link.RenewAsync(); }
                catch (Exception ex) { Console.Error.WriteLine(ex); }
            }

            static async void {|ASYNC203:OnExpiration2|}(object? state)
            {
                var self = (LinkRenewer)state!;
                Fx.Check(self.link != null);
                try { await self.link!.RenewAsync(); }
                catch (Exception ex) { Console.Error.WriteLine(ex); }
            }

            static async void {|ASYNC203:OnExpiration3|}(object? state)
            {
                var self = (LinkRenewer)state!;
                Fx.Assert(self.link != null, "set");
                self.link = null;
                try { await Task.Delay(1); }
                catch (Exception ex) { Console.Error.WriteLine(ex); }
            }

            public void Dispose() => timer.Dispose();
        }

        public sealed class Link
        {
            public bool Validate() => true;
            public Task RenewAsync() => Task.Delay(1);
        }
        """);

    [Fact]
    public Task Trap_callbacks_that_hand_a_given_failure_to_the_handler_their_catch_calls() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        public sealed class Connection
        {
            public void Start(Action<Action<Exception?, string?>> receive)
            {
                receive((e, m) => HandleMessages(e, m));
                receive((e, m) => HandleReplies(e, m));
            }

            async void HandleMessages(Exception? exception, string? message)
            {
                if (exception is not null)
                {
                    Disconnect(exception);
                }
                else
                {
                    Debug.Assert(message is not null);
                    try { await Task.Yield(); Console.WriteLine(message); }
                    catch (Exception ex) { Disconnect(ex); }
                }
            }

            async void HandleReplies(Exception? exception, string? message)
            {
                if (exception is null)
                {
                    try { await Task.Yield(); Console.WriteLine(message); }
                    catch (Exception ex) { this.Disconnect(ex); }
                }
                else
                {
                    this.Disconnect(exception);
                    return;
                }
            }

            void Disconnect(Exception e) { }
        }
        """);

    [Fact]
    public Task An_awaited_step_before_the_try_or_a_cast_local_used_outside_the_guard_is_still_reported() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        public sealed class Pool
        {
            readonly IExecutor executor;
            public Pool(IExecutor executor) => this.executor = executor;

            public void Start()
            {
                executor.Execute(Acquire1, "x");
                executor.Execute(Acquire2, new TaskCompletionSource<int>());
                executor.Execute(Acquire3, new TaskCompletionSource<int>());
            }

            async void {|ASYNC203:Acquire1|}(object state)
            {
                var promise = await MakePromiseAsync((string)state);
                try { promise.TrySetResult(await DoAcquireAsync()); }
                catch (Exception ex) { promise.TrySetException(ex); }
            }

            async void {|ASYNC203:Acquire2|}(object state)
            {
                var promise = (TaskCompletionSource<int>)state;
                try { promise.TrySetResult(await DoAcquireAsync()); }
                catch (Exception ex) { promise.TrySetException(ex); }
                promise.Task.Dispose();
            }

            async void {|ASYNC203:Acquire3|}(object state)
            {
                var promise = (TaskCompletionSource<int>)state;
                var value = (TaskCompletionSource<int>)Find(state);
                try { promise.TrySetResult(await DoAcquireAsync()); }
                catch (Exception ex) { promise.TrySetException(ex); }
            }

            static object Find(object state) => state;
            Task<int> DoAcquireAsync() => Task.FromResult(1);
            Task<TaskCompletionSource<int>> MakePromiseAsync(string s) => Task.FromResult(new TaskCompletionSource<int>());
        }
        """);

    [Fact]
    public Task A_failure_branch_that_does_something_else_is_still_reported() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        public sealed class Connection
        {
            public void Start(Action<Action<Exception?, string?>> receive)
            {
                receive((e, m) => HandleMessages(e, m));
                receive((e, m) => HandleReplies(e, m));
                receive((e, m) => HandleEvents(e, m));
            }

            async void {|ASYNC203:HandleMessages|}(Exception? exception, string? message)
            {
                if (exception is not null)
                {
                    await ReconnectAsync(exception);
                }
                else
                {
                    try { await Task.Yield(); Console.WriteLine(message); }
                    catch (Exception ex) { Disconnect(ex); }
                }
            }

            async void {|ASYNC203:HandleReplies|}(Exception? exception, string? message)
            {
                if (exception is not null)
                {
                    Disconnect(exception);
                    Reset(message!.Length);
                }
                else
                {
                    try { await Task.Yield(); Console.WriteLine(message); }
                    catch (Exception ex) { Disconnect(ex); }
                }
            }

            async void {|ASYNC203:HandleEvents|}(Exception? exception, string? message)
            {
                if (exception is not null)
                {
                    Report(exception);
                }
                else
                {
                    try { await Task.Yield(); Console.WriteLine(message); }
                    catch (Exception ex) { Disconnect(ex); }
                }
            }

            void Disconnect(Exception e) { }
            void Report(Exception e) => throw e;
            void Reset(int length) { }
            Task ReconnectAsync(Exception e) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Trap_catch_alls_that_let_only_fatal_exceptions_through() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        static class Fx
        {
            public static bool IsFatal(Exception exception) => exception is OutOfMemoryException or AccessViolationException;
        }

        static class ExceptionExtensions
        {
            public static bool IsCriticalException(this Exception exception) => exception is OutOfMemoryException;
        }

        public sealed class TokenRefresher : IDisposable
        {
            readonly Timer timer;
            public TokenRefresher() => timer = new Timer(_ => OnRefresh(), null, 1000, 1000);

            async void OnRefresh()
            {
                try
                {
                    await RefreshAsync();
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                    if (Fx.IsFatal(ex))
                    {
                        throw;
                    }
                }
            }

            async void OnRenew(object? state)
            {
                try { await RefreshAsync(); }
                catch (Exception ex) when (!ex.IsCriticalException()) { Console.Error.WriteLine(ex); }
            }

            async void OnPing(object? state)
            {
                try { await RefreshAsync(); }
                catch (Exception ex)
                {
                    if (ex.IsCriticalException()) throw;
                    Console.Error.WriteLine(ex);
                }
            }

            public void Start(IExecutor executor)
            {
                executor.Execute(OnRenew, this);
                executor.Execute(OnPing, this);
            }

            Task RefreshAsync() => Task.Delay(1);
            public void Dispose() => timer.Dispose();
        }
        """);

    [Fact]
    public Task A_catch_that_rethrows_other_exceptions_or_tests_another_value_is_still_reported() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        static class Fx
        {
            public static bool IsFatal(Exception exception) => exception is OutOfMemoryException;
            public static bool IsTransient(Exception exception) => exception is TimeoutException;
        }

        public sealed class TokenRefresher
        {
            Exception? last;

            public void Start(IExecutor executor)
            {
                executor.Execute(OnTimeout, this);
                executor.Execute(OnTransient, this);
                executor.Execute(OnLast, this);
                executor.Execute(OnFatalOrElse, this);
            }

            async void {|ASYNC203:OnTimeout|}(object? state)
            {
                try { await RefreshAsync(); }
                catch (Exception ex)
                {
                    if (ex is TimeoutException) throw;
                    Console.Error.WriteLine(ex);
                }
            }

            async void {|ASYNC203:OnTransient|}(object? state)
            {
                try { await RefreshAsync(); }
                catch (Exception ex) when (!Fx.IsTransient(ex)) { Console.Error.WriteLine(ex); }
            }

            async void {|ASYNC203:OnLast|}(object? state)
            {
                try { await RefreshAsync(); }
                catch (Exception ex)
                {
                    if (Fx.IsFatal(last!)) throw;
                    last = ex;
                }
            }

            async void {|ASYNC203:OnFatalOrElse|}(object? state)
            {
                try { await RefreshAsync(); }
                catch (Exception ex)
                {
                    if (Fx.IsFatal(ex)) throw; else throw new InvalidOperationException("refresh failed", ex);
                }
            }

            Task RefreshAsync() => Task.Delay(1);
        }
        """);

    [Fact]
    public Task Trap_static_callback_that_unpacks_its_state_and_awaits_a_guarded_method_on_it() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        public sealed class LinkManager : IDisposable
        {
            readonly Timer sendTimer;
            readonly Timer receiveTimer;
            readonly object sendLink = new();
            readonly object receiveLink = new();

            public LinkManager()
            {
                sendTimer = new Timer(OnRenewSend, this, Timeout.Infinite, Timeout.Infinite);
                receiveTimer = new Timer(OnRenewReceive, this, Timeout.Infinite, Timeout.Infinite);
            }

            static async void OnRenewSend(object? state)
            {
                var manager = (LinkManager)state!;
                await manager.RenewAsync(manager.sendLink).ConfigureAwait(false);
            }

            static async void OnRenewReceive(object? state)
            {
                var manager = state as LinkManager;
                await manager!.RenewAsync(manager.receiveLink);
            }

            async Task RenewAsync(object link)
            {
                try { await Task.Delay(1); Console.WriteLine(link); }
                catch (Exception e) { Console.Error.WriteLine(e); }
            }

            public void Dispose() { sendTimer.Dispose(); receiveTimer.Dispose(); }
        }
        """);

    [Fact]
    public Task A_static_callback_awaiting_an_unguarded_method_or_another_type_is_still_reported() => VerifyAnalyzer.AnalyzerAsync(Executor + """
        public sealed class Other
        {
            public async Task RenewAsync(object link)
            {
                try { await Task.Delay(1); } catch (Exception e) { Console.Error.WriteLine(e); }
            }
        }

        public sealed class LinkManager : IDisposable
        {
            readonly Timer a;
            readonly Timer b;
            readonly Timer c;
            readonly object link = new();
            readonly Other other = new();

            public LinkManager()
            {
                a = new Timer(OnUnguarded, this, Timeout.Infinite, Timeout.Infinite);
                b = new Timer(OnOtherType, other, Timeout.Infinite, Timeout.Infinite);
                c = new Timer(OnField, this, Timeout.Infinite, Timeout.Infinite);
            }

            static async void {|ASYNC203:OnUnguarded|}(object? state)
            {
                var manager = (LinkManager)state!;
                await manager.SendAsync(manager.link);
            }

            static async void {|ASYNC203:OnOtherType|}(object? state)
            {
                var target = (Other)state!;
                await target.RenewAsync(target);
            }

            static async void {|ASYNC203:OnField|}(object? state)
            {
                var manager = (LinkManager)state!;
                await manager.other.RenewAsync(manager.link);
            }

            async Task SendAsync(object link) => await Task.Delay(1);

            public void Dispose() { a.Dispose(); b.Dispose(); c.Dispose(); }
        }
        """);
}
