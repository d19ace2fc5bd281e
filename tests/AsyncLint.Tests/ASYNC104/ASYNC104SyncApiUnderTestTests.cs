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
                using var reader = new StreamReader(Remote());
                await Task.Yield();
                _ = reader.ReadToEnd();
            }

            [Fact]
            public async Task AsyncReadReturnsTheFile()
            {
                using var reader = new StreamReader(Remote());
                await Task.Yield();
                _ = {|ASYNC104:reader.ReadToEnd()|};
            }

            [Fact]
            public async Task IsSynchronizedAfterTheRead()
            {
                using var reader = new StreamReader(Remote());
                await Task.Yield();
                _ = {|ASYNC104:reader.ReadToEnd()|};
            }

            // A stream the test did not open on a local file (its own fixture file would be a whole-file step).
            private static Stream Remote() => new System.Net.Sockets.NetworkStream(new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp));

            // Not a test: a helper named Sync still has its blocking calls reported.
            public async Task SyncHelper()
            {
                await Task.Yield();
                _ = {|ASYNC104:File.ReadAllText("a.txt")|};
            }
        }
        """);

    [Fact]
    public Task A_test_whose_sibling_adds_Async_to_its_name_covers_the_synchronous_api() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class FactAttribute : Attribute { }

        sealed class Requestor
        {
            public string RawRequest(string path) => path;
            public Task<string> RawRequestAsync(string path) => Task.FromResult(path);
        }

        public class RequestorTests
        {
            private readonly Requestor requestor = new();

            [Fact]
            public async Task RawRequestAsync_Form()
            {
                _ = await requestor.RawRequestAsync("/v1/charges");
            }

            [Fact]
            public async Task RawRequest_Form()
            {
                await Task.Yield();
                _ = requestor.RawRequest("/v1/charges");
            }

            [Fact]
            public async Task RawRequest_PostAsync_Json()
            {
                _ = await requestor.RawRequestAsync("/v1/charges");
            }

            [Fact]
            public async Task RawRequest_Post_Json()
            {
                await Task.Yield();
                _ = requestor.RawRequest("/v1/charges");
            }

            // No sibling with "Async" in its name (and not named for RawRequest): still reported.
            [Fact]
            public async Task Charges_Delete_Json()
            {
                await Task.Yield();
                _ = {|ASYNC105:requestor.RawRequest("/v1/charges")|};
            }

            // The sibling is not a test.
            public Task Charges_PatchAsync_Json() => Task.CompletedTask;

            [Fact]
            public async Task Charges_Patch_Json()
            {
                await Task.Yield();
                _ = {|ASYNC105:requestor.RawRequest("/v1/charges")|};
            }
        }
        """);

    [Fact]
    public Task A_mirrored_async_test_may_arrange_through_the_synchronous_api() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class FactAttribute : Attribute { }

        sealed class Storage
        {
            public void Save(string profile) { }
            public Task SaveAsync(string profile) => Task.CompletedTask;
            public List<string> List(int max) => new();
            public Task<List<string>> ListAsync(int max) => Task.FromResult(new List<string>());
        }

        public class StorageTests
        {
            private readonly Storage storage = new();

            [Fact]
            public void List()
            {
                storage.Save("a");
                _ = storage.List(10);
            }

            [Fact]
            public async Task ListAsync()
            {
                storage.Save("a");
                _ = await storage.ListAsync(10);
            }

            [Fact]
            public void OpenRead() => _ = File.ReadAllText("a.txt");

            [Fact]
            public async Task OpenReadAsynchronous()
            {
                File.WriteAllText("a.txt", "x");
                _ = await File.ReadAllBytesAsync("a.txt");
            }

            [Fact]
            public void SaveAndLoad() => storage.Save("a");

            // The test awaits the twin elsewhere: the synchronous call is the leftover the rule is for.
            [Fact]
            public async Task SaveAndLoadAsync()
            {
                await storage.SaveAsync("a");
                {|ASYNC105:storage.Save("b")|};
            }

            // No synchronous sibling: an ordinary async test.
            [Fact]
            public async Task PurgeAsync()
            {
                {|ASYNC105:storage.Save("a")|};
                _ = await storage.ListAsync(10);
            }
        }
        """);
}
