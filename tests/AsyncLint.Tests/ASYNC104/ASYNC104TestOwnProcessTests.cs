using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A test that arranges its fixture with a tool it starts itself (<c>kinit</c>, a CLI under test's sibling) writes the
/// tool's input and waits for it on its own thread, before the code under test runs. A process handed back by the code
/// under test, and the same steps outside a test, stay reported.
/// </summary>
public sealed class ASYNC104TestOwnProcessTests
{
    private const string Frameworks = """
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;

        namespace Xunit
        {
            [AttributeUsage(AttributeTargets.Method)] public class FactAttribute : Attribute { }
        }

        public interface IToolRunner { Process Launch(string name); Task ConnectAsync(); }

        """;

    [Fact]
    public Task The_test_s_own_process_steps_are_silent() => VerifyCS.AnalyzerAsync(Frameworks + """
        public class KerberosTests
        {
            private readonly IToolRunner client = null!;

            [Xunit.Fact]
            public async Task Uses_the_cached_ticket()
            {
                var info = new ProcessStartInfo("kinit") { RedirectStandardInput = true, RedirectStandardOutput = true };
                using (var kinit = Process.Start(info)!)
                {
                    kinit.StandardInput.WriteLine("secret");
                    kinit.WaitForExit();
                    var output = kinit.StandardOutput.ReadToEnd();
                }

                await client.ConnectAsync();
            }
        }
        """);

    [Fact]
    public Task A_process_from_the_code_under_test_or_outside_a_test_is_reported() => VerifyCS.AnalyzerAsync(Frameworks + """
        public class ToolTests
        {
            private readonly IToolRunner runner = null!;

            [Xunit.Fact]
            public async Task Launched_tool_finishes()
            {
                await runner.ConnectAsync();
                using var tool = runner.Launch("sync");
                {|ASYNC104:tool.WaitForExit()|};
            }
        }

        public class Deployer
        {
            public async Task DeployAsync(ProcessStartInfo info)
            {
                await Task.Yield();
                using var tool = Process.Start(info)!;
                {|ASYNC104:tool.StandardInput.WriteLine("yes")|};
                {|ASYNC104:tool.WaitForExit()|};
            }
        }
        """);
}
