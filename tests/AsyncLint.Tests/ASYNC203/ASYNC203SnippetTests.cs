using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>
/// Held-out-style snippets for async void: the guarded fire-and-forget helper (dotnet/roslyn #13897's
/// <c>FireAndForget(this Task)</c>), console and timer handlers (vs-threading #447, #720).
/// </summary>
public sealed class ASYNC203SnippetTests
{
    [Fact]
    public Task Trap_guarded_fire_and_forget_helper_on_a_task() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static async void FireAndForget(this Task task, Action<Exception>? onError = null)
            {
                try
                {
                    await task.ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    onError?.Invoke(ex);
                }
            }

            public static async void Forget<T>(this ValueTask<T> task)
            {
                try { await task; }
                catch { }
            }
        }

        class C
        {
            Task SaveAsync() => Task.CompletedTask;

            void Save() => SaveAsync().FireAndForget(Console.WriteLine);
        }
        """);

    [Fact]
    public Task Unguarded_helper_or_one_that_awaits_something_else_is_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static async void {|ASYNC203:FireAndForget|}(this Task task)
            {
                await task;
            }

            public static async void {|ASYNC203:Rethrow|}(this Task task)
            {
                try { await task; }
                catch (Exception ex) { Console.WriteLine(ex); throw; }
            }
        }

        class C
        {
            async void {|ASYNC203:Refresh|}(Task pending)
            {
                try { await Task.Delay(1); }
                catch { }
            }
        }
        """);

    [Fact]
    public Task Trap_console_cancel_and_timer_elapsed_handlers() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using System.Timers;

        class Service
        {
            private readonly Timer timer = new Timer(1000);

            public void Start()
            {
                Console.CancelKeyPress += OnCancel;
                timer.Elapsed += OnElapsed;
            }

            private async void OnCancel(object? sender, ConsoleCancelEventArgs e) => await Task.Delay(1);

            private async void OnElapsed(object? sender, ElapsedEventArgs e) => await Task.Delay(1);
        }
        """);
}
