using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>User and third-party types whose only evidence is an async twin: ASYNC105 (info).</summary>
public sealed class ASYNC105PositiveTests
{
    [Fact]
    public Task User_type_with_an_async_twin_is_info_not_warning()
    {
        var test = new AsyncLintAnalyzerTest<Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
        {
            TestCode = """
                using System.Threading;
                using System.Threading.Tasks;

                class User { }

                class Repository
                {
                    public User Get(int id) => new();
                    public Task<User> GetAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult(new User());
                }

                class C
                {
                    async Task<User> LoadAsync(Repository repository)
                    {
                        await Task.Yield();
                        return {|#0:repository.Get(42)|};
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult("ASYNC105", DiagnosticSeverity.Info)
            .WithLocation(0)
            .WithMessage("'Repository.Get' has an async counterpart; inside async method 'LoadAsync' consider 'await Repository.GetAsync(...)'"));
        return test.RunAsync();
    }

    [Fact]
    public Task Static_generic_and_ValueTask_twins() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        static class Store
        {
            public static T Load<T>(string key) => default!;
            public static ValueTask<T> LoadAsync<T>(string key) => default;
            public static void Save(string key, object value) { }
            public static Task SaveAsync(string key, object value, CancellationToken cancellationToken) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync()
            {
                var n = {|ASYNC105:Store.Load<int>("n")|};
                {|ASYNC105:Store.Save("n", n)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Twin_declared_on_a_base_type_or_a_base_interface() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IDatabaseAsync
        {
            Task<string> StringGetAsync(string key);
        }

        interface IDatabase : IDatabaseAsync
        {
            string StringGet(string key);
        }

        class BaseClient
        {
            public Task PingAsync() => Task.CompletedTask;
            public virtual Task RefreshAsync() => Task.CompletedTask;
        }

        class Client : BaseClient
        {
            public void Ping() { }
            public void Refresh() { }
        }

        class C
        {
            async Task RunAsync(IDatabase database, Client client)
            {
                var value = {|ASYNC105:database.StringGet("k")|};
                {|ASYNC105:client.Ping()|};
                {|ASYNC105:client.Refresh()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Extension_method_twin_in_the_same_static_class() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class Connection { }

        static class SqlMapper
        {
            public static IEnumerable<T> Query<T>(this Connection connection, string sql) => new List<T>();
            public static Task<IEnumerable<T>> QueryAsync<T>(this Connection connection, string sql) => Task.FromResult<IEnumerable<T>>(new List<T>());
        }

        class C
        {
            async Task RunAsync(Connection connection)
            {
                var rows = {|ASYNC105:connection.Query<int>("select 1")|};
                var same = {|ASYNC105:SqlMapper.Query<int>(connection, "select 1")|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Twin_taking_only_a_required_token_matches_a_parameterless_method() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Worker
        {
            public void Drain() { }
            public Task DrainAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Worker worker)
            {
                {|ASYNC105:worker.Drain()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Twin_with_extra_optional_parameters_matches() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Uploader
        {
            public void Upload(string path) { }
            public Task UploadAsync(string path, int retries = 3, CancellationToken cancellationToken = default) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Uploader uploader)
            {
                {|ASYNC105:uploader.Upload("a")|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Task_suffixed_twin_where_XAsync_is_event_based() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class LegacyClient
        {
            public string Download(string url) => "";
            public void DownloadAsync(string url) { }
            public Task<string> DownloadTaskAsync(string url) => Task.FromResult("");
        }

        class C
        {
            async Task RunAsync(LegacyClient client)
            {
                var page = {|ASYNC105:client.Download("u")|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Both_obsolete_still_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        [Obsolete("use the new client")]
        class OldClient
        {
            public string Get() => "";
            public Task<string> GetAsync() => Task.FromResult("");
        }

        class C
        {
        #pragma warning disable CS0618
            async Task RunAsync(OldClient client)
            {
                var value = {|ASYNC105:client.Get()|};
                await Task.Yield();
            }
        #pragma warning restore CS0618
        }
        """);

    [Fact]
    public Task Twin_returning_a_base_type_of_the_result_is_not_a_twin_but_derived_is() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Animal { }
        class Dog : Animal { }

        class Shelter
        {
            public Animal Adopt() => new Dog();
            public Task<Dog> AdoptAsync() => Task.FromResult(new Dog());
            public Dog Find() => new();
            public Task<Animal> FindAsync() => Task.FromResult<Animal>(new Dog());
        }

        class C
        {
            async Task RunAsync(Shelter shelter)
            {
                var a = {|ASYNC105:shelter.Adopt()|};
                var d = shelter.Find();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Void_result_twin_matches_only_where_the_value_is_discarded() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Cache
        {
            public int Refresh() => 1;
            public Task RefreshAsync() => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Cache cache)
            {
                {|ASYNC105:cache.Refresh()|};
                var n = cache.Refresh();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Generic_types_and_type_parameter_receivers() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Repository<T>
        {
            public T Get(int id) => default!;
            public Task<T> GetAsync(int id, CancellationToken cancellationToken = default) => Task.FromResult<T>(default!);
        }

        class C
        {
            async Task RunAsync<TStream>(Repository<string> strings, TStream stream)
                where TStream : Stream
            {
                var s = {|ASYNC105:strings.Get(1)|};
                {|ASYNC104:stream.Flush()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Async_method_of_the_same_name_in_an_unrelated_type_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Repository
        {
            public int Get(int id) => id;
            public Task<int> GetAsync(int id) => Task.FromResult(id);
        }

        class Controller
        {
            readonly Repository repository = new();

            public async Task<int> GetAsync(int id)
            {
                await Task.Yield();
                return {|ASYNC105:repository.Get(id)|};
            }
        }
        """);

    [Fact]
    public Task Awaiting_the_twin_elsewhere_with_other_arguments_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Cache
        {
            public void Set(string key, string value) { }
            public Task SetAsync(string key, string value) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Cache cache, string a, string b)
            {
                await cache.SetAsync("a", a);
                {|ASYNC105:cache.Set("b", b)|};
            }
        }
        """);

    [Fact]
    public Task Works_on_net8() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Repository
        {
            public int Count() => 0;
            public Task<int> CountAsync() => Task.FromResult(0);
        }

        class C
        {
            async Task RunAsync(Repository repository)
            {
                var n = {|ASYNC105:repository.Count()|};
                await Task.Yield();
            }
        }
        """, TargetFramework.Net80);

    [Fact]
    public Task Call_whose_flags_do_not_ask_for_fire_and_forget_still_waits() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        [Flags]
        enum SendFlags { None = 0, HighPriority = 1, FireAndForget = 2 }

        interface IKeyStore
        {
            bool Remove(string key, SendFlags flags = SendFlags.None);
            Task<bool> RemoveAsync(string key, SendFlags flags = SendFlags.None);
        }

        class C
        {
            async Task ResetAsync(IKeyStore store, string key, SendFlags flags)
            {
                {|ASYNC105:store.Remove(key)|};
                {|ASYNC105:store.Remove(key, SendFlags.HighPriority)|};
                {|ASYNC105:store.Remove(key, flags)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Parsing_a_file_or_a_stream() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        public interface IConfig { }

        public interface IConfigParser
        {
            IConfig ParseFile(string path);
            Task<IConfig> ParseFileAsync(string path);
            IConfig Parse(Stream source);
            Task<IConfig> ParseAsync(Stream source);
            IConfig Deserialize(string location);
            Task<IConfig> DeserializeAsync(string location);
        }

        class Loader
        {
            async Task<IConfig[]> LoadAsync(IConfigParser parser, Stream stream, string path, string url)
            {
                await Task.Yield();
                var a = {|ASYNC105:parser.ParseFile(path)|};
                var b = {|ASYNC105:parser.Parse(stream)|};
                var c = {|ASYNC105:parser.Deserialize(url)|};
                return new[] { a, b, c };
            }
        }
        """);
}
