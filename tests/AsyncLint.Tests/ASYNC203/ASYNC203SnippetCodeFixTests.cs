using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC203AsyncVoidMethodCodeFix>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>The fix for the snippet positives: an unguarded extension helper returns Task, and its async caller (x.M(), the reduced form) awaits it.</summary>
public sealed class ASYNC203SnippetCodeFixTests
{
    [Fact]
    public Task Unguarded_helper_returns_Task() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static async void {|ASYNC203:Observe|}(this Task task)
            {
                await task;
            }
        }

        class C
        {
            Task SaveAsync() => Task.CompletedTask;

            async Task RunAsync()
            {
                SaveAsync().Observe();
                await Task.Yield();
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static async Task Observe(this Task task)
            {
                await task;
            }
        }

        class C
        {
            Task SaveAsync() => Task.CompletedTask;

            async Task RunAsync()
            {
                await SaveAsync().Observe();
                await Task.Yield();
            }
        }
        """);
}
