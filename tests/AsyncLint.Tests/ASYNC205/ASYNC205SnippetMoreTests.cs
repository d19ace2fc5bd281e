using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>Held-out-style snippets: a semaphore released in a finally and a scope ended before the task it wraps.</summary>
public sealed class ASYNC205SnippetMoreTests
{
    [Fact]
    public Task Semaphore_released_in_a_finally_before_the_task_completes() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private readonly SemaphoreSlim gate = new SemaphoreSlim(1);

            Task SaveAsync() => Task.Delay(1);

            Task Save()
            {
                gate.Wait();
                try
                {
                    {|ASYNC205:return SaveAsync();|}
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """);

    [Fact]
    public Task Trap_completed_results_in_every_arm_of_a_try() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task<int> Parse(string text)
            {
                try
                {
                    return Task.FromResult(int.Parse(text));
                }
                catch (FormatException)
                {
                    return Task.FromResult(0);
                }
            }

            ValueTask<int> Measure(string text)
            {
                using var scope = new Scope();
                return text.Length > 0 ? new ValueTask<int>(text.Length) : default;
            }

            sealed class Scope : IDisposable { public void Dispose() { } }
        }
        """);
}
