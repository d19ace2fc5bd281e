using AsyncLint.Analyzers.Blocking;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.ASYNC106;

/// <summary>A synchronous method of the project that blocks, called from async code: reported at the call (Info), with the blocking call as the second location.</summary>
public sealed class ASYNC106PositiveTests
{
    internal static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AsyncLintAnalyzerTest<ASYNC106BlockingProjectMethodAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    /// <summary>The call at markup location <paramref name="call"/>, the blocking step at <paramref name="step"/>.</summary>
    internal static DiagnosticResult Hit(int call, int step)
        => new DiagnosticResult("ASYNC106", DiagnosticSeverity.Info).WithLocation(call).WithLocation(step);

    [Fact]
    public Task Helper_that_waits_for_a_process_is_reported_where_async_code_calls_it() => VerifyAsync(
        """
        using System.Diagnostics;
        using System.Threading.Tasks;

        class Archives
        {
            void ExtractTar(string path, string target)
            {
                var tar = Process.Start("tar", $"-xf {path} -C {target}")!;
                {|#1:tar.WaitForExit()|};
            }

            public async Task InstallAsync(string path)
            {
                await Task.Yield();
                {|#0:ExtractTar(path, "/opt/tool")|};
            }
        }
        """,
        Hit(0, 1).WithMessage("'Archives.ExtractTar' blocks the thread inside async method 'InstallAsync': it calls 'Process.WaitForExit' (Test0.cs line 9); give it an async version and await that"));

    [Fact]
    public Task Sync_over_async_on_a_task_the_helper_just_started() => VerifyAsync(
        """
        using System.Net.Http;
        using System.Threading.Tasks;

        class Images
        {
            private readonly HttpClient http = new();

            byte[] Load(string url) => {|#1:http.GetByteArrayAsync(url).Result|};
            string Title(string url) => {|#3:http.GetStringAsync(url).ConfigureAwait(false).GetAwaiter().GetResult()|};
            void Ping(string url) { {|#5:http.GetAsync(url).Wait()|}; }

            public async Task<int> RenderAsync(string url)
            {
                var bytes = {|#0:Load(url)|};
                var title = {|#2:Title(url)|};
                {|#4:Ping(url)|};
                await Task.Delay(1);
                return bytes.Length + title.Length;
            }
        }
        """,
        Hit(0, 1),
        Hit(2, 3),
        Hit(4, 5));

    [Fact]
    public Task Waits_for_a_signal_a_thread_or_every_task() => VerifyAsync(
        """
        using System.Threading;
        using System.Threading.Tasks;

        class Worker
        {
            private readonly ManualResetEvent started = new(false);
            private readonly ManualResetEventSlim drained = new(false);
            private readonly Thread thread = new(() => { });

            void WaitStarted() => {|#1:started.WaitOne()|};
            void WaitDrained() => {|#3:drained.Wait(5000)|};
            void Stop() { {|#5:thread.Join()|}; }
            static void RunAll(Task[] tasks) => {|#7:Task.WaitAll(tasks)|};
            static void Backoff(int attempt) => {|#9:Thread.Sleep(100 * attempt)|};

            public async Task CycleAsync(Task[] tasks)
            {
                {|#0:WaitStarted()|};
                {|#2:WaitDrained()|};
                {|#4:Stop()|};
                {|#6:RunAll(tasks)|};
                {|#8:Backoff(2)|};
                await Task.Yield();
            }
        }
        """,
        Hit(0, 1),
        Hit(2, 3),
        Hit(4, 5),
        Hit(6, 7),
        Hit(8, 9));

    [Fact]
    public Task One_call_further_down_is_followed_and_named() => VerifyAsync(
        """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;

        static class Git
        {
            static void Run(string arguments)
            {
                using var git = Process.Start("git", arguments)!;
                {|#1:git.WaitForExit()|};
            }

            public static void Clone(string url)
            {
                Console.WriteLine($"cloning {url}");
                Run("clone " + url);
            }
        }

        class Mirror
        {
            public async Task RefreshAsync(string url)
            {
                await Task.Yield();
                {|#0:Git.Clone(url)|};
            }
        }
        """,
        Hit(0, 1).WithMessage("'Git.Clone' blocks the thread inside async method 'RefreshAsync': it calls 'Process.WaitForExit' (through 'Run', Test0.cs line 10); give it an async version and await that"));

    [Fact]
    public Task Async_lambdas_local_functions_and_in_place_lambdas_are_async_code() => VerifyAsync(
        """
        using System;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        class Poller
        {
            static void Pause() => {|#9:Thread.Sleep(250)|};

            public async Task RunAsync(int[] ids)
            {
                Func<Task> tick = async () => { {|#0:Pause()|}; await Task.Yield(); };
                await tick();
                await Local();
                var done = ids.Select(id => { {|#2:Pause()|}; return id; }).ToList();

                async Task Local()
                {
                    {|#1:Pause()|};
                    await Task.Yield();
                }
            }
        }
        """,
        Hit(0, 9),
        Hit(1, 9),
        Hit(2, 9));
}
