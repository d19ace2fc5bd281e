using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A Blazor component's own render-request wrapper (<c>async Task ChangeState() { await InvokeAsync(StateHasChanged); }</c>)
/// handed to <c>InvokeAsync</c>, as a method group or a lambda that only calls it: the same render request as
/// <c>InvokeAsync(StateHasChanged)</c>. A wrapper that also does work (a reload) is still told.
/// </summary>
public sealed class ASYNC201RenderWrapperTests
{
    private const string Components = """

        namespace Microsoft.AspNetCore.Components
        {
            public abstract class ComponentBase
            {
                protected void StateHasChanged() { }
                protected Task InvokeAsync(Func<Task> work) => work();
                protected Task InvokeAsync(Action work) { work(); return Task.CompletedTask; }
            }
        }
        """;

    [Fact]
    public Task Render_wrapper_handed_to_InvokeAsync_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Components;

        public sealed class Grid : ComponentBase
        {
            internal async Task ChangeState()
            {
                await InvokeAsync(StateHasChanged);
            }

            internal Task Reload() => Task.Delay(10);

            public void RequestRender(Grid other)
            {
                InvokeAsync(ChangeState);
                InvokeAsync(() => other.ChangeState());
            }

            public void RequestReload()
            {
                {|ASYNC201:InvokeAsync(Reload)|};
            }
        }
        """ + Components);
}
