using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// Held-out-style services that each keep the request's DbContext (dotnet/efcore #21987, eShopOnWeb #122,
/// aspnetboilerplate #5354): started together they throw "a second operation was started on this context".
/// </summary>
public sealed class ASYNC301SnippetInjectedStateTests
{
    private const string Context = """

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext { }
        }

        class ShopDbContext : Microsoft.EntityFrameworkCore.DbContext { }
        """;

    [Fact]
    public Task Trap_two_services_built_over_one_db_context() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class UserService
        {
            private readonly ShopDbContext db;
            public UserService(ShopDbContext db) => this.db = db;
            public Task<string> GetNameAsync(int id) => Task.FromResult("n");
        }

        class OrderService
        {
            private readonly ShopDbContext db;
            public OrderService(ShopDbContext db) => this.db = db;
            public Task<int> CountOrdersAsync(int userId) => Task.FromResult(1);
        }

        class ProfileController
        {
            private readonly UserService users;
            private readonly OrderService orders;

            public ProfileController(UserService users, OrderService orders)
            {
                this.users = users;
                this.orders = orders;
            }

            public async Task<string> GetAsync(int id)
            {
                var name = await users.GetNameAsync(id);
                var count = await orders.CountOrdersAsync(id);
                return name + count;
            }
        }
        """ + Context);

    [Fact]
    public Task Services_over_different_state_are_reported() => Verify.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class UserService
        {
            private readonly ShopDbContext db;
            public UserService(ShopDbContext db) => this.db = db;
            public Task<string> GetNameAsync(int id) => Task.FromResult("n");
        }

        class WeatherService
        {
            private readonly HttpClient http;
            public WeatherService(HttpClient http) => this.http = http;
            public Task<string> GetForecastAsync(string city) => http.GetStringAsync(city);
        }

        class ProfileController
        {
            private readonly UserService users;
            private readonly WeatherService weather;

            public ProfileController(UserService users, WeatherService weather)
            {
                this.users = users;
                this.weather = weather;
            }

            public async Task<string> GetAsync(int id)
            {
                var name = {|ASYNC301:await users.GetNameAsync(id)|};
                var forecast = await weather.GetForecastAsync("Oslo");
                return name + forecast;
            }
        }
        """ + Context);
}
