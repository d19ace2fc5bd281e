using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>Held-out-style static helpers: one that holds a single connection is a shared receiver in disguise.</summary>
public sealed class ASYNC301SnippetStaticStateTests
{
    [Fact]
    public Task Trap_static_helper_over_one_static_connection() => Verify.AnalyzerAsync("""
        using System.Data.Common;
        using System.Threading.Tasks;

        static class Database
        {
            private static DbConnection? connection;

            public static Task<int> CountAsync(string table)
            {
                var command = connection!.CreateCommand();
                command.CommandText = "select count(*) from " + table;
                return Task.FromResult(0);
            }
        }

        class C
        {
            async Task<int> TotalAsync()
            {
                var users = await Database.CountAsync("users");
                var orders = await Database.CountAsync("orders");
                return users + orders;
            }
        }
        """);

    [Fact]
    public Task Static_helpers_without_shared_connection_state_are_reported() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class Api
        {
            private static readonly HttpClient Http = new HttpClient();

            public static Task<string> GetAsync(string path) => Http.GetStringAsync(path);
        }

        class C
        {
            async Task<string> LoadAsync()
            {
                var users = {|ASYNC301:await Api.GetAsync("/users")|};
                var orders = await Api.GetAsync("/orders");
                var text = await File.ReadAllTextAsync("a.txt");
                return users + orders + text;
            }
        }
        """);
}
