using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// A twin on a user type is only a hint. When the synchronous method's source is here and its body is a lookup
/// with no blocking step (a cache beside a fetch, as gateway clients have), the suggestion would be noise.
/// </summary>
public sealed class ASYNC105SourceEvidenceTests
{
    [Fact]
    public Task Trap_cache_getter_beside_a_fetching_twin() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Threading.Tasks;

        sealed class Rule { }

        sealed class Guild
        {
            private readonly ConcurrentDictionary<ulong, Rule> rules = new();

            public Rule? GetRule(ulong id) => rules.TryGetValue(id, out var rule) ? rule : null;

            public async Task<Rule?> GetRuleAsync(ulong id, object? options = null)
            {
                await Task.Yield();
                return GetRule(id);
            }
        }

        sealed class Handler
        {
            public async Task OnUpdateAsync(Guild guild, ulong id)
            {
                await Task.Yield();
                var cached = guild.GetRule(id);
            }
        }
        """);

    [Fact]
    public Task Source_method_that_waits_on_a_task_is_still_suggested() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        sealed class Settings
        {
            public string Load(string key) => LoadAsync(key).Result;

            public async Task<string> LoadAsync(string key)
            {
                await Task.Delay(1);
                return key;
            }
        }

        sealed class Consumer
        {
            public async Task<string> ReadAsync(Settings settings)
            {
                await Task.Yield();
                return {|ASYNC105:settings.Load("theme")|};
            }
        }
        """);

    [Fact]
    public Task Source_method_that_reads_a_file_through_a_helper_call_is_still_suggested() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        sealed class Store
        {
            public string Read(string path) => File.ReadAllText(path);

            public Task<string> ReadAsync(string path) => File.ReadAllTextAsync(path);
        }

        sealed class Consumer
        {
            public async Task<string> GetAsync(Store store)
            {
                await Task.Yield();
                return {|ASYNC105:store.Read("a.txt")|};
            }
        }
        """);
    [Fact]
    public Task Trap_twin_that_only_offloads_the_synchronous_method_to_the_thread_pool() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        sealed class Session
        {
            public string Configure(string what) => File.ReadAllText(what);
            public Task<string> ConfigureAsync(string what) => Task.Run(() => Configure(what));

            public int Count(string path) => File.ReadAllLines(path).Length;
            public Task<int> CountAsync(string path) { return Task.Factory.StartNew(() => { return Count(path); }); }

            public void Reset(string path) => File.Delete(path);
            public Task ResetAsync(string path) => Task.Run(() => { Reset(path); });
        }

        sealed class Client
        {
            public async Task<int> StartAsync(Session session)
            {
                await Task.Yield();
                var settings = session.Configure("settings.json");
                session.Reset("cache.bin");
                return settings.Length + session.Count("log.txt");
            }
        }
        """);

    [Fact]
    public Task Twin_that_offloads_more_than_the_synchronous_call_is_still_suggested() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        sealed class Session
        {
            public string Configure(string what) => File.ReadAllText(what);
            public async Task<string> ConfigureAsync(string what) => await File.ReadAllTextAsync(what);

            public int Count(string path) => File.ReadAllLines(path).Length;
            public Task<int> CountAsync(string path) => Task.Run(() => Count(path) + Count(path + ".old"));
        }

        sealed class Client
        {
            public async Task<int> StartAsync(Session session)
            {
                await Task.Yield();
                var settings = {|ASYNC105:session.Configure("settings.json")|};
                return settings.Length + {|ASYNC105:session.Count("log.txt")|};
            }
        }
        """);
    [Fact]
    public Task Offloaded_call_beside_an_awaited_offload_of_the_same_kind_is_still_suggested() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        sealed class Client
        {
            public string Config(string what) => Console.ReadLine() ?? what;
            public Task<string> ConfigAsync(string what) => Task.Run(() => Config(what));

            public async Task<string> SignUpAsync()
            {
                var code = await ConfigAsync("verification_code");
                var first = {|ASYNC105:Config("first_name")|};
                return code + first;
            }
        }
        """);
}
