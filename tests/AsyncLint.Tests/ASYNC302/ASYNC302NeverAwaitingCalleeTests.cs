using Verify302 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;
using Verify301 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>
/// An async method of the project whose body never awaits runs to its end before it returns a completed task: awaiting
/// several in turn runs the same work in the same order as starting them together would. A one-statement stub stands for
/// real work (as in a sample), and a method that awaits anything keeps the report.
/// </summary>
public sealed class ASYNC302NeverAwaitingCalleeTests
{
    private const string Pages = """
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        public class Page { public string Title = ""; public int Size; }

        public class Pages
        {
            private readonly HttpClient http = new HttpClient();

        #pragma warning disable CS1998 // kept async for its callers; parses what is already in memory
            internal static async Task<Page> ParseAsync(IDictionary<string, object> item)
            {
                var page = new Page { Title = (string)item["Title"] };
                page.Size = page.Title.Length;
                return page;
            }

            internal static async Task<Page> ParseIfPageAsync(IDictionary<string, object> item)
            {
                if (item.ContainsKey("Title"))
                {
                    var page = new Page { Title = (string)item["Title"] };
                    return page;
                }
                else
                {
                    return null!;
                }
            }

            internal static async Task<Page> StubArrowAsync(IDictionary<string, object> item) => new Page();

            internal static async Task<Page> StubAsync(IDictionary<string, object> item)
            {
                return new Page();
            }

        #pragma warning restore CS1998

            internal static async Task<Page> FetchAsync(HttpClient http, IDictionary<string, object> item)
            {
                var page = new Page { Title = (string)item["Title"] };
                page.Size = (await http.GetStringAsync(page.Title)).Length;
                return page;
            }

        """;

    [Fact]
    public Task A_loop_awaiting_an_async_method_that_never_awaits_is_silent() => Verify302.AnalyzerAsync(Pages + """
            public async Task<List<Page>> LoadAsync(IEnumerable<IDictionary<string, object>> items)
            {
                var pages = new List<Page>();
                foreach (var item in items)
                {
                    var page = await ParseAsync(item);
                    pages.Add(page);
                }

                foreach (var item in items)
                {
                    var page = await ParseIfPageAsync(item).ConfigureAwait(false);
                    if (page != null)
                    {
                        pages.Add(page);
                    }
                }

                return pages;
            }
        }
        """);

    [Fact]
    public Task Consecutive_awaits_of_such_methods_are_silent() => Verify301.AnalyzerAsync(Pages + """
            public async Task<int> SizeAsync(IDictionary<string, object> a, IDictionary<string, object> b)
            {
                var first = await ParseAsync(a);
                var second = await ParseAsync(b);
                return first.Size + second.Size;
            }
        }
        """);

    [Fact]
    public Task A_stub_or_a_method_that_awaits_is_reported() => Verify302.AnalyzerAsync(Pages + """
        }

        public static class Loader
        {
            public static async Task<List<Page>> StubsAsync(IEnumerable<IDictionary<string, object>> items)
            {
                var pages = new List<Page>();
                foreach (var item in items)
                {
                    pages.Add({|ASYNC302:await Pages.StubAsync(item)|});
                }

                return pages;
            }

            public static async Task<List<Page>> ArrowStubsAsync(IEnumerable<IDictionary<string, object>> items)
            {
                var pages = new List<Page>();
                foreach (var item in items)
                {
                    pages.Add({|ASYNC302:await Pages.StubArrowAsync(item)|});
                }

                return pages;
            }

            public static async Task<List<Page>> FetchAllAsync(HttpClient http, IEnumerable<IDictionary<string, object>> items)
            {
                var pages = new List<Page>();
                foreach (var item in items)
                {
                    pages.Add({|ASYNC302:await Pages.FetchAsync(http, item)|});
                }

                return pages;
            }
        }
        """);
}
