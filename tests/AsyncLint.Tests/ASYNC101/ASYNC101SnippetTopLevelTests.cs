using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>Top-level statements are an async context only when they await: without one, Main is synchronous.</summary>
public sealed class ASYNC101SnippetTopLevelTests
{
    [Fact]
    public Task Trap_top_level_program_without_an_await_is_a_synchronous_Main() => VerifyCS.ProgramAsync("""
        using System.Threading.Tasks;

        var value = LoadAsync().Result;
        LoadAsync().Wait();
        System.Console.WriteLine(value + LoadAsync().GetAwaiter().GetResult());

        static Task<int> LoadAsync() => Task.FromResult(1);
        """);

    [Fact]
    public Task Top_level_program_with_an_await_is_async() => VerifyCS.ProgramAsync("""
        using System.Threading.Tasks;

        var value = {|ASYNC101:LoadAsync().Result|};
        await Task.Yield();
        System.Console.WriteLine(value);

        static Task<int> LoadAsync() => Task.Run(() => 1);
        """);

    [Fact]
    public Task Top_level_blocking_read_becomes_await()
    {
        var test = new AsyncLint.Tests.Verifiers.AsyncLintCodeFixTest<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC101BlockingTaskWaitCodeFix>
        {
            TestCode = """
                using System.Threading.Tasks;

                var value = {|ASYNC101:LoadAsync().Result|};
                await Task.Yield();
                System.Console.WriteLine(value);

                static Task<int> LoadAsync() => Task.Run(() => 1);
                """,
            FixedCode = """
                using System.Threading.Tasks;

                var value = await LoadAsync();
                await Task.Yield();
                System.Console.WriteLine(value);

                static Task<int> LoadAsync() => Task.Run(() => 1);
                """,
        };
        test.TestState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        test.BatchFixedState.OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication;
        return test.RunAsync();
    }
}
