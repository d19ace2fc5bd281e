using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// A provider adapter that may or may not offer the async half hands it over as a delegate named for it
/// (<c>CreateWriterAsync</c>): <c>if (adapter.CreateWriterAsync != null) return await CopyRowsAsync(…);</c> and then the
/// synchronous <c>CopyRows(…)</c> is the fallback where the async half is missing, the same choice as a mode flag. Without
/// that earlier branch, or with a delegate named for something else, the synchronous call stays reported.
/// </summary>
public sealed class ASYNC105AsyncCapabilityFallbackTests
{
    private const string Adapter = """

        sealed class WriterAdapter
        {
            public Func<string, IDisposable>? CreateWriter;
            public Func<string, CancellationToken, Task<IDisposable>>? CreateWriterAsync;
            public Func<string, IDisposable>? OnProgress;
        }

        sealed class Rows
        {
            public long CopyRows(string table, IReadOnlyList<int> rows)
            {
                System.IO.File.AppendAllText(table, rows.Count.ToString());
                return rows.Count;
            }
            public Task<long> CopyRowsAsync(string table, IReadOnlyList<int> rows, CancellationToken token) => Task.FromResult((long)rows.Count);
        }
        """;

    [Fact]
    public Task Synchronous_fallback_after_the_async_capability_branch_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class BulkCopier
        {
            private readonly WriterAdapter adapter = new();
            private readonly Rows rows = new();

            public async Task<long> CopyAsync(string table, List<int> list, CancellationToken token)
            {
                await Task.Yield();
                if (adapter.CreateWriterAsync != null)
                    return await rows.CopyRowsAsync(table, list, token);

                if (adapter.CreateWriter != null)
                    return rows.CopyRows(table, list.AsReadOnly());

                return 0;
            }

            public async Task<long> CopyWithPatternAsync(string table, List<int> list, CancellationToken token)
            {
                var createAsync = adapter.CreateWriterAsync;
                if (createAsync is not null)
                {
                    return await rows.CopyRowsAsync(table, list, token);
                }

                return rows.CopyRows(table, list);
            }
        }
        """ + Adapter);

    [Fact]
    public Task Synchronous_call_without_the_capability_branch_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class BulkCopier
        {
            private readonly WriterAdapter adapter = new();
            private readonly Rows rows = new();

            public async Task<long> NoAsyncBranchAsync(string table, List<int> list, CancellationToken token)
            {
                await Task.Yield();
                if (adapter.CreateWriter != null)
                    return {|ASYNC105:rows.CopyRows(table, list)|};

                return 0;
            }

            public async Task<long> OtherDelegateAsync(string table, List<int> list, CancellationToken token)
            {
                if (adapter.OnProgress != null)
                {
                    await Task.Delay(10, token);
                    return 0;
                }

                return {|ASYNC105:rows.CopyRows(table, list)|};
            }
        }
        """ + Adapter);
}
