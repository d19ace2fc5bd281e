using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.ASYNC103;

/// <summary>While the lambda handed to Task.Run is still being typed (it has errors), it stays the thread-pool pattern.</summary>
public sealed class ASYNC103HalfTypedTaskRunTests
{
    [Fact]
    public async Task Trap_sleep_inside_a_half_typed_Task_Run_lambda()
    {
        var test = new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class C
                {
                    async Task RunAsync()
                    {
                        await Task.Run(async () =>
                        {
                            Thread.Sleep(100);
                            await {|CS0103:Undefined|}();
                        });
                    }
                }
                """,
        };
        test.CompilerDiagnostics = CompilerDiagnostics.Errors;
        await test.RunAsync();
    }
}
