using VerifyBlockingCall = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;
using VerifyTaskWait = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;
using VerifyWaitPrimitive = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A blocking call whose author switched off another analyzer's warning about it at that spot (vs-threading's VSTHRD002
/// and VSTHRD103, CA1849, Meziantou's MA0042/MA0045, AsyncFixer02, ReSharper's MethodHasAsyncOverload) made the
/// decision already. A suppression of something else, or one that has been restored, keeps the report.
/// </summary>
public sealed class ASYNC104PeerSuppressionTests
{
    [Fact]
    public Task Trap_pragmas_and_resharper_comments_that_silence_a_peer_about_the_same_call() => VerifyBlockingCall.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading;
        using System.Threading.Tasks;

        class Installer
        {
            async Task InstallAsync(string archive, string target)
            {
                await Task.Yield();

                // ReSharper disable once MethodHasAsyncOverload: ExtractToDirectoryAsync is much slower for large archives
                ZipFile.ExtractToDirectory(archive, target);

        #pragma warning disable VSTHRD103 // the manifest is a few bytes, read once at startup
                var manifest = File.ReadAllText(Path.Combine(target, "manifest.json"));
        #pragma warning restore VSTHRD103

        #pragma warning disable CA1849, MA0042
                Thread.Sleep(100);
        #pragma warning restore CA1849, MA0042

                // ReSharper disable MethodHasAsyncOverloadWithCancellation
                File.WriteAllText(Path.Combine(target, "installed"), manifest);
                File.AppendAllText(Path.Combine(target, "log"), manifest);
                // ReSharper restore MethodHasAsyncOverloadWithCancellation
            }
        }
        """);

    [Fact]
    public Task Another_warning_switched_off_or_a_restored_one_keeps_the_report() => VerifyBlockingCall.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading;
        using System.Threading.Tasks;

        class Installer
        {
            async Task InstallAsync(string archive, string target)
            {
                await Task.Yield();

                // ReSharper disable once UnusedVariable
                {|ASYNC104:ZipFile.ExtractToDirectory(archive, target)|};

        #pragma warning disable CS0618, VSTHRD110
                var manifest = {|ASYNC104:File.ReadAllText(Path.Combine(target, "manifest.json"))|};
        #pragma warning restore CS0618, VSTHRD110

        #pragma warning disable VSTHRD103
        #pragma warning restore VSTHRD103
                {|ASYNC103:Thread.Sleep(100)|};

                // ReSharper disable MethodHasAsyncOverload
                // ReSharper restore MethodHasAsyncOverload
                {|ASYNC104:File.WriteAllText(Path.Combine(target, "installed"), manifest)|};

                // ReSharper disable once MethodHasAsyncOverload
                var ignored = manifest.Length;
                {|ASYNC104:File.AppendAllText(Path.Combine(target, "log"), manifest)|};
            }
        }
        """);

    [Fact]
    public Task Trap_suppress_message_on_the_member_or_its_type() => VerifyTaskWait.AnalyzerAsync("""
        using System.Diagnostics.CodeAnalysis;
        using System.Threading.Tasks;

        class Bridge
        {
            [SuppressMessage("Usage", "VSTHRD002:Avoid problematic synchronous waits", Justification = "The task is started on the thread pool.")]
            async Task<int> ReadAsync(Task<int> started)
            {
                await Task.Yield();
                return started.Result;
            }
        }

        [SuppressMessage("Reliability", "MA0045")]
        class Legacy
        {
            async Task<int> ReadAsync(Task<int> started)
            {
                await Task.Yield();
                return started.GetAwaiter().GetResult();
            }
        }

        class Other
        {
            [SuppressMessage("Usage", "VSTHRD200:Use Async suffix")]
            async Task<int> Read(Task<int> started)
            {
                await Task.Yield();
                return {|ASYNC101:started.Result|};
            }
        }
        """);

    [Fact]
    public Task Trap_a_synchronous_wait_whose_peer_warning_is_disabled() => VerifyWaitPrimitive.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Gate
        {
            readonly ManualResetEventSlim opened = new();

            async Task PassAsync()
            {
                await Task.Yield();
        #pragma warning disable VSTHRD002
                opened.Wait();
        #pragma warning restore VSTHRD002
                {|ASYNC102:opened.Wait()|};
            }
        }
        """);
}
