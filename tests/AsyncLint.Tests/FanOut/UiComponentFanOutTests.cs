using Verify301 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;
using Verify302 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.FanOut;

/// <summary>
/// Blazor components change their state and re-render on the renderer's one dispatcher: updating them one after another
/// is no fan-out. Requests a component makes are.
/// </summary>
public sealed class UiComponentFanOutTests
{
    private const string Blazor = """
        namespace Microsoft.AspNetCore.Components
        {
            public interface IComponent { }

            public abstract class ComponentBase : IComponent
            {
                protected System.Threading.Tasks.Task InvokeAsync(System.Action work) { work(); return System.Threading.Tasks.Task.CompletedTask; }
                protected void StateHasChanged() { }
            }
        }

        namespace App
        {
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;

            public class Panel : ComponentBase
            {
                private bool expanded;
                public async Task ExpandAsync() { expanded = true; await InvokeAsync(StateHasChanged); }
                public async Task CollapseAsync() { expanded = false; await InvokeAsync(StateHasChanged); }
            }
        }

        """;

    [Fact]
    public Task Child_components_updated_in_turn_are_silent() => Verify302.AnalyzerAsync(Blazor + """
        namespace App
        {
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;

            public class Panels : ComponentBase
            {
                private readonly List<Panel> panels = new();

                public async Task ExpandAllAsync()
                {
                    foreach (var panel in panels)
                    {
                        await panel.ExpandAsync();
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Two_components_updated_one_after_the_other_are_silent() => Verify301.AnalyzerAsync(Blazor + """
        namespace App
        {
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;

            public class Accordion : ComponentBase
            {
                private readonly Panel header = new();
                private readonly Panel body = new();

                public async Task SwapAsync()
                {
                    await header.CollapseAsync();
                    await body.ExpandAsync();
                }
            }
        }
        """);

    [Fact]
    public Task Requests_from_a_component_are_reported() => Verify302.AnalyzerAsync(Blazor + """
        namespace App
        {
            using System.Collections.Generic;
            using System.Net.Http;
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;

            public class Feed : ComponentBase
            {
                private readonly HttpClient http = new();

                public async Task<List<string>> LoadAllAsync(IEnumerable<string> urls)
                {
                    var list = new List<string>();
                    foreach (var url in urls)
                    {
                        list.Add({|ASYNC302:await http.GetStringAsync(url)|});
                    }

                    return list;
                }
            }
        }
        """);
}
