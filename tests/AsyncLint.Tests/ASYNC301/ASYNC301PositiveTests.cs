using AsyncLint.Tests.Verifiers;
using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

public sealed class ASYNC301PositiveTests
{
    internal const string Services = """
        public interface IUsers { System.Threading.Tasks.Task<string> GetUserAsync(int id, System.Threading.CancellationToken ct = default); }
        public interface IOrders { System.Threading.Tasks.Task<int[]> GetOrdersAsync(int id, System.Threading.CancellationToken ct = default); }
        public interface IPrices { System.Threading.Tasks.ValueTask<decimal> GetPriceAsync(string sku); }
        public abstract class Catalog { public abstract System.Threading.Tasks.Task<string> FindAsync(string sku); }
        public class Model { public string? User { get; set; } public int[]? Orders { get; set; } }
        """;

    [Fact]
    public Task Two_declarations_on_different_interfaces() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly IUsers users;
            private readonly IOrders orders;
            C(IUsers users, IOrders orders) { this.users = users; this.orders = orders; }

            async Task<string> LoadAsync(int id)
            {
                var user = {|ASYNC301:await users.GetUserAsync(id)|};
                var orders = await this.orders.GetOrdersAsync(id);
                return user + orders.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Comments_that_do_not_speak_of_order() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly IUsers users;
            private readonly IOrders orders;
            C(IUsers users, IOrders orders) { this.users = users; this.orders = orders; }

            async Task<string> LoadAsync(int id)
            {
                // The profile shown in the header.
                var user = {|ASYNC301:await users.GetUserAsync(id)|};
                // Orders of the last year (the firstborn of the ordering service).
                var orders = await this.orders.GetOrdersAsync(id);
                return user + orders.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Discarded_results_of_static_methods() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        static class C
        {
            static Task WarmUpCacheAsync(string region) => Task.CompletedTask;
            static Task WarmUpIndexAsync(string region) => Task.CompletedTask;

            static async Task RunAsync(string region)
            {
                {|ASYNC301:await WarmUpCacheAsync(region)|};
                await WarmUpIndexAsync("eu");
            }
        }
        """);

    [Fact]
    public Task Assignments_to_properties_and_ConfigureAwait() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<Model> LoadAsync(IUsers users, IOrders orders, int id)
            {
                var model = new Model();
                model.User = {|ASYNC301:await users.GetUserAsync(id).ConfigureAwait(false)|};
                model.Orders = await orders.GetOrdersAsync(id).ConfigureAwait(false);
                return model;
            }
        }
        """ + Services);

    [Fact]
    public Task Three_awaits_with_a_local_computed_between() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, IPrices prices, Catalog catalog, int id, string sku)
            {
                var user = {|ASYNC301:await users.GetUserAsync(id)|};
                var key = sku + "-" + id;
                var price = await prices.GetPriceAsync(sku);
                var name = await catalog.FindAsync(sku);
                return user + price + name + key;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition2_holds_when_the_local_computed_between_is_not_read_later() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IPrices prices, Catalog catalog, int id, string sku)
            {
                var user = await users.GetUserAsync(id);
                var key = sku + "-" + user;
                var price = {|ASYNC301:await prices.GetPriceAsync(key)|};
                var name = await catalog.FindAsync(sku);
                return user + price + name;
            }
        }
        """ + Services);

    [Fact]
    public Task Shared_HttpClient_is_thread_safe() => Verify.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            static readonly HttpClient http = new HttpClient();

            async Task<int> LoadAsync(string a, string b)
            {
                var first = {|ASYNC301:await http.GetStringAsync(a)|};
                var second = await http.GetStringAsync(b);
                return first.Length + second.Length;
            }
        }
        """);

    [Fact]
    public Task Reading_two_different_files() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(string settingsPath, string secretsPath)
            {
                var settings = {|ASYNC301:await File.ReadAllTextAsync(settingsPath)|};
                var secrets = await File.ReadAllTextAsync(secretsPath);
                return settings + secrets;
            }
        }
        """);

    [Fact]
    public Task Top_level_statements() => Verify.ProgramAsync("""
        using System.IO;

        var settings = {|ASYNC301:await File.ReadAllTextAsync("settings.json")|};
        var secrets = await File.ReadAllTextAsync("secrets.json");
        System.Console.WriteLine(settings + secrets);
        """);

    [Fact]
    public Task Top_level_local_functions_that_capture_nothing() => Verify.ProgramAsync("""
        using System.Threading.Tasks;

        var weather = {|ASYNC301:await GetWeatherAsync("Paris")|};
        var news = await GetNewsAsync("fr");
        System.Console.WriteLine(weather + news);

        async Task<string> GetWeatherAsync(string city) { await Task.Delay(10); return city; }
        async Task<string> GetNewsAsync(string country) { await Task.Delay(10); return country; }
        """);

    [Fact]
    public Task Local_functions_using_only_their_own_state() => Verify.AnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;

        class Box { public int Value { get; set; } }

        class C
        {
            async Task<int> LoadAsync()
            {
                async Task<int> FetchAsync(int id)
                {
                    await Task.Delay(10);
                    var box = new Box { Value = id };
                    return new[] { box.Value }.Select(v => v * 2).Sum();
                }

                var a = {|ASYNC301:await FetchAsync(1)|};
                var b = await FetchAsync(2);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task Reads_through_one_service_locator_of_interfaces() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface ICatalogService { Task<string[]> GetCatalogAsync(); Task<string[]> GetCatalogBrandAsync(); Task<string[]> GetCatalogTypeAsync(); }
        public interface IBasketService { Task<int> GetBasketAsync(); }
        public interface IAppEnvironment { ICatalogService CatalogService { get; } IBasketService BasketService { get; } }

        class CatalogViewModel
        {
            private readonly IAppEnvironment environment;
            CatalogViewModel(IAppEnvironment environment) { this.environment = environment; }

            async Task<int> LoadAsync()
            {
                var products = {|ASYNC301:await environment.CatalogService.GetCatalogAsync()|};
                var brands = await environment.CatalogService.GetCatalogBrandAsync();
                var types = await environment.CatalogService.GetCatalogTypeAsync();
                var basket = await environment.BasketService.GetBasketAsync();
                return products.Length + brands.Length + types.Length + basket;
            }
        }
        """);

    [Fact]
    public Task Two_groups_separated_by_a_dependent_await() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, Catalog catalog, int id, string sku)
            {
                var user = {|ASYNC301:await users.GetUserAsync(id)|};
                var orders1 = await orders.GetOrdersAsync(id);
                var name = {|ASYNC301:await catalog.FindAsync(user)|};
                var other = await orders.GetOrdersAsync(2);
                return user + orders1.Length + name + other.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Net80_too() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, int id)
            {
                var user = {|ASYNC301:await users.GetUserAsync(id)|};
                var list = await orders.GetOrdersAsync(id);
                return user + list.Length;
            }
        }
        """ + Services, TargetFramework.Net80);

    [Fact]
    public Task Clients_handed_out_by_one_API_client_are_requests() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Hub
        {
            public interface IRepositoriesClient { Task<string> GetAsync(string owner, string name); }
            public interface IIssuesClient { Task<string[]> GetAllAsync(string owner, string name); }
            public interface IHubClient { IRepositoriesClient Repository { get; } IIssuesClient Issue { get; } }

            class Report
            {
                async Task<int> LoadAsync(IHubClient client, string owner, string name)
                {
                    var repository = {|ASYNC301:await client.Repository.GetAsync(owner, name)|};
                    var issues = await client.Issue.GetAllAsync(owner, name);
                    return repository.Length + issues.Length;
                }
            }
        }
        """);

    [Fact]
    public Task Services_of_a_class_that_keeps_no_data_state_are_requests() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Shop
        {
            public interface ICatalogService { Task<string[]> GetBrandsAsync(); }
            public interface IBasketService { Task<int> GetBasketCountAsync(string buyer); }

            class HeaderModel
            {
                private readonly ICatalogService catalog;
                private readonly IBasketService basket;

                HeaderModel(ICatalogService catalog, IBasketService basket) { this.catalog = catalog; this.basket = basket; }

                async Task<int> LoadAsync(string buyer)
                {
                    var brands = {|ASYNC301:await catalog.GetBrandsAsync()|};
                    var count = await basket.GetBasketCountAsync(buyer);
                    return brands.Length + count;
                }
            }
        }
        """);
}
