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
    public Task Trap_twin_that_does_its_work_in_place_and_returns_a_finished_task_or_a_token_delay() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Server
        {
            private readonly HttpListener listener = new HttpListener();
            private CancellationTokenSource stop = new CancellationTokenSource();
            private Task accepting = Task.CompletedTask;

            public void Start()
            {
                if (listener.IsListening) throw new InvalidOperationException("already running");
                stop = new CancellationTokenSource();
                listener.Start();
                accepting = Task.Run(AcceptAsync);
            }

            // The same steps, run before returning: nothing here waits on the caller's behalf.
            public Task StartAsync(CancellationToken token = default)
            {
                if (listener.IsListening) throw new InvalidOperationException("already running");
                stop = CancellationTokenSource.CreateLinkedTokenSource(token);
                listener.Start();
                accepting = Task.Run(AcceptAsync);
                return Task.Delay(1);
            }

            public int Count(string key)
            {
                if (key.Length == 0) throw new ArgumentException(nameof(key));
                return key.GetHashCode();
            }

            public Task<int> CountAsync(string key)
            {
                if (key.Length == 0) throw new ArgumentException(nameof(key));
                var hash = key.GetHashCode();
                return Task.FromResult(hash);
            }

            private async Task AcceptAsync()
            {
                while (listener.IsListening)
                {
                    var context = await listener.GetContextAsync();
                    context.Response.Close();
                }
            }
        }

        public static class Checks
        {
            public static async Task ServerAcceptsAsync()
            {
                var server = new Server();
                server.Start();
                await Task.Delay(100);
                var n = server.Count("a");
            }
        }
        """);

    [Fact]
    public Task Twin_returning_real_async_work_or_a_stub_body_is_still_suggested() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.WebSockets;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Client
        {
            private readonly ClientWebSocket socket = new ClientWebSocket();

            public void Start()
            {
                if (socket.State == WebSocketState.Open) throw new InvalidOperationException();
                socket.ConnectAsync(new Uri("ws://localhost:1"), default).Wait();
            }

            // Returns the connect itself: a real async version.
            public Task StartAsync()
            {
                if (socket.State == WebSocketState.Open) throw new InvalidOperationException();
                return socket.ConnectAsync(new Uri("ws://localhost:1"), default);
            }

            public void Stop()
            {
                if (socket.State != WebSocketState.Open) throw new InvalidOperationException();
                socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", default).Wait();
            }

            // A stub standing for the real thing: it checks the token and does nothing else.
            public Task StopAsync(CancellationToken token)
            {
                token.ThrowIfCancellationRequested();
                return Task.CompletedTask;
            }
        }

        public static class Checks
        {
            public static async Task ClientConnectsAsync(Client client)
            {
                {|ASYNC105:client.Start()|};
                await Task.Delay(100);
                {|ASYNC105:client.Stop()|};
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
