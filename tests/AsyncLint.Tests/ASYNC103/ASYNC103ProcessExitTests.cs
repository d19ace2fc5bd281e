using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC103;

/// <summary>A pause right before the process ends starves nothing: whatever still runs ends with the process.</summary>
public sealed class ASYNC103ProcessExitTests
{
    [Fact]
    public Task Sleep_right_before_Environment_Exit_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        static class Program
        {
            public static async Task<int> RunAsync(string url)
            {
                try
                {
                    using var http = new HttpClient();
                    Console.WriteLine((await http.GetStringAsync(url)).Length);
                    return 0;
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex.Message);
                    Thread.Sleep(3000);
                    Console.ResetColor();
                    Console.WriteLine();
                    Environment.Exit(1);
                    return 1;
                }
            }

            public static async Task CrashAsync(Task work)
            {
                await work;
                Thread.Sleep(100);
                Environment.FailFast("unrecoverable");
            }
        }
        """);

    [Fact]
    public Task Sleep_on_the_normal_path_or_before_other_work_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        static class Program
        {
            public static async Task PollAsync(HttpClient http, string url, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    Console.WriteLine(await http.GetStringAsync(url, ct));
                    {|ASYNC103:Thread.Sleep(3000)|};
                }
            }

            public static async Task FailAsync(HttpClient http, string url)
            {
                await http.GetStringAsync(url);
                {|ASYNC103:Thread.Sleep(3000)|};
                File.Delete("temp.txt");
                Environment.Exit(1);
            }
        }
        """);
}
