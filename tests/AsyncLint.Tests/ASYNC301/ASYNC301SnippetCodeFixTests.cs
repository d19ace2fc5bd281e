using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer, AsyncLint.CodeFixes.FanOut.ASYNC301SequentialAwaitsCodeFix>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>The task-list fix for the snippet positives: two lookups, and two loads assigned to fields.</summary>
public sealed class ASYNC301SnippetCodeFixTests
{
    [Fact]
    public Task Lookups_become_a_task_list() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        interface IMaps { Task<string> GetPlaceAsync(int id); }
        interface ILibrary { Task<string> GetBookAsync(string isbn); }

        class C
        {
            async Task<string> DescribeAsync(IMaps maps, ILibrary library)
            {
                var place = {|ASYNC301:await maps.GetPlaceAsync(1)|};
                var book = await library.GetBookAsync("isbn");
                return place + book;
            }
        }
        """, """
        using System.Threading.Tasks;

        interface IMaps { Task<string> GetPlaceAsync(int id); }
        interface ILibrary { Task<string> GetBookAsync(string isbn); }

        class C
        {
            async Task<string> DescribeAsync(IMaps maps, ILibrary library)
            {
                var placeTask = maps.GetPlaceAsync(1);
                var bookTask = library.GetBookAsync("isbn");
                await Task.WhenAll(placeTask, bookTask);
                var place = await placeTask;
                var book = await bookTask;
                return place + book;
            }
        }
        """, AsyncLint.CodeFixes.FanOut.ASYNC301SequentialAwaitsCodeFix.TaskListKey);

    [Fact]
    public Task Field_loads_become_a_task_list() => VerifyFix.CodeFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class ComponentBase
        {
            protected virtual Task OnInitializedAsync() => Task.CompletedTask;
        }

        class Dashboard : ComponentBase
        {
            private readonly HttpClient http = new HttpClient();
            private string? forecasts;
            private string? users;

            protected override async Task OnInitializedAsync()
            {
                forecasts = {|ASYNC301:await http.GetStringAsync("/forecasts")|};
                users = await http.GetStringAsync("/users");
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;

        class ComponentBase
        {
            protected virtual Task OnInitializedAsync() => Task.CompletedTask;
        }

        class Dashboard : ComponentBase
        {
            private readonly HttpClient http = new HttpClient();
            private string? forecasts;
            private string? users;

            protected override async Task OnInitializedAsync()
            {
                var forecastsTask = http.GetStringAsync("/forecasts");
                var usersTask = http.GetStringAsync("/users");
                await Task.WhenAll(forecastsTask, usersTask);
                forecasts = await forecastsTask;
                users = await usersTask;
            }
        }
        """, AsyncLint.CodeFixes.FanOut.ASYNC301SequentialAwaitsCodeFix.TaskListKey);

    [Fact]
    public Task Static_helper_calls_and_a_file_read_become_a_task_list() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Api
        {
            private static readonly HttpClient Http = new HttpClient();

            public static Task<string> GetAsync(string path) => Http.GetStringAsync(path);
        }

        class C
        {
            async Task<string> LoadAsync()
            {
                var users = {|ASYNC301:await Api.GetAsync("/users")|};
                var orders = await Api.GetAsync("/orders");
                var text = await File.ReadAllTextAsync("a.txt");
                return users + orders + text;
            }
        }
        """, """
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Api
        {
            private static readonly HttpClient Http = new HttpClient();

            public static Task<string> GetAsync(string path) => Http.GetStringAsync(path);
        }

        class C
        {
            async Task<string> LoadAsync()
            {
                var usersTask = Api.GetAsync("/users");
                var ordersTask = Api.GetAsync("/orders");
                var textTask = File.ReadAllTextAsync("a.txt");
                await Task.WhenAll(usersTask, ordersTask, textTask);
                var users = await usersTask;
                var orders = await ordersTask;
                var text = await textTask;
                return users + orders + text;
            }
        }
        """, AsyncLint.CodeFixes.FanOut.ASYNC301SequentialAwaitsCodeFix.TaskListKey);

    [Fact]
    public Task Repository_and_remote_service_become_a_task_list() => VerifyFix.CodeFixAsync("""
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
        """, """
        using System.Threading.Tasks;

        interface IUserRepository { Task<string> GetNameAsync(int id); }
        interface IWeatherClient { Task<string> GetForecastAsync(string city); }

        class C
        {
            async Task<string> DescribeAsync(IUserRepository users, IWeatherClient weather, int id)
            {
                var nameTask = users.GetNameAsync(id);
                var forecastTask = weather.GetForecastAsync("Oslo");
                await Task.WhenAll(nameTask, forecastTask);
                var name = await nameTask;
                var forecast = await forecastTask;
                return name + forecast;
            }
        }
        """, AsyncLint.CodeFixes.FanOut.ASYNC301SequentialAwaitsCodeFix.TaskListKey);

    [Fact]
    public Task Services_over_different_state_become_a_task_list() => VerifyFix.CodeFixAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        class UserService
        {
            public Task<string> GetNameAsync(int id) => Task.FromResult("n");
        }

        class WeatherService
        {
            private readonly HttpClient http = new HttpClient();
            public Task<string> GetForecastAsync(string city) => http.GetStringAsync(city);
        }

        class ProfileController
        {
            private readonly UserService users = new UserService();
            private readonly WeatherService weather = new WeatherService();

            public async Task<string> GetAsync(int id)
            {
                var name = {|ASYNC301:await users.GetNameAsync(id)|};
                var forecast = await weather.GetForecastAsync("Oslo");
                return name + forecast;
            }
        }
        """, """
        using System.Net.Http;
        using System.Threading.Tasks;

        class UserService
        {
            public Task<string> GetNameAsync(int id) => Task.FromResult("n");
        }

        class WeatherService
        {
            private readonly HttpClient http = new HttpClient();
            public Task<string> GetForecastAsync(string city) => http.GetStringAsync(city);
        }

        class ProfileController
        {
            private readonly UserService users = new UserService();
            private readonly WeatherService weather = new WeatherService();

            public async Task<string> GetAsync(int id)
            {
                var nameTask = users.GetNameAsync(id);
                var forecastTask = weather.GetForecastAsync("Oslo");
                await Task.WhenAll(nameTask, forecastTask);
                var name = await nameTask;
                var forecast = await forecastTask;
                return name + forecast;
            }
        }
        """, AsyncLint.CodeFixes.FanOut.ASYNC301SequentialAwaitsCodeFix.TaskListKey);
}
