using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC106BlockingProjectMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC106;

/// <summary>Helpers that look as if they block their async caller and do not, or that another rule already reports.</summary>
public sealed class ASYNC106TrapTests
{
    [Fact]
    public Task Probes_locks_and_tasks_the_helper_was_handed_or_made_complete() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Gate
        {
            private readonly ManualResetEvent ready = new(false);
            private readonly SemaphoreSlim mutex = new(1, 1);
            private readonly Mutex named = new();
            private readonly object sync = new();
            private int count;

            bool IsReady() => ready.WaitOne(0);
            bool IsReadySoon() => ready.WaitOne(TimeSpan.Zero);
            void Increment() { mutex.Wait(); try { count++; } finally { mutex.Release(); } }
            void Exclusive() { named.WaitOne(); named.ReleaseMutex(); }
            void Locked() { lock (sync) { count++; } }
            static int Read(Task<int> finished) => finished.Result;
            static int Seed() => Task.FromResult(42).Result;
            static void Yield() => Thread.Sleep(0);

            public async Task<int> RunAsync(Task<int> finished)
            {
                await Task.Yield();
                if (IsReady() || IsReadySoon()) { Increment(); }
                Exclusive();
                Locked();
                return Read(finished) + Seed() + count;
            }
        }
        """);

    [Fact]
    public Task Blocking_only_inside_a_lambda_or_local_function_the_helper_hands_off() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Scheduler
        {
            static void Later() => Task.Run(() => Thread.Sleep(1000)).ContinueWith(_ => { });
            static Thread Background()
            {
                var thread = new Thread(Loop);
                thread.Start();
                return thread;

                static void Loop() { while (true) { Thread.Sleep(100); } }
            }

            public async Task StartAsync()
            {
                Later();
                Background();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Called_from_synchronous_code_or_offloaded_to_the_pool() => VerifyCS.AnalyzerAsync("""
        using System.Diagnostics;
        using System.Threading.Tasks;

        class Tools
        {
            static void Extract(string path) { Process.Start("tar", path)!.WaitForExit(); }

            public void Install(string path) => Extract(path);
            public Task InstallInBackground(string path) => Task.Run(() => Extract(path));
            public async Task InstallAsync(string path) => await Task.Run(() => Extract(path));
        }
        """);

    [Fact]
    public Task Methods_another_rule_reports_or_whose_body_is_not_known() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        interface IStore { void Flush(); }

        abstract class Cache
        {
            public virtual void Warm() => Thread.Sleep(10);
            public abstract void Evict();
        }

        class Files
        {
            // An ...Async twin on the type: ASYNC105's suggestion.
            public void Save() => Thread.Sleep(10);
            public Task SaveAsync() => Task.Delay(10);

            // A helper that blocks on the task it is handed: ASYNC101 reports the call, with a fix.
            static T RunSync<T>(System.Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

            // A synchronous method returning a task: its caller awaits it.
            static Task Started() { Thread.Sleep(1); return Task.CompletedTask; }

            public async Task<int> RunAsync(IStore store, Cache cache)
            {
                Save();
                store.Flush();
                cache.Warm();
                cache.Evict();
                await Started();
                return RunSync(() => Task.FromResult(1));
            }
        }
        """);

    [Fact]
    public Task Synchronous_arm_of_a_dual_code_path_at_the_call() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Retry
        {
            static void Sleep() => Thread.Sleep(100);

            async Task RunCoreAsync(bool async)
            {
                if (async) { await Task.Delay(100); } else { Sleep(); }
            }
        }
        """);

    [Fact]
    public Task Async_main_and_top_level_code_hold_only_the_process_thread() => VerifyCS.ProgramAsync("""
        using System.Diagnostics;
        using System.Threading.Tasks;

        static class Program
        {
            static void Build() => Process.Start("dotnet", "build")!.WaitForExit();

            static async Task Main()
            {
                Build();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Iterator_body_runs_as_the_caller_enumerates_not_at_the_call() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        static class Bridge
        {
            static bool Next<T>(IAsyncEnumerator<T> e) => e.MoveNextAsync().AsTask().GetAwaiter().GetResult();

            public static IEnumerable<T> ToSync<T>(IAsyncEnumerator<T> e)
            {
                while (e.MoveNextAsync().AsTask().GetAwaiter().GetResult())
                {
                    yield return e.Current;
                }
            }

            public static IEnumerable<T> ToSyncThroughHelper<T>(IAsyncEnumerator<T> e)
            {
                while (Next(e))
                {
                    yield return e.Current;
                }
            }
        }

        class Copier
        {
            public async Task<IEnumerable<int>> OpenAsync(IAsyncEnumerable<int> rows)
            {
                await Task.Yield();
                var e = rows.GetAsyncEnumerator();
                return Bridge.ToSync(e) ?? Bridge.ToSyncThroughHelper(e);
            }
        }
        """);

    [Fact]
    public Task Blocking_only_in_a_catch_clause_is_a_retry_after_a_failure() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Slabs
        {
            static FileStream Allocate(string path)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return File.Open(path, FileMode.OpenOrCreate);
                    }
                    catch (IOException) when (attempt < 3)
                    {
                        Thread.Sleep(1000 * attempt);
                    }
                }
            }

            public async Task<long> SizeAsync(string path)
            {
                await Task.Yield();
                using var slab = Allocate(path);
                return slab.Length;
            }
        }
        """);

    [Fact]
    public Task Recursive_and_mutually_recursive_helpers_end() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Tree
        {
            static int Depth(int n) => n == 0 ? 0 : 1 + Depth(n - 1);
            static int Even(int n) => n == 0 ? 1 : Odd(n - 1);
            static int Odd(int n) => n == 0 ? 0 : Even(n - 1);

            public async Task<int> MeasureAsync()
            {
                await Task.Yield();
                return Depth(3) + Even(4);
            }
        }
        """);
}
