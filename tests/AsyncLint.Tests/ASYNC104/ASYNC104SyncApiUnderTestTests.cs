using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>A test whose name says it covers the synchronous API calls it on purpose; other tests and helpers are still checked.</summary>
public sealed class ASYNC104SyncApiUnderTestTests
{
    [Fact]
    public Task A_test_named_for_the_synchronous_api_may_call_it() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class FactAttribute : Attribute { }

        sealed class ResponseBody
        {
            public T? ContentAs<T>() => default;
            public Task<T?> ContentAsAsync<T>() => Task.FromResult<T?>(default);
        }

        public class ReaderTests
        {
            [Fact]
            public async Task SyncContentAsReadsTheBufferedBody()
            {
                var body = new ResponseBody();
                await Task.Yield();
                _ = body.ContentAs<int>();
            }

            [Fact]
            public async Task Read_Sync_ReturnsTheFile()
            {
                await Task.Yield();
                _ = File.ReadAllText("a.txt");
            }

            [Fact]
            public async Task AsyncReadReturnsTheFile()
            {
                await Task.Yield();
                _ = {|ASYNC104:File.ReadAllText("a.txt")|};
            }

            [Fact]
            public async Task IsSynchronizedAfterTheRead()
            {
                await Task.Yield();
                _ = {|ASYNC104:File.ReadAllText("a.txt")|};
            }

            // Not a test: a helper named Sync still has its blocking calls reported.
            public async Task SyncHelper()
            {
                await Task.Yield();
                _ = {|ASYNC104:File.ReadAllText("a.txt")|};
            }
        }
        """);
}
