using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>Held-out-style consecutive awaits that are ordered or share state without saying so by data flow.</summary>
public sealed class ASYNC301SnippetTrapTests
{
    [Fact]
    public Task Two_reads_of_one_response_content() => Verify.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            async Task<(string, byte[])> ReadAsync(HttpResponseMessage response)
            {
                var text = await response.Content.ReadAsStringAsync();
                var bytes = await response.Content.ReadAsByteArrayAsync();
                return (text, bytes);
            }
        }
        """);

    [Fact]
    public Task Act_then_assert_in_a_test() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IOrders { Task<int> PlaceOrderAsync(string sku); Task<int> CountAsync(string sku); }

        class Tests
        {
            async Task<bool> PlacesAnOrder(IOrders orders)
            {
                var id = await orders.PlaceOrderAsync("sku");
                var count = await orders.CountAsync("sku");
                return id > 0 && count == 1;
            }
        }
        """);

    [Fact]
    public Task Base_lifecycle_call_before_loading() => Verify.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class ComponentBase
        {
            protected virtual Task OnInitializedAsync() => Task.CompletedTask;
        }

        class Page : ComponentBase
        {
            private readonly HttpClient http = new HttpClient();
            private string? data;

            protected override async Task OnInitializedAsync()
            {
                await base.OnInitializedAsync();
                data = await http.GetStringAsync("/data");
            }
        }
        """);

    [Fact]
    public Task Two_enumerators_advanced_for_a_merge() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> MergeAsync(IAsyncEnumerator<int> left, IAsyncEnumerator<int> right)
            {
                var hasLeft = await left.MoveNextAsync();
                var hasRight = await right.MoveNextAsync();
                return hasLeft && hasRight ? left.Current + right.Current : 0;
            }
        }
        """);

    [Fact]
    public Task Two_queries_through_a_database_context_interface() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class User { }
        class Order { }

        interface IAppDbContext
        {
            IQueryable<User> Users { get; }
            IQueryable<Order> Orders { get; }
        }

        static class QueryableExtensions
        {
            public static Task<List<T>> ToListAsync<T>(this IQueryable<T> source) => Task.FromResult(source.ToList());
        }

        class Handler
        {
            private readonly IAppDbContext db;

            public Handler(IAppDbContext db) => this.db = db;

            async Task<int> CountAsync()
            {
                var users = await db.Users.ToListAsync();
                var orders = await db.Orders.ToListAsync();
                return users.Count + orders.Count;
            }
        }
        """);
}
