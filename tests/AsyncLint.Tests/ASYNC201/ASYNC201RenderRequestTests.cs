using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// <c>InvokeAsync(StateHasChanged)</c> in a Blazor component only queues a render on the renderer's dispatcher; other work
/// handed to <c>InvokeAsync</c> is the caller's code, whose failure the dropped task would hold.
/// </summary>
public sealed class ASYNC201RenderRequestTests
{
    private const string Blazor = """
        using System;
        using System.Threading.Tasks;

        namespace Microsoft.AspNetCore.Components
        {
            public abstract class Dispatcher
            {
                public abstract Task InvokeAsync(Action workItem);
            }

            public abstract class ComponentBase
            {
                protected Task InvokeAsync(Action workItem) { workItem(); return Task.CompletedTask; }
                protected Task InvokeAsync(Func<Task> workItem) => workItem();
                protected void StateHasChanged() { }
            }
        }

        """;

    [Fact]
    public Task Render_requests_from_setters_and_handlers_are_silent() => VerifyCS.AnalyzerAsync(Blazor + """
        namespace App
        {
            using System;
            using Microsoft.AspNetCore.Components;

            public class Pager : ComponentBase
            {
                private int page;
                private readonly Dispatcher dispatcher = null!;

                public int Page
                {
                    get => page;
                    set { page = value; InvokeAsync(StateHasChanged); }
                }

                private void OnRefreshRequested(object? sender, EventArgs e) => InvokeAsync(() => StateHasChanged());

                private void OnTick(object? state) => dispatcher.InvokeAsync(StateHasChanged);
            }
        }
        """);

    [Fact]
    public Task Other_work_marshalled_and_dropped_is_reported() => VerifyCS.AnalyzerAsync(Blazor + """
        namespace App
        {
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;

            public class Pager : ComponentBase
            {
                private int rows;

                public int RowsPerPage
                {
                    set => {|ASYNC201:InvokeAsync(() => ReloadAsync(value))|};
                }

                public void Next()
                {
                    {|ASYNC201:InvokeAsync(() => { rows++; StateHasChanged(); })|};
                }

                private Task ReloadAsync(int count) => Task.Delay(count);
            }
        }

        namespace Lookalike
        {
            using System;
            using System.Threading.Tasks;

            public abstract class ComponentBase
            {
                protected Task InvokeAsync(Action workItem) => Task.Run(workItem);
                protected void StateHasChanged() { }
            }

            public class Widget : ComponentBase
            {
                public void Refresh() => {|ASYNC201:InvokeAsync(StateHasChanged)|};
            }
        }
        """);

    [Fact]
    public Task Render_request_behind_a_state_test_or_a_second_dispatch_is_silent() => VerifyCS.AnalyzerAsync(Blazor + """
        namespace App
        {
            using Microsoft.AspNetCore.Components;

            public class Ticker : ComponentBase
            {
                private bool disposed;

                protected bool IsDisposed => disposed;

                private void OnTick(object? state) => InvokeAsync(() => { if (!IsDisposed) StateHasChanged(); });

                private void OnResize(object? state) => InvokeAsync(() => { if (!disposed && state is not null) { StateHasChanged(); } });

                private void OnSlide() => InvokeAsync(async () => await InvokeAsync(StateHasChanged).ConfigureAwait(false));
            }
        }
        """);

    [Fact]
    public Task Render_request_behind_a_call_or_beside_other_work_is_reported() => VerifyCS.AnalyzerAsync(Blazor + """
        namespace App
        {
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Components;

            public class Ticker : ComponentBase
            {
                private int ticks;

                private bool ShouldRender() { ticks++; return ticks % 2 == 0; }

                private void OnTick(object? state) => {|ASYNC201:InvokeAsync(() => { if (ShouldRender()) StateHasChanged(); })|};

                private void OnCount(object? state) => {|ASYNC201:InvokeAsync(() => { if (ticks > 0) StateHasChanged(); else ticks++; })|};

                private void OnSlide() => {|ASYNC201:InvokeAsync(async () => await InvokeAsync(() => ReloadAsync()))|};

                private void OnSave() => {|ASYNC201:InvokeAsync(async () => { await InvokeAsync(StateHasChanged); await ReloadAsync(); })|};

                private Task ReloadAsync() => Task.Delay(ticks);
            }
        }
        """);
}
