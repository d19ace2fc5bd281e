using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A method of the project that does its work and then returns <c>Task.FromResult(…)</c> hands back a complete task:
/// reading its result does not block. A stub (<c>=&gt; Task.FromResult(x)</c>) stands for real async work.
/// </summary>
public sealed class ASYNC101CompletedSourceMethodTests
{
    [Fact]
    public Task Result_of_a_method_that_works_then_returns_FromResult_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Settings { }

        class SniTests
        {
            static readonly Dictionary<string, Settings> Map = new();

            static Task<Settings> SelectCertificate(string host)
            {
                if (!Map.ContainsKey(host)) throw new ArgumentException(host);
                return Task.FromResult(Map[host]);
            }

            async Task SetupAsync(string host)
            {
                var settings = SelectCertificate(host).Result;
                await Task.Yield();
                Console.WriteLine(settings);
            }
        }
        """);

    [Fact]
    public Task Result_of_a_stub_or_an_overridable_method_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Loader
        {
            Task<string> LoadAsync() => Task.FromResult("x");

            protected virtual Task<string> Select(string host)
            {
                Console.WriteLine(host);
                return Task.FromResult(host);
            }

            async Task RunAsync()
            {
                var a = {|ASYNC101:LoadAsync().Result|};
                var b = {|ASYNC101:Select("h").Result|};
                await Task.Yield();
                Console.WriteLine(a + b);
            }
        }
        """);
}
