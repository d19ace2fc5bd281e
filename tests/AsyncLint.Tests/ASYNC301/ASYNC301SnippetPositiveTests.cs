using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>Held-out-style independent awaits next to the ordered ones their names resemble.</summary>
public sealed class ASYNC301SnippetPositiveTests
{
    [Fact]
    public Task Lookups_whose_nouns_are_also_verbs_are_still_independent() => Verify.AnalyzerAsync("""
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
        """);

    [Fact]
    public Task Blazor_initialization_loading_two_resources() => Verify.AnalyzerAsync("""
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
        """);
}
