using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// A <c>using</c> whose resource only sets ambient state kept in an AsyncLocal: the task started inside it captured the
/// execution context and keeps the value after the scope ends, so returning it without await loses nothing. A resource
/// that does more on Dispose is still reported, also when an ambient scope sits beside it.
/// </summary>
public sealed class ASYNC205AmbientScopeTests
{
    private const string Ambient = """

        static class Correlation
        {
            private static readonly AsyncLocal<string?> current = new AsyncLocal<string?>();

            public static string? Id
            {
                get => current.Value;
                private set => current.Value = value;
            }

            public static Scope Begin(string id) => Id == null ? new Scope(id) : default;

            public readonly struct Scope : IDisposable
            {
                private readonly bool owns;

                public Scope(string id)
                {
                    owns = true;
                    Correlation.Id = id;
                }

                public void Dispose()
                {
                    if (owns)
                    {
                        Correlation.Id = null;
                    }
                }
            }
        }

        sealed class TenantScope : IDisposable
        {
            private static readonly AsyncLocal<int> tenant = new AsyncLocal<int>();

            public TenantScope(int id) => tenant.Value = id;

            public void Dispose() => tenant.Value = 0;
        }
        """;

    [Fact]
    public Task Trap_scopes_that_only_clear_async_locals() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Orders
        {
            static async Task<int> DeleteCoreAsync(int id)
            {
                await Task.Delay(1);
                return id;
            }

            public Task<int> DeleteAsync(int id)
            {
                using (Correlation.Begin("delete"))
                {
                    return DeleteCoreAsync(id);
                }
            }

            public Task<int> DeleteForTenantAsync(int tenant, int id)
            {
                using var scope = new TenantScope(tenant);
                return DeleteCoreAsync(id);
            }

            // The scope behind an interface, from a helper of the same file.
            private IDisposable BeginDelete() => Correlation.Begin("delete");

            public Task<int> DeleteQuietlyAsync(int id)
            {
                using (BeginDelete())
                {
                    return DeleteCoreAsync(id);
                }
            }
        }
        """ + Ambient);

    [Fact]
    public Task Trap_logging_scope() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Logging;

        namespace Microsoft.Extensions.Logging
        {
            public interface ILogger
            {
                IDisposable? BeginScope<TState>(TState state) where TState : notnull;
            }
        }

        class Orders
        {
            private readonly ILogger logger;

            public Orders(ILogger logger) => this.logger = logger;

            static async Task<int> SaveCoreAsync(int id)
            {
                await Task.Delay(1);
                return id;
            }

            public Task<int> SaveAsync(int id)
            {
                using (logger.BeginScope(id))
                {
                    return SaveCoreAsync(id);
                }
            }
        }
        """);

    [Fact]
    public Task A_real_resource_beside_an_ambient_scope_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Counter : IDisposable
        {
            private static readonly AsyncLocal<int> depth = new AsyncLocal<int>();
            public static int Total;

            public Counter() => depth.Value++;

            // Also changes shared state that is not ambient.
            public void Dispose()
            {
                depth.Value = 0;
                Total++;
            }
        }

        class Files
        {
            public Task<int> ReadAsync(string path, byte[] buffer)
            {
                using var stream = File.OpenRead(path);
                using var scope = new TenantScope(1);
                {|ASYNC205:return stream.ReadAsync(buffer, 0, buffer.Length);|}
            }

            private IDisposable Open(string path) => File.OpenRead(path);

            public Task<int> ReadThroughHelperAsync(string path, Stream stream, byte[] buffer)
            {
                using (Open(path))
                {
                    {|ASYNC205:return stream.ReadAsync(buffer, 0, buffer.Length);|}
                }
            }

            public Task<int> CountAsync(Stream stream, byte[] buffer)
            {
                using (new Counter())
                {
                    {|ASYNC205:return stream.ReadAsync(buffer, 0, buffer.Length);|}
                }
            }
        }
        """ + Ambient);

    [Fact]
    public Task Execution_context_flow_suppressed_only_for_the_start_of_the_task() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Listener
        {
            Task StartBackground(Func<Task> loop)
            {
                using var flowControl = ExecutionContext.SuppressFlow();
                return Task.Run(loop);
            }

            Task Send(Func<Task> send)
            {
                var restore = false;
                try
                {
                    if (!ExecutionContext.IsFlowSuppressed())
                    {
                        ExecutionContext.SuppressFlow();
                        restore = true;
                    }

                    return send();
                }
                finally
                {
                    if (restore)
                    {
                        ExecutionContext.RestoreFlow();
                    }
                }
            }

            Task SendAndCount(Func<Task> send, ref int count)
            {
                try
                {
                    ExecutionContext.SuppressFlow();
                    {|ASYNC205:return send();|}
                }
                finally
                {
                    ExecutionContext.RestoreFlow();
                    Console.WriteLine("sent");
                }
            }
        }
        """);

    [Fact]
    public Task A_finally_that_records_the_context_the_synchronous_start_left() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class ContextHolder { public ExecutionContext? Value { get; set; } }

        class StepInvoker
        {
            private ExecutionContext? lastContext;

            // Not async on purpose: the context the step's synchronous part leaves (an AsyncLocal it sets) is recorded.
            Task InvokeStep(Func<Task> step, ContextHolder holder)
            {
                try
                {
                    return step();
                }
                finally
                {
                    holder.Value = ExecutionContext.Capture();
                }
            }

            Task InvokeAndKeep(Func<Task> step)
            {
                try
                {
                    return step();
                }
                finally
                {
                    lastContext = ExecutionContext.Capture();
                }
            }
        }
        """);

    [Fact]
    public Task A_finally_that_records_the_context_and_does_more_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class ContextHolder { public ExecutionContext? Value { get; set; } public int Count { get; set; } }

        class StepInvoker
        {
            Task InvokeStep(Func<Task> step, ContextHolder holder)
            {
                try
                {
                    {|ASYNC205:return step();|}
                }
                finally
                {
                    holder.Value = ExecutionContext.Capture();
                    holder.Count = Compute();
                }
            }

            Task InvokeAndRecord(Func<Task> step, ContextHolder holder)
            {
                try
                {
                    {|ASYNC205:return step();|}
                }
                finally
                {
                    holder.Value = Snapshot();
                }
            }

            static int Compute() => 1;

            static ExecutionContext? Snapshot() => ExecutionContext.Capture();
        }
        """);

    [Fact]
    public Task A_projects_own_flow_suppression_scope_covers_only_the_start() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public ref struct ExecutionContextSuppressor
        {
            private readonly bool restoreFlow;

            public ExecutionContextSuppressor()
            {
                restoreFlow = !ExecutionContext.IsFlowSuppressed();
                if (restoreFlow)
                {
                    ExecutionContext.SuppressFlow();
                }
            }

            public readonly void Dispose()
            {
                if (restoreFlow)
                {
                    ExecutionContext.RestoreFlow();
                }
            }
        }

        public sealed class ReleasingScope : System.IDisposable
        {
            private readonly SemaphoreSlim gate;
            public ReleasingScope(SemaphoreSlim gate) => this.gate = gate;
            public void Dispose()
            {
                ExecutionContext.RestoreFlow();
                gate.Release();
            }
        }

        class StateManager
        {
            Task Start()
            {
                using var suppress = new ExecutionContextSuppressor();
                return WorkLoopAsync();
            }

            Task StartGuarded(SemaphoreSlim gate)
            {
                using var scope = new ReleasingScope(gate);
                {|ASYNC205:return WorkLoopAsync();|}
            }

            private async Task WorkLoopAsync() => await Task.Delay(1000);
        }
        """);
}
