using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>Dropped tasks the compiler's CS4014 does not report: ASYNC201 does.</summary>
public sealed class ASYNC201PositiveTests
{
    private const string Repository = """
        class Repository
        {
            public System.Threading.Tasks.Task SaveAsync() => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task SaveAsync(int id) => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task<int> CountAsync() => System.Threading.Tasks.Task.FromResult(1);
            public System.Threading.Tasks.ValueTask FlushAsync() => default;
            public System.Threading.Tasks.ValueTask<int> ReadAsync() => default;
            public Repository Next => this;
        }
        """;

    [Fact]
    public Task Task_and_ValueTask_results_dropped_in_a_sync_method() => VerifyCS.AnalyzerAsync("""
        class C
        {
            void Save(Repository repo)
            {
                {|ASYNC201:repo.SaveAsync()|};
                {|ASYNC201:repo.CountAsync()|};
                {|ASYNC201:repo.FlushAsync()|};
                {|ASYNC201:repo.ReadAsync()|};
            }
        }
        """ + Repository);

    [Fact]
    public Task ConfigureAwait_chain_dropped_in_a_sync_method() => VerifyCS.AnalyzerAsync("""
        class C
        {
            void Save(Repository repo)
            {
                {|ASYNC201:repo.SaveAsync().ConfigureAwait(false)|};
                {|ASYNC201:repo.FlushAsync().ConfigureAwait(false)|};
            }
        }
        """ + Repository);

    [Fact]
    public Task Null_conditional_call_in_an_async_method() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Repository repo)
            {
                {|ASYNC201:repo?.SaveAsync()|};
                {|ASYNC201:repo?.FlushAsync()|};
                {|ASYNC201:repo?.Next?.CountAsync()|};
                {|ASYNC201:repo?.Next.SaveAsync().ConfigureAwait(false)|};
                await Task.Yield();
            }
        }
        """ + Repository);

    [Fact]
    public Task Dropped_inside_a_lock_body_of_an_async_method() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task SaveAsync(Repository repo)
            {
                lock (gate)
                {
                    {|ASYNC201:repo.SaveAsync()|};
                }

                await Task.Yield();
            }
        }
        """ + Repository);

    [Fact]
    public Task Thread_pool_delay_yield_and_parallel_calls_dropped_in_sync_code() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void Start(Repository repo, List<int> ids)
            {
                {|ASYNC201:Task.Run(async () => await repo.SaveAsync())|};
                {|ASYNC201:Task.Run(() => repo.SaveAsync())|};
                {|ASYNC201:Task.Delay(100)|};
                {|ASYNC201:Task.Yield()|};
                {|ASYNC201:Parallel.ForEachAsync(ids, async (id, ct) => await repo.SaveAsync(id))|};
                {|ASYNC201:Task.WhenAll(repo.SaveAsync(), repo.SaveAsync())|};
            }
        }
        """ + Repository);

    [Fact]
    public Task Expression_bodied_void_members() => VerifyCS.AnalyzerAsync("""
        using System;

        class C : IDisposable
        {
            private readonly Repository repo = new Repository();

            void Save() => {|ASYNC201:repo.SaveAsync()|};

            public void Dispose() => {|ASYNC201:repo.FlushAsync()|};

            void OnClick(object sender, EventArgs e) => {|ASYNC201:repo.SaveAsync()|};
        }
        """ + Repository);

    [Fact]
    public Task Void_lambda_whose_body_is_a_task_returning_call() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void Wire(Repository repo, List<int> ids)
            {
                ids.ForEach(id => {|ASYNC201:repo.SaveAsync(id)|});
                Parallel.ForEach(ids, id => {|ASYNC201:repo.SaveAsync(id)|});
                Action save = () => {|ASYNC201:repo.SaveAsync()|};
                var timer = new Timer(_ => {|ASYNC201:repo.FlushAsync()|});
            }
        }
        """ + Repository);

    [Fact]
    public Task Non_async_lambda_and_local_function_inside_an_async_method() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                Action later = () =>
                {
                    {|ASYNC201:repo.SaveAsync()|};
                };
                Flush();
                await repo.SaveAsync();

                void Flush()
                {
                    {|ASYNC201:repo.FlushAsync()|};
                }
            }
        }
        """ + Repository);

    [Fact]
    public Task Delegate_invocations_returning_tasks() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            public event Func<Task> Changed;

            void Raise(Func<int, Task> handler)
            {
                {|ASYNC201:handler(1)|};
                {|ASYNC201:Changed?.Invoke()|};
            }
        }
        """);

    [Fact]
    public Task Custom_awaitable_dropped_in_a_sync_method() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Runtime.CompilerServices;

        class Operation
        {
            public Awaiter GetAwaiter() => new Awaiter();

            public sealed class Awaiter : INotifyCompletion
            {
                public bool IsCompleted => true;
                public void GetResult() { }
                public void OnCompleted(Action continuation) => continuation();
            }
        }

        class C
        {
            Operation Start() => new Operation();

            void Run()
            {
                {|ASYNC201:Start()|};
            }
        }
        """);

    [Fact]
    public Task StartAsync_in_a_sync_Main_and_a_constructor() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Host
        {
            public Task StartAsync() => Task.CompletedTask;
        }

        class Program
        {
            Program(Repository repo)
            {
                {|ASYNC201:Task.Run(() => repo.SaveAsync())|};
            }

            static void Main()
            {
                var host = new Host();
                {|ASYNC201:host.StartAsync()|};
            }
        }
        """ + Repository);

    [Fact]
    public Task Enum_flags_without_FireAndForget_are_not_fire_and_forget() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        [Flags]
        enum CommandFlags { None = 0, DemandMaster = 4, FireAndForget = 2 }

        class Database
        {
            public Task<bool> StringSetAsync(string key, string value, CommandFlags flags = CommandFlags.None) => Task.FromResult(true);
        }

        class C
        {
            void Store(Database db)
            {
                {|ASYNC201:db.StringSetAsync("k", "v")|};
                {|ASYNC201:db.StringSetAsync("k", "v", CommandFlags.DemandMaster)|};
            }
        }
        """);

    [Fact]
    public Task Sync_local_function_in_top_level_statements() => VerifyCS.ProgramAsync("""
        using System.Threading.Tasks;

        Save();

        void Save()
        {
            {|ASYNC201:Task.Delay(100)|};
        }
        """);

    [Fact]
    public Task Dual_path_method_told_to_run_asynchronously_is_dropped() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Buffer
        {
            public Task WriteText(string text, bool async) => async ? Task.Delay(1) : Task.CompletedTask;
        }

        class C
        {
            void Fill(Buffer buffer, bool async)
            {
                {|ASYNC201:buffer.WriteText("header", true)|};
                {|ASYNC201:buffer.WriteText("body", async)|};
            }
        }
        """);

    [Fact]
    public Task Object_built_around_a_real_dependency_is_dropped() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public interface IGateway
        {
            Task<string> GetAsync(Uri uri);
        }

        public sealed class HttpGateway : IGateway
        {
            public Task<string> GetAsync(Uri uri) => Task.FromResult(uri.ToString());
        }

        public sealed class ReleasesClient
        {
            private readonly IGateway gateway;

            public ReleasesClient(IGateway gateway) => this.gateway = gateway;

            public Task<string> Latest(string repo) => gateway.GetAsync(new Uri("https://example.org/" + repo));
        }

        class C
        {
            void Run(IGateway injected)
            {
                var client = new ReleasesClient(new HttpGateway());
                {|ASYNC201:client.Latest("repo")|};
                {|ASYNC201:new ReleasesClient(injected).Latest("other")|};
            }
        }
        """);
}
