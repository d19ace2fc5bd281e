using Verify301 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;
using Verify302 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// Awaits that look independent and share state under another name: a project class holding a connection handed to each
/// step, the caller itself (<c>this</c>) handed to every iteration, a method of this class before a call on one of its
/// fields, steps named by messaging or test verbs, and a project's own pacing helper.
/// </summary>
public sealed class ASYNC301SharedOwnerTests
{
    private const string Store = """

        public sealed class Session
        {
            public Session(System.Data.Common.DbConnection connection) => Connection = connection;
            public System.Data.Common.DbConnection Connection { get; }
        }

        public interface IJobRows
        {
            Task<int> ReadStateAsync(Session session, string key);
            Task<string> ReadOwnerAsync(Session session, string key);
        }
        """;

    [Fact]
    public Task Trap_a_holder_of_one_connection_passed_to_each_step() => Verify301.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Jobs
        {
            async Task<string> DescribeAsync(IJobRows rows, Session session, string key)
            {
                var state = await rows.ReadStateAsync(session, key);
                var owner = await rows.ReadOwnerAsync(session, key);
                return owner + state;
            }
        }
        """ + Store);

    [Fact]
    public Task Trap_a_holder_of_one_connection_passed_to_every_iteration() => Verify302.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Jobs
        {
            async Task<int> CountAsync(IJobRows rows, Session session, IReadOnlyList<string> keys)
            {
                var total = 0;
                foreach (var key in keys)
                {
                    total += await rows.ReadStateAsync(session, key);
                }

                return total;
            }
        }
        """ + Store);

    [Fact]
    public Task Trap_this_handed_to_every_iteration() => Verify302.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        sealed class Link
        {
            public string Name { get; } = "link";
            public async Task<bool> ReattachAsync(Hub hub)
            {
                await Task.Yield();
                hub.Forget(Name);
                return true;
            }
        }

        sealed class Hub
        {
            private readonly Dictionary<string, int> routes = new();
            private readonly List<Link> links = new();

            public void Forget(string name) => routes.Remove(name);

            public async Task<List<Link>> ReattachAllAsync()
            {
                var failed = new List<Link>();
                foreach (var link in links)
                {
                    var reattached = await link.ReattachAsync(this);
                    if (!reattached)
                    {
                        failed.Add(link);
                    }
                }

                return failed;
            }
        }
        """);

    [Fact]
    public Task Trap_a_method_of_this_class_then_a_call_on_its_field() => Verify301.AnalyzerAsync("""
        using System.Threading.Tasks;

        sealed class Worker
        {
            private bool paused;
            public void Pause() => paused = true;
            public Task HaltAsync() => Task.FromResult(paused);
        }

        sealed class Host
        {
            private readonly Worker worker = new();

            private async Task QuiesceAsync()
            {
                await Task.Yield();
                worker.Pause();
            }

            public async Task CloseAsync()
            {
                await QuiesceAsync();
                await worker.HaltAsync();
            }
        }
        """);

    [Fact]
    public Task Trap_a_method_of_this_class_then_an_extension_on_a_member_of_its_field() => Verify301.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        sealed class Row { public int Id; public int Limit; }

        sealed class Store
        {
            public List<Row> Rows { get; } = new();
            public List<Row> Limits { get; } = new();
        }

        static class RowQueries
        {
            public static Task<int> LimitForAsync(this List<Row> limits, int id)
                => Task.FromResult(limits.Where(r => r.Id == id).Select(r => r.Limit).FirstOrDefault());
        }

        sealed class Catalog
        {
            private readonly Store store = new();

            private async Task<List<int>> VisibleAsync(int user)
            {
                await Task.Yield();
                return store.Rows.Where(r => r.Id == user).Select(r => r.Id).ToList();
            }

            public async Task<int> SearchAsync(int user)
            {
                var visible = await VisibleAsync(user);
                var limit = await store.Limits.LimitForAsync(user);
                return visible.Count + limit;
            }

            public async Task<int> RecentAsync(int user)
            {
                var limit = await store.Limits.LimitForAsync(user);
                var visible = await VisibleAsync(user);
                return visible.Count + limit;
            }
        }
        """);

    [Fact]
    public Task Trap_presence_notification_then_the_read_it_updates() => Verify301.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        interface IPresence { Task<bool> UserConnected(string user, string connection); }

        static class Online
        {
            public static Task<string[]> GetOnlineUsers() => Task.FromResult(new string[0]);
        }

        sealed class Hub
        {
            private readonly IPresence presence;
            public Hub(IPresence presence) => this.presence = presence;

            public async Task<int> OnJoinAsync(string user, string connection)
            {
                var first = await presence.UserConnected(user, connection);
                var online = await Online.GetOnlineUsers();
                return first ? online.Length : 0;
            }
        }
        """);

    [Fact]
    public Task Trap_messaging_topology_and_assertion_steps() => Verify301.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IBroker
        {
            Task<string> QueueDeclareAsync(string queue);
            Task<uint> QueueDeclarePassiveAsync(string queue);
            Task<string> ConsumeAsync(string queue);
            Task QueueBindAsync(string queue, string exchange);
        }

        static class Topology
        {
            static async Task AssertConsumersAsync(IBroker broker, string queue, uint expected)
            {
                var count = await broker.QueueDeclarePassiveAsync(queue);
                if (count != expected) throw new System.InvalidOperationException();
            }

            public static async Task DeclareAndCheckAsync(IBroker broker, string queue)
            {
                await broker.QueueDeclareAsync(queue);
                await broker.QueueBindAsync(queue, "events");
            }

            public static async Task ConsumeAndAssertAsync(IBroker broker, string queue)
            {
                await broker.ConsumeAsync(queue);
                await AssertConsumersAsync(broker, queue, 1);
            }
        }
        """);

    [Fact]
    public Task Trap_a_pacing_helper_of_the_project() => Verify301.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        interface IFeed { Task<string> PageAsync(int page, CancellationToken ct); }

        class Crawler
        {
            private static async Task ThrottleAsync(CancellationToken ct) => await Task.Delay(100, ct);

            async Task<string> TwoPagesAsync(IFeed feed, CancellationToken ct)
            {
                var first = await feed.PageAsync(1, ct);
                await ThrottleAsync(ct);
                var second = await feed.PageAsync(2, ct);
                return first + second;
            }
        }
        """);

    [Fact]
    public Task Plain_options_and_thread_safe_fields_still_allow_fan_out() => Verify301.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class FetchOptions
        {
            public int Retries { get; set; }
            public string? Region { get; set; }
        }

        public interface IPrices { Task<decimal> PriceAsync(string sku, FetchOptions options); }

        sealed class Shop
        {
            private readonly HttpClient http = new();

            private async Task<string> BannerAsync() => await http.GetStringAsync("https://example.invalid/banner");

            async Task<decimal> TotalAsync(IPrices prices, FetchOptions options)
            {
                var a = {|ASYNC301:await prices.PriceAsync("a", options)|};
                var b = await prices.PriceAsync("b", options);
                return a + b;
            }

            async Task<string> PageAsync()
            {
                var banner = {|ASYNC301:await BannerAsync()|};
                var body = await http.GetStringAsync("https://example.invalid/body");
                return banner + body;
            }
        }
        """);
}
