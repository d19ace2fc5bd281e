using AsyncLint.Tests.Verifiers;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC103;

public sealed class ASYNC103PositiveTests
{
    [Fact]
    public Task Sleep_in_async_method() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task LoadAsync()
            {
                {|ASYNC103:Thread.Sleep(100)|};
                await Task.CompletedTask;
            }
        }
        """);

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("Timeout.Infinite")]
    [InlineData("TimeSpan.FromSeconds(1)")]
    public Task Sleep_of_any_duration(string duration) => VerifyCS.AnalyzerAsync($$"""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task PollAsync()
            {
                {|ASYNC103:Thread.Sleep({{duration}})|};
                await Task.CompletedTask;
            }
        }
        """);

    [Fact]
    public Task Sleep_in_async_lambda_local_function_and_anonymous_method() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void Register()
            {
                Func<Task> lambda = async () => {|ASYNC103:Thread.Sleep(10)|};
                Func<Task> anonymous = async delegate { {|ASYNC103:Thread.Sleep(10)|}; await Task.Yield(); };

                async Task LocalAsync()
                {
                    {|ASYNC103:Thread.Sleep(10)|};
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task Sleep_in_async_Main_and_ValueTask_methods() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Program
        {
            static async Task Main()
            {
                {|ASYNC103:Thread.Sleep(10)|};
                await Task.Yield();
            }

            static async ValueTask<int> CountAsync()
            {
                {|ASYNC103:Thread.Sleep(10)|};
                await Task.Yield();
                return 1;
            }
        }
        """);

    [Fact]
    public Task Sleep_in_top_level_statements() => VerifyCS.ProgramAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        await Task.Yield();
        {|ASYNC103:Thread.Sleep(10)|};
        """);

    [Fact]
    public Task Sleep_in_async_void_and_catch_and_finally() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async void OnClick(object sender, EventArgs e)
            {
                try
                {
                    await Task.Yield();
                }
                catch (Exception)
                {
                    {|ASYNC103:Thread.Sleep(10)|};
                }
                finally
                {
                    {|ASYNC103:Thread.Sleep(10)|};
                }
            }
        }
        """);

    [Fact]
    public Task Sleep_inside_lock_is_reported_too() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly object gate = new();

            async Task WorkAsync()
            {
                await Task.Yield();
                lock (gate)
                {
                    {|ASYNC103:Thread.Sleep(10)|};
                }
            }
        }
        """);

    [Fact]
    public Task Works_on_net8() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task LoadAsync()
            {
                {|ASYNC103:Thread.Sleep(100)|};
                await Task.CompletedTask;
            }
        }
        """, TargetFramework.Net80);
}
