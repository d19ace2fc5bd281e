using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Background work whose failures are all caught, with harmless steps around its catch-all: a log line and a fresh
/// cancellation source with a deadline before it, a yield at the top of a worker loop, a token registration around the
/// loop, or the action handed to a swallowing helper as a lambda. A step that can fault outside the guard, or a narrow
/// catch, keeps the report.
/// </summary>
public sealed class ASYNC201GuardedStepsTests
{
    private const string Transport = """
        using System;
        using System.Net.Sockets;
        using System.Threading;
        using System.Threading.Tasks;

        public interface ILog { void Write(string format, params object[] args); }
        public interface ITransport
        {
            Task PublishCancellationAsync(Guid id, CancellationToken token);
            Task MarkCancelledAsync(Guid id, CancellationToken token);
        }

        """;

    [Fact]
    public Task Trap_guarded_work_with_quiet_steps_around_its_catch_all() => VerifyCS.AnalyzerAsync(Transport + """
        public sealed class Listener
        {
            private readonly ITransport transport;
            private readonly ILog log;
            private readonly Socket socket = new(SocketType.Stream, ProtocolType.Tcp);
            private readonly CancellationTokenSource stopping = new();

            public Listener(ITransport transport, ILog log)
            {
                this.transport = transport;
                this.log = log;
            }

            public void SendCancellationInBackground(Guid id) => Task.Run(async () => await TrySendCancellation(id));

            public void Start()
            {
                Task.Factory.StartNew(() => Worker(stopping.Token).ConfigureAwait(false), TaskCreationOptions.LongRunning);
                Task.Run(async () => await Accept().ConfigureAwait(false));
            }

            private async Task TrySendCancellation(Guid id)
            {
                log.Write("Attempting to send cancellation {0}", id);
                using var timeout = new CancellationTokenSource();
                timeout.CancelAfter(TimeSpan.FromMinutes(2));
                try
                {
                    await transport.PublishCancellationAsync(id, timeout.Token);
                    await transport.MarkCancelledAsync(id, timeout.Token);
                }
                catch (OperationCanceledException ex) { log.Write("timed out {0}", ex.Message); }
                catch (Exception ex) { log.Write("failed {0}", ex.Message); }
            }

            private async Task Worker(CancellationToken token)
            {
                while (!token.IsCancellationRequested)
                {
                    await Task.Yield();
                    try
                    {
                        var client = await socket.AcceptAsync();
                        client.Close();
                    }
                    catch (SocketException ex) { log.Write("socket error {0}", ex.Message); }
                    catch (Exception ex) { log.Write("error {0}", ex.Message); }
                }
            }

            private async Task Accept()
            {
                using (stopping.Token.Register(() => socket.Close()))
                    while (!stopping.IsCancellationRequested)
                    {
                        try
                        {
                            var client = await socket.AcceptAsync();
                            client.Close();
                        }
                        catch (Exception ex)
                        {
                            if (!stopping.IsCancellationRequested) log.Write("accept failed {0}", ex.Message);
                        }
                    }
            }
        }
        """);

    [Fact]
    public Task A_step_that_can_fault_before_the_guard_or_a_narrow_catch_is_reported() => VerifyCS.AnalyzerAsync(Transport + """
        public sealed class Listener
        {
            private readonly ITransport transport;
            private readonly ILog log;
            private readonly Socket socket = new(SocketType.Stream, ProtocolType.Tcp);

            public Listener(ITransport transport, ILog log)
            {
                this.transport = transport;
                this.log = log;
            }

            public void SendCancellationInBackground(Guid id)
            {
                {|ASYNC201:Task.Run(async () => await MarkThenSend(id))|};
                {|ASYNC201:Task.Run(async () => await AcceptSocketErrorsOnly())|};
                {|ASYNC201:Task.Run(async () => await OpenThenSend(id))|};
            }

            private async Task MarkThenSend(Guid id)
            {
                using var timeout = new CancellationTokenSource();
                await transport.MarkCancelledAsync(id, timeout.Token);
                try { await transport.PublishCancellationAsync(id, timeout.Token); }
                catch (Exception ex) { log.Write("failed {0}", ex.Message); }
            }

            private async Task AcceptSocketErrorsOnly()
            {
                while (true)
                {
                    await Task.Yield();
                    try { (await socket.AcceptAsync()).Close(); }
                    catch (SocketException ex) { log.Write("socket error {0}", ex.Message); }
                }
            }

            private async Task OpenThenSend(Guid id)
            {
                using var file = new System.IO.FileStream("cancellations.log", System.IO.FileMode.Append);
                try { await transport.PublishCancellationAsync(id, CancellationToken.None); }
                catch (Exception ex) { log.Write("failed {0}", ex.Message); }
            }
        }
        """);

    [Fact]
    public Task Trap_an_action_handed_as_a_lambda_to_a_swallowing_helper() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.IO;
        using System.Threading.Tasks;

        public static class Try
        {
            public static void IgnoringError(Action action) { try { action(); } catch { } }
            public static void IgnoringIoErrors(Action action) { try { action(); } catch (IOException) { } }
        }

        public sealed class Queue : IDisposable { public void Dispose() { } }

        public sealed class Runtime
        {
            private readonly ConcurrentDictionary<Uri, Queue> queues = new();

            public Queue GetQueue(Uri target)
            {
                Queue? created = null;
                var queue = queues.GetOrAdd(target, _ => created = new Queue());
                if (created != null && !ReferenceEquals(created, queue))
                {
                    // We created a queue that will not be used: dispose of it in the background.
                    Task.Run(() => Try.IgnoringError(() => created.Dispose()));
                    {|ASYNC201:Task.Run(() => Try.IgnoringIoErrors(() => created.Dispose()))|};
                    {|ASYNC201:Task.Run(() => Try.IgnoringError(Describe(created)))|};
                }

                return queue;
            }

            private static Action Describe(Queue queue) => () => Console.WriteLine(queue);
        }
        """);

    [Fact]
    public Task Trap_a_guarded_method_whose_early_return_writes_a_console_warning() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Runtime
        {
            public static Func<Task>? OnReady { get; set; }

            public void Started() => Task.Run(this.RunReadyCallback);

            private async Task RunReadyCallback()
            {
                if (OnReady == null)
                {
                    Console.WriteLine("Warning: no ready callback was provided.");
                    return;
                }

                try { await OnReady().ConfigureAwait(false); }
                catch (Exception ex) { Console.Error.WriteLine("The ready callback failed: " + ex); }
            }
        }
        """);

    [Fact]
    public Task The_same_prelude_before_unguarded_work_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Runtime
        {
            public static Func<Task>? OnReady { get; set; }

            public void Started() => {|ASYNC201:Task.Run(this.RunReadyCallback)|};

            private async Task RunReadyCallback()
            {
                if (OnReady == null)
                {
                    Console.WriteLine("Warning: no ready callback was provided.");
                    return;
                }

                await OnReady().ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Trap_a_timer_loop_that_pauses_runs_guarded_work_and_rearms_itself() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class Scheduler
        {
            private readonly TimeSpan interval = TimeSpan.FromSeconds(10);

            public void Start(string client) => RunLoop(client);

            private void RunLoop(string client)
            {
                Task.Run(async () =>
                {
                    await Task.Delay(interval);
                    try { await RunDueJobsAsync(client); }
                    catch (Exception e) { Console.Error.WriteLine(e); }

                    // Call self
                    RunLoop(client);
                });
            }

            private static Task RunDueJobsAsync(string client) => Task.Delay(client.Length);
        }
        """);

    [Fact]
    public Task A_loop_that_starts_other_work_after_its_guard_or_pauses_with_a_token_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Scheduler
        {
            private readonly TimeSpan interval = TimeSpan.FromSeconds(10);

            private void RunLoop(string client, CancellationToken token)
            {
                {|ASYNC201:Task.Run(async () =>
                {
                    await Task.Delay(interval);
                    try { await RunDueJobsAsync(client); }
                    catch (Exception e) { Console.Error.WriteLine(e); }

                    Report(client);
                })|};

                {|ASYNC201:Task.Run(async () =>
                {
                    await Task.Delay(interval, token);
                    try { await RunDueJobsAsync(client); }
                    catch (Exception e) { Console.Error.WriteLine(e); }
                })|};
            }

            private static void Report(string client) => Console.WriteLine(client.Substring(3));
            private static Task RunDueJobsAsync(string client) => Task.Delay(client.Length);
        }
        """);

    private const string Services = """
        using System;
        using System.Threading.Tasks;

        public interface IServiceScope : IDisposable { IServiceProvider ServiceProvider { get; } }
        public interface IServiceScopeFactory { IServiceScope CreateScope(); }
        public interface ILogger { void LogError(Exception e, string message); IDisposable BeginScope(string format, params object[] args); }
        public interface ILoggerFactory { ILogger CreateLogger(string category); }
        public sealed class Orders { public void Add(object item) { } public Task SaveChangesAsync() => Task.CompletedTask; }
        public static class ServiceProviderExtensions
        {
            public static T GetRequiredService<T>(this IServiceProvider provider) => (T)provider.GetService(typeof(T))!;
        }

        """;

    [Fact]
    public Task Trap_background_work_in_a_service_scope_of_its_own_with_a_guard() => VerifyCS.AnalyzerAsync(Services + """
        public sealed class OrdersEndpoint
        {
            private readonly IServiceScopeFactory scopes;

            public OrdersEndpoint(IServiceScopeFactory scopes) => this.scopes = scopes;

            // The documented way to keep working after the response: a scope and a logger of its own, the work guarded.
            public void Accept(string requestId)
            {
                Task.Run(async () =>
                {
                    await Task.Delay(1000);
                    using (var scope = scopes.CreateScope())
                    {
                        var loggers = scope.ServiceProvider.GetRequiredService<ILoggerFactory>();
                        var logger = loggers.CreateLogger("Background");
                        using (logger.BeginScope("Started by {RequestId}", requestId))
                        {
                            try
                            {
                                var orders = scope.ServiceProvider.GetRequiredService<Orders>();
                                orders.Add(new object());
                                await orders.SaveChangesAsync();
                            }
                            catch (Exception e)
                            {
                                logger.LogError(e, "Background work failed.");
                            }
                        }
                    }
                });
            }

            // Guilty look-alike: the work itself runs before the guard, so its failure is lost.
            public void AcceptUnguarded()
            {
                {|ASYNC201:Task.Run(async () =>
                {
                    using var scope = scopes.CreateScope();
                    var orders = scope.ServiceProvider.GetRequiredService<Orders>();
                    await orders.SaveChangesAsync();
                    var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Background");
                    try
                    {
                        orders.Add(new object());
                    }
                    catch (Exception e)
                    {
                        logger.LogError(e, "Background work failed.");
                    }
                })|};
            }
        }
        """);
}
