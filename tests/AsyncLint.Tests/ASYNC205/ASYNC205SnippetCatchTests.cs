using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>Held-out-style try blocks: a catch that only rethrows loses nothing; a catch that wraps does.</summary>
public sealed class ASYNC205SnippetCatchTests
{
    [Fact]
    public Task Trap_catch_that_only_rethrows() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task SaveAsync() => Task.Delay(1);

            Task Save()
            {
                try
                {
                    return SaveAsync();
                }
                catch
                {
                    throw;
                }
            }

            Task SaveTyped()
            {
                try
                {
                    return SaveAsync();
                }
                catch (InvalidOperationException)
                {
                    throw;
                }
            }
        }
        """);

    [Fact]
    public Task Catch_that_wraps_the_exception_is_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class StoreException : Exception
        {
            public StoreException(Exception inner) : base("store failed", inner) { }
        }

        class C
        {
            Task SaveAsync() => Task.Delay(1);

            Task Save()
            {
                try
                {
                    {|ASYNC205:return SaveAsync();|}
                }
                catch (Exception ex)
                {
                    throw new StoreException(ex);
                }
            }
        }
        """);
}
