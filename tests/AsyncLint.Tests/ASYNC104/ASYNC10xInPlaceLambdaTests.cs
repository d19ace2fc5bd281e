using AsyncLint.Tests.Verifiers;
using Verify102 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>;
using VerifyBlocking = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;
using Verify103Fix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC103ThreadSleepCodeFix>;
using Verify104Fix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC104_105AsyncTwinCodeFix>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// Blocking calls in a synchronous lambda that runs in place (a query consumed in the same expression, ForEach) block the
/// async method around it. Reported with no fix: the await would land in the synchronous lambda.
/// </summary>
public sealed class ASYNC10xInPlaceLambdaTests
{
    [Fact]
    public Task Io_sleep_and_waits_in_an_in_place_lambda_are_reported() => VerifyBlocking.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(string[] paths, List<int> delays)
            {
                await Task.Yield();
                var lengths = paths.Select(p => {|ASYNC104:File.ReadAllText(p)|}.Length).ToList();
                delays.ForEach(d => {|ASYNC103:Thread.Sleep(d)|});
                return paths.Sum(p => {|ASYNC104:File.ReadAllBytes(p)|}.Length) + lengths.Count;
            }
        }
        """);

    [Fact]
    public Task Wait_primitives_in_an_in_place_lambda_are_reported() => Verify102.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> RunAsync(List<ManualResetEventSlim> signals, WaitHandle[] handles)
            {
                await Task.Yield();
                signals.ForEach(s => {|ASYNC102:s.Wait()|});
                return handles.All(h => {|ASYNC102:h.WaitOne()|});
            }
        }
        """);

    [Fact]
    public Task Deferred_pooled_or_in_memory_lambdas_are_silent() => VerifyBlocking.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<IEnumerable<string>> DeferredAsync(string[] paths)
            {
                await Task.Yield();
                return paths.Select(p => File.ReadAllText(p));
            }

            async Task<List<string>> OnThePoolAsync(string[] paths)
                => await Task.Run(() => paths.Select(p => File.ReadAllText(p)).ToList());

            async Task<List<string>> InMemoryAsync(List<MemoryStream> streams)
            {
                await Task.Yield();
                return streams.Select(s => new StreamReader(s).ReadToEnd()).ToList();
            }

            List<string> Synchronous(string[] paths)
            {
                Thread.Sleep(1);
                return paths.Select(p => File.ReadAllText(p)).ToList();
            }
        }
        """);

    [Fact]
    public Task No_sleep_fix_inside_the_synchronous_lambda() => Verify103Fix.NoCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<int> delays)
            {
                await Task.Yield();
                delays.ForEach(d => {|ASYNC103:Thread.Sleep(d)|});
            }
        }
        """);

    [Fact]
    public Task No_twin_fix_inside_the_synchronous_lambda() => Verify104Fix.NoCodeFixAsync("""
        using System.IO;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(string[] paths)
            {
                await Task.Yield();
                return paths.Sum(p => {|ASYNC104:File.ReadAllText(p)|}.Length);
            }
        }
        """);
}
