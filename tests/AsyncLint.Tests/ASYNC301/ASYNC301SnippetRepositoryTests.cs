using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// Held-out-style repository calls: repositories injected into one request share its scoped DbContext, so two of them
/// started together throw "a second operation was started on this context".
/// </summary>
public sealed class ASYNC301SnippetRepositoryTests
{
    [Fact]
    public Task Trap_two_repositories_of_one_request() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        interface IUserRepository { Task<string> GetNameAsync(int id); }
        interface IOrderRepository { Task<List<int>> GetOrderIdsAsync(int userId); }

        class ProfileService
        {
            private readonly IUserRepository users;
            private readonly IOrderRepository orders;

            public ProfileService(IUserRepository users, IOrderRepository orders)
            {
                this.users = users;
                this.orders = orders;
            }

            public async Task<string> DescribeAsync(int id)
            {
                var name = await users.GetNameAsync(id);
                var orderIds = await orders.GetOrderIdsAsync(id);
                return name + orderIds.Count;
            }
        }
        """);

    [Fact]
    public Task A_repository_and_a_remote_service_are_still_independent() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IUserRepository { Task<string> GetNameAsync(int id); }
        interface IWeatherClient { Task<string> GetForecastAsync(string city); }

        class C
        {
            async Task<string> DescribeAsync(IUserRepository users, IWeatherClient weather, int id)
            {
                var name = {|ASYNC301:await users.GetNameAsync(id)|};
                var forecast = await weather.GetForecastAsync("Oslo");
                return name + forecast;
            }
        }
        """);
}
