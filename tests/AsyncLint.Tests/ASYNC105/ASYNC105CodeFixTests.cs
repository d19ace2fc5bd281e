using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC104_105AsyncTwinCodeFix>;

namespace AsyncLint.Tests.ASYNC105;

public sealed class ASYNC105CodeFixTests
{
    [Fact]
    public Task User_type_twin_gets_the_token_in_scope() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Repository
        {
            public int Get(int id) => id;
            public Task<int> GetAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(id);
        }

        class C
        {
            async Task<int> LoadAsync(Repository repository, CancellationToken ct)
            {
                await Task.Yield();
                return {|ASYNC105:repository.Get(42)|} + 1;
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class Repository
        {
            public int Get(int id) => id;
            public Task<int> GetAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(id);
        }

        class C
        {
            async Task<int> LoadAsync(Repository repository, CancellationToken ct)
            {
                await Task.Yield();
                return await repository.GetAsync(42, ct) + 1;
            }
        }
        """);

    [Fact]
    public Task Required_token_with_none_in_scope_passes_CancellationToken_None() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class Worker
        {
            public void Drain() { }
            public Task DrainAsync(System.Threading.CancellationToken cancellationToken) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Worker worker)
            {
                {|ASYNC105:worker.Drain()|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class Worker
        {
            public void Drain() { }
            public Task DrainAsync(System.Threading.CancellationToken cancellationToken) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Worker worker)
            {
                await worker.DrainAsync(CancellationToken.None);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Token_after_optional_parameters_is_passed_by_name() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Uploader
        {
            public void Upload(string path) { }
            public Task UploadAsync(string path, int retries = 3, CancellationToken token = default) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Uploader uploader, CancellationToken ct)
            {
                {|ASYNC105:uploader.Upload("a")|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class Uploader
        {
            public void Upload(string path) { }
            public Task UploadAsync(string path, int retries = 3, CancellationToken token = default) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Uploader uploader, CancellationToken ct)
            {
                await uploader.UploadAsync("a", token: ct);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Extension_and_generic_static_twins() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class Connection { }

        static class SqlMapper
        {
            public static List<T> Query<T>(this Connection connection, string sql) => new();
            public static Task<List<T>> QueryAsync<T>(this Connection connection, string sql, CancellationToken cancellationToken = default) => Task.FromResult(new List<T>());
        }

        class C
        {
            async Task<int> RunAsync(Connection connection, CancellationToken ct)
            {
                var rows = {|ASYNC105:connection.Query<int>("select 1")|};
                var same = {|ASYNC105:SqlMapper.Query<int>(connection, "select 2")|};
                await Task.Yield();
                return rows.Count + same.Count;
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class Connection { }

        static class SqlMapper
        {
            public static List<T> Query<T>(this Connection connection, string sql) => new();
            public static Task<List<T>> QueryAsync<T>(this Connection connection, string sql, CancellationToken cancellationToken = default) => Task.FromResult(new List<T>());
        }

        class C
        {
            async Task<int> RunAsync(Connection connection, CancellationToken ct)
            {
                var rows = await connection.QueryAsync<int>("select 1", ct);
                var same = await SqlMapper.QueryAsync<int>(connection, "select 2", ct);
                await Task.Yield();
                return rows.Count + same.Count;
            }
        }
        """);

    [Fact]
    public Task Custom_awaitable_without_ConfigureAwait() => VerifyFix.CodeFixAsync("""
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        struct Pending
        {
            public TaskAwaiter<int> GetAwaiter() => Task.FromResult(1).GetAwaiter();
        }

        class Source
        {
            public int Next() => 1;
            public Pending NextAsync() => new();
        }

        class C
        {
            async Task<int> RunAsync(Source source)
            {
                await Task.CompletedTask.ConfigureAwait(false);
                return {|ASYNC105:source.Next()|};
            }
        }
        """, """
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        struct Pending
        {
            public TaskAwaiter<int> GetAwaiter() => Task.FromResult(1).GetAwaiter();
        }

        class Source
        {
            public int Next() => 1;
            public Pending NextAsync() => new();
        }

        class C
        {
            async Task<int> RunAsync(Source source)
            {
                await Task.CompletedTask.ConfigureAwait(false);
                return await source.NextAsync();
            }
        }
        """);

    [Fact]
    public Task FixAll_with_several_diagnostics() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Cache
        {
            public string Get(string key) => key;
            public Task<string> GetAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(key);
            public void Set(string key, string value) { }
            public Task SetAsync(string key, string value, CancellationToken cancellationToken = default) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Cache cache, CancellationToken ct)
            {
                {|ASYNC105:cache.Set("a", {|ASYNC105:cache.Get("b")|})|};
                var c = {|ASYNC105:cache.Get("c")|}.Length;
                await Task.Yield();
            }

            async Task OtherAsync(Cache cache)
            {
                {|ASYNC105:cache.Set("x", "y")|};
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class Cache
        {
            public string Get(string key) => key;
            public Task<string> GetAsync(string key, CancellationToken cancellationToken = default) => Task.FromResult(key);
            public void Set(string key, string value) { }
            public Task SetAsync(string key, string value, CancellationToken cancellationToken = default) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Cache cache, CancellationToken ct)
            {
                await cache.SetAsync("a", await cache.GetAsync("b", ct), ct);
                var c = (await cache.GetAsync("c", ct)).Length;
                await Task.Yield();
            }

            async Task OtherAsync(Cache cache)
            {
                await cache.SetAsync("x", "y");
                await Task.Yield();
            }
        }
        """);
}
