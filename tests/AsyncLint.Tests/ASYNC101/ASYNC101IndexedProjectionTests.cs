using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// <c>await Task.WhenAll(items.Select(item =&gt; item.Work))</c>, then <c>items[i].Work.Result</c> by index (an array or a
/// list): every element's <c>Work</c> is complete, as in the <c>foreach</c> form. Assigning another member of an element
/// changes nothing; assigning <c>Work</c> of an element, adding an element, or reading a member the projection did not
/// await keeps the report.
/// </summary>
public sealed class ASYNC101IndexedProjectionTests
{
    private const string Holder = """

        class Holder
        {
            public Task<string> Work = Task.FromResult("");
            public Task<int> Other = Task.FromResult(0);
            public string Name { get; set; } = "";
        }
        """;

    [Fact]
    public Task Indexed_read_after_awaiting_the_projection_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class Pages
        {
            static Task<string> LoadAsync() => Task.Run(() => "x");
            static Task<int> CountAsync() => Task.Run(() => 1);

            async Task<string> FromArray()
            {
                var items = new[] { new Holder { Work = LoadAsync() }, new Holder { Work = LoadAsync() } };
                await Task.WhenAll(items.Select(h => h.Work));
                var text = "";
                for (var i = 0; i < items.Length; i++)
                {
                    items[i].Other = CountAsync();
                    items[i].Name = "done";
                    text += items[i].Work.Result;
                }

                return text + items[0].Work.Result;
            }

            async Task<int> FromList(List<Holder> items)
            {
                await Task.WhenAll(items.Select(h => h.Work).ToArray());
                return items[0].Work.Result.Length;
            }
        }
        """ + Holder);

    [Fact]
    public Task Indexed_reads_without_the_proof_are_still_told() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class Pages
        {
            static Task<string> LoadAsync() => Task.Run(() => "x");

            async Task<string> NoWhenAll()
            {
                var items = new[] { new Holder { Work = LoadAsync() } };
                await Task.Yield();
                return {|ASYNC101:items[0].Work.Result|};
            }

            async Task<int> OtherMember()
            {
                var items = new[] { new Holder { Work = LoadAsync() } };
                await Task.WhenAll(items.Select(h => h.Work));
                return {|ASYNC101:items[0].Other.Result|};
            }

            async Task<string> Reassigned()
            {
                var items = new[] { new Holder { Work = LoadAsync() } };
                await Task.WhenAll(items.Select(h => h.Work));
                items[0].Work = LoadAsync();
                return {|ASYNC101:items[0].Work.Result|};
            }

            async Task<string> Added(List<Holder> items)
            {
                await Task.WhenAll(items.Select(h => h.Work));
                items.Add(new Holder { Work = LoadAsync() });
                return {|ASYNC101:items[1].Work.Result|};
            }
        }
        """ + Holder);
}
