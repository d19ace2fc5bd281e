using Microsoft.CodeAnalysis.Testing;
using static AsyncLint.Tests.ASYNC106.ASYNC106PositiveTests;

namespace AsyncLint.Tests.ASYNC106;

/// <summary>
/// A test, or its fixture setup, probing its own tool through a helper of the test class that starts a process and
/// waits for it: the test arranges its fixture on its own thread, as ASYNC104 allows written in the test body.
/// </summary>
public sealed class ASYNC106TestToolProbeTests
{
    private const string Stubs = """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;

        namespace Xunit
        {
            public sealed class FactAttribute : Attribute { }
            public interface IAsyncLifetime { Task InitializeAsync(); Task DisposeAsync(); }
        }

        namespace NUnit.Framework
        {
            public sealed class SetUpAttribute : Attribute { }
        }

        """;

    [Fact]
    public Task A_test_or_its_setup_probing_its_own_tool_is_silent() => VerifyAsync(Stubs + """
        public abstract class ToolTestBase : Xunit.IAsyncLifetime
        {
            protected static bool IsToolInstalled() => Run("--version") == 0;

            protected static int Run(string arguments)
            {
                using var process = new Process { StartInfo = new ProcessStartInfo("tool", arguments) };
                process.Start();
                process.WaitForExit(30000);
                return process.ExitCode;
            }

            public async Task InitializeAsync()
            {
                if (!IsToolInstalled()) return;
                Run("init");
                await Task.Yield();
            }

            public Task DisposeAsync() => Task.CompletedTask;
        }

        public class ToolTests : ToolTestBase
        {
            private static bool HasTool()
            {
                using var probe = Process.Start("tool", "--version");
                probe.WaitForExit();
                return probe.ExitCode == 0;
            }

            [Xunit.Fact]
            public async Task Runs_when_installed()
            {
                if (!HasTool() || !IsToolInstalled()) return;
                await Task.Delay(1);
            }

            [NUnit.Framework.SetUp]
            public async Task Prepare()
            {
                Run("pull image");
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task The_same_probe_outside_tests_or_on_a_handed_process_is_reported() => VerifyAsync(Stubs + """
        public static class Tools
        {
            public static bool IsToolInstalled()
            {
                using var probe = Process.Start("tool", "--version")!;
                {|#1:probe.WaitForExit()|};
                return probe.ExitCode == 0;
            }
        }

        public class Deployer
        {
            private static bool IsToolInstalled()
            {
                using var probe = Process.Start("tool", "--version")!;
                {|#3:probe.WaitForExit()|};
                return probe.ExitCode == 0;
            }

            public async Task DeployAsync()
            {
                if (!{|#2:IsToolInstalled()|}) throw new InvalidOperationException("tool missing");
                await Task.Yield();
            }
        }

        public class ToolTests
        {
            private static void WaitFor(Process launched) { {|#5:launched.WaitForExit()|}; }
            private static void Pause() { {|#7:System.Threading.Thread.Sleep(100)|}; }

            [Xunit.Fact]
            public async Task Launches()
            {
                {|#0:Tools.IsToolInstalled()|};
                {|#4:WaitFor(Launcher.Start())|};
                {|#6:Pause()|};
                await Task.Yield();
            }
        }

        public static class Launcher { public static Process Start() => Process.Start("app")!; }
        """, Hit(0, 1), Hit(2, 3), Hit(4, 5), Hit(6, 7));

    [Fact]
    public Task A_test_helper_asserting_a_bounded_wait_is_silent_and_an_unchecked_one_reported() => VerifyAsync(Stubs + """
        namespace Xunit { public static class Assert { public static void True(bool condition, string message = "") { } } }

        public abstract class SpecBase
        {
            private readonly System.Threading.AutoResetEvent signal = new System.Threading.AutoResetEvent(false);

            protected void Signal() => signal.Set();

            protected void AssertSignalled()
            {
                var fired = signal.WaitOne(2000);
                Xunit.Assert.True(fired, "the callback ran");
            }

            protected void WaitForSignal() { {|#1:signal.WaitOne(2000)|}; }

            protected void WaitForever()
            {
                var fired = {|#3:signal.WaitOne()|};
                Xunit.Assert.True(fired);
            }
        }

        public class ChannelSpecs : SpecBase
        {
            [Xunit.Fact]
            public async Task Publishes()
            {
                await Task.Yield();
                AssertSignalled();
                {|#0:WaitForSignal()|};
                {|#2:WaitForever()|};
            }
        }
        """, Hit(0, 1), Hit(2, 3));
}
