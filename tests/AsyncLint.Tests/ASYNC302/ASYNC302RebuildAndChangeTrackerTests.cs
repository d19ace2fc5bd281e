using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>
/// Loops that keep their order: a rebuild per element (<c>IndexTriggersAsync</c>, <c>RefreshAsync</c>: delete and
/// re-insert, reload and replace), EF Core change-tracker entries, which all run on one <c>DbContext</c>, and waits for
/// the readiness of work already running (a method that only waits on a signal it holds and passes it on). A read per
/// element on a service is still told.
/// </summary>
public sealed class ASYNC302RebuildAndChangeTrackerTests
{
    [Fact]
    public Task Rebuild_per_element_keeps_its_order() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public record Definition(string Id);
        public record IndexResult(int Count);

        public interface ITriggerIndexer
        {
            Task<IndexResult> IndexTriggersAsync(Definition definition, CancellationToken token);
            Task RefreshAsync(Definition definition, CancellationToken token);
            Task<IndexResult> GetIndexAsync(Definition definition, CancellationToken token);
        }

        public sealed class Refresher(ITriggerIndexer indexer)
        {
            public async Task RebuildAsync(IEnumerable<Definition> definitions, CancellationToken token)
            {
                foreach (var definition in definitions)
                {
                    await indexer.IndexTriggersAsync(definition, token);
                }

                foreach (var definition in definitions)
                {
                    await indexer.RefreshAsync(definition, token);
                }
            }

            public async Task<int> CountAsync(IEnumerable<Definition> definitions, CancellationToken token)
            {
                var total = 0;
                foreach (var definition in definitions)
                {
                    var index = {|ASYNC302:await indexer.GetIndexAsync(definition, token)|};
                    total += index.Count;
                }

                return total;
            }
        }
        """);

    [Fact]
    public Task Change_tracker_entries_share_one_context() => Verify.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore.ChangeTracking
        {
            public class PropertyValues { public void SetValues(PropertyValues values) { } }

            public class EntityEntry
            {
                public PropertyValues OriginalValues { get; } = new();
                public Task<PropertyValues?> GetDatabaseValuesAsync(CancellationToken token = default) => Task.FromResult<PropertyValues?>(new());
            }
        }

        namespace App
        {
            using Microsoft.EntityFrameworkCore.ChangeTracking;

            public sealed class ConcurrencyResolver
            {
                public async Task ResolveAsync(IReadOnlyList<EntityEntry> entries, CancellationToken token)
                {
                    foreach (var entry in entries)
                    {
                        var current = await entry.GetDatabaseValuesAsync(token);
                        if (current is null)
                        {
                            continue;
                        }

                        entry.OriginalValues.SetValues(current);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Waiting_for_readiness_signals_starts_nothing() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Watcher
        {
            private readonly SemaphoreSlim ready = new(0, 1);

            public void MarkReady() => ready.Release();

            public async Task ReadyAsync(CancellationToken token)
            {
                await ready.WaitAsync(token).ConfigureAwait(false);
                ready.Release();
            }

            public async Task<string> FetchAsync(CancellationToken token)
            {
                await ready.WaitAsync(token);
                return await Download(token);
            }

            private static Task<string> Download(CancellationToken token) => Task.FromResult("");
        }

        public sealed class Controller(List<Watcher> watchers)
        {
            public async Task RunAsync(CancellationToken token)
            {
                foreach (var watcher in watchers)
                {
                    await watcher.ReadyAsync(token);
                }
            }

            public async Task<int> FetchAllAsync(CancellationToken token)
            {
                var total = 0;
                foreach (var watcher in watchers)
                {
                    var text = {|ASYNC302:await watcher.FetchAsync(token)|};
                    total += text.Length;
                }

                return total;
            }
        }
        """);
}
