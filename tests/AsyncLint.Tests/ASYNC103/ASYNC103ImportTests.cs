using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.ASYNC103;

public sealed class ASYNC103ImportTests
{
    [Fact]
    public async Task Global_usings_and_file_scoped_namespace_get_no_new_using_or_blank_line()
    {
        var test = new AsyncLintCodeFixTest<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC103ThreadSleepCodeFix>();
        test.TestState.Sources.Add(("/0/Test0.cs", """
            namespace Sample;

            public sealed class C
            {
                public async Task PollAsync()
                {
                    {|ASYNC103:Thread.Sleep(250)|};
                    await Task.Yield();
                }
            }
            """));
        test.TestState.Sources.Add(("/0/Usings.cs", "global using System.Threading;\nglobal using System.Threading.Tasks;\n"));
        test.FixedState.Sources.Add(("/0/Test0.cs", """
            namespace Sample;

            public sealed class C
            {
                public async Task PollAsync()
                {
                    await Task.Delay(250);
                    await Task.Yield();
                }
            }
            """));
        test.FixedState.Sources.Add(("/0/Usings.cs", "global using System.Threading;\nglobal using System.Threading.Tasks;\n"));
        await test.RunAsync();
    }
}
