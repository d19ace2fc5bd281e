using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// Project helpers that each put a question to the person at the screen are a conversation, kept in order; helpers that
/// each fetch something are still independent.
/// </summary>
public sealed class ASYNC301PromptHelperTests
{
    private const string Console = """
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Terminal
        {
            public interface IConsole { }

            public sealed class YesNoPrompt
            {
                public YesNoPrompt(string question) { }
                public Task<bool> ShowAsync(IConsole console, CancellationToken token) => Task.FromResult(true);
            }

            public interface IDialogs
            {
                Task<bool> ConfirmAsync(string question);
                Task<string> PromptAsync(string question);
            }
        }

        """;

    [Fact]
    public Task Helpers_that_each_ask_a_question_keep_their_order() => VerifyCS.AnalyzerAsync(Console + """
        namespace App
        {
            using Terminal;

            public static class NewProject
            {
                public static async Task<int> AskAsync(IConsole console, IDialogs dialogs, CancellationToken token)
                {
                    var tests = await IncludeTestsAsync(console, token);
                    var docker = await IncludeDockerAsync(console, token);
                    var name = await ProjectNameAsync(dialogs);
                    return (tests ? 1 : 0) + (docker ? 2 : 0) + name.Length;
                }

                private static async Task<bool> IncludeTestsAsync(IConsole console, CancellationToken token)
                    => await new YesNoPrompt("Add tests?").ShowAsync(console, token);

                private static async Task<bool> IncludeDockerAsync(IConsole console, CancellationToken token)
                {
                    var answer = await new Terminal.YesNoPrompt("Add Docker?").ShowAsync(console, token).ConfigureAwait(false);
                    return answer;
                }

                private static async Task<string> ProjectNameAsync(IDialogs dialogs)
                    => await dialogs.PromptAsync("Name?");
            }
        }
        """);

    [Fact]
    public Task Helpers_that_each_fetch_are_still_reported() => VerifyCS.AnalyzerAsync(Console + """
        namespace App
        {
            public static class Downloads
            {
                public static async Task<int> FetchAsync(HttpClient http, CancellationToken token)
                {
                    var a = {|ASYNC301:await TextAsync(http, "https://example.org/a", token)|};
                    var b = await TextAsync(http, "https://example.org/b", token);
                    return a.Length + b.Length;
                }

                private static async Task<string> TextAsync(HttpClient http, string url, CancellationToken token)
                    => await http.GetStringAsync(url, token);
            }
        }
        """);
}
