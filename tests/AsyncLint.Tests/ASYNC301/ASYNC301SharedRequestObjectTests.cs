using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// Awaits that share one connection through the object it is kept in: one call is handed <c>request.Connection</c>, the
/// others <c>request</c>. One connection runs one command at a time.
/// </summary>
public sealed class ASYNC301SharedRequestObjectTests
{
    [Fact]
    public Task Calls_sharing_a_connection_through_a_request_object_are_silent() => Verify.AnalyzerAsync("""
        using System;
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Request
        {
            public DbConnection Connection { get; init; } = null!;
            public DbTransaction? Transaction { get; init; }
            public string Name { get; init; } = "";
        }

        public static class CommandText
        {
            static async Task<string[]> TargetFieldsAsync(DbConnection connection, string name, DbTransaction? tx, CancellationToken ct)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = tx;
                command.CommandText = "select 1 from " + name;
                await command.ExecuteScalarAsync(ct);
                return Array.Empty<string>();
            }

            static async Task<string?> PrimaryAsync(Request request, CancellationToken ct)
            {
                var fields = await TargetFieldsAsync(request.Connection, request.Name, request.Transaction, ct);
                return fields.Length > 0 ? fields[0] : null;
            }

            static async Task<string?> IdentityAsync(Request request, CancellationToken ct)
            {
                var fields = await TargetFieldsAsync(request.Connection, request.Name, request.Transaction, ct);
                return fields.Length > 1 ? fields[1] : null;
            }

            public static async Task<string> InsertTextAsync(Request request, CancellationToken ct)
            {
                var fields = await TargetFieldsAsync(request.Connection, request.Name, request.Transaction, ct);
                var primary = await PrimaryAsync(request, ct);
                var identity = await IdentityAsync(request, ct);
                return $"insert into {request.Name} ({string.Join(",", fields)}) /* {primary} {identity} */";
            }
        }
        """);

    [Fact]
    public Task A_shared_object_that_keeps_no_connection_is_reported() => Verify.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class PageRequest
        {
            public Uri First { get; init; } = null!;
            public Uri Second { get; init; } = null!;
        }

        public static class Pages
        {
            static async Task<string> FetchAsync(HttpClient http, Uri uri, CancellationToken ct) => await http.GetStringAsync(uri, ct);

            public static async Task<string> BothAsync(HttpClient http, PageRequest request, CancellationToken ct)
            {
                var a = {|ASYNC301:await FetchAsync(http, request.First, ct)|};
                var b = await FetchAsync(http, request.Second, ct);
                return a + b;
            }
        }
        """);
}
