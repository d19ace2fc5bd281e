using AsyncLint.Tests.Verifiers;
using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>Loops that look like independent fan-out and are not: one test per failed condition and "On real code" class.</summary>
public sealed class ASYNC302TrapTests
{
    private const string Services = ASYNC302PositiveTests.Services;

    [Fact]
    public Task Finalizing_each_tracker_in_turn_keeps_the_order_of_what_they_emit() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        interface IScenarioTracker
        {
            Task FinalizeTrackingAsync();
            Task FinishAsync(int code);
        }

        class FeatureTracker
        {
            async Task CloseAsync(List<IScenarioTracker> trackers)
            {
                foreach (var tracker in trackers)
                {
                    await tracker.FinalizeTrackingAsync();
                }

                foreach (var tracker in trackers)
                {
                    await tracker.FinishAsync(0);
                }
            }
        }
        """);

    [Fact]
    public Task Reading_each_tracker_in_turn_is_still_reported() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        interface IScenarioTracker { Task<string> GetFinalSummaryAsync(); }

        class FeatureTracker
        {
            async Task<List<string>> SummarizeAsync(List<IScenarioTracker> trackers)
            {
                var summaries = new List<string>();
                foreach (var tracker in trackers)
                {
                    summaries.Add({|ASYNC302:await tracker.GetFinalSummaryAsync()|});
                }

                return summaries;
            }
        }
        """);

    [Fact]
    public Task Condition5_break_out_of_the_loop() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string?> FindAsync(IUsers users, int[] ids)
            {
                string? found = null;
                foreach (var id in ids)
                {
                    var user = await users.GetUserAsync(id);
                    if (user.Length > 3) { found = user; break; }
                }

                return found;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition5_return_from_the_loop() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string?> FindAsync(IUsers users, int[] ids)
            {
                foreach (var id in ids)
                {
                    var user = await users.GetUserAsync(id);
                    if (user.Length > 3) return user;
                }

                return null;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition5_throw_out_of_the_loop() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task CheckAsync(IUsers users, int[] ids)
            {
                foreach (var id in ids)
                {
                    var user = await users.GetUserAsync(id);
                    if (user.Length == 0) throw new InvalidOperationException();
                }
            }
        }
        """ + Services);

    [Fact]
    public Task Condition5_yield_from_an_iterator() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async IAsyncEnumerable<string> StreamAsync(IUsers users, int[] ids)
            {
                foreach (var id in ids)
                {
                    yield return await users.GetUserAsync(id);
                }
            }
        }
        """ + Services);

    [Fact]
    public Task Condition5_goto_out_of_the_loop() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> CountAsync(IUsers users, int[] ids)
            {
                var n = 0;
                foreach (var id in ids)
                {
                    n += (await users.GetUserAsync(id)).Length;
                    if (n > 100) goto done;
                }

                done:
                return n;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition5_loop_carried_offset() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IPager { Task<int[]> GetPageAsync(int offset, int size); }

        class C
        {
            async Task<int> CountAsync(IPager pager, int[] sizes)
            {
                var offset = 0;
                foreach (var size in sizes)
                {
                    var page = await pager.GetPageAsync(offset, size);
                    offset += page.Length;
                }

                return offset;
            }
        }
        """);

    [Fact]
    public Task Condition5_await_foreach() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> CountAsync(IUsers users, IAsyncEnumerable<int> ids)
            {
                var n = 0;
                await foreach (var id in ids)
                {
                    n += (await users.GetUserAsync(id)).Length;
                }

                return n;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition5_tasks_already_started_awaited_in_turn() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> SumAsync(List<Task<int>> tasks)
            {
                var sum = 0;
                foreach (var t in tasks) sum += await t;
                foreach (var t in tasks) await t.ConfigureAwait(false);
                return sum;
            }
        }
        """);

    [Fact]
    public Task Condition3_one_stream_read_per_element() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task ReadAllAsync(Stream stream, byte[][] chunks)
            {
                foreach (var chunk in chunks)
                {
                    await stream.ReadExactlyAsync(chunk);
                }
            }
        }
        """);

    [Fact]
    public Task Condition3_one_buffer_shared_by_every_iteration() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IDevices { Task<int> FillAsync(int device, byte[] buffer); }

        class C
        {
            async Task<int> ReadAsync(IDevices devices, int[] ids, byte[] buffer)
            {
                var n = 0;
                foreach (var id in ids)
                {
                    n += await devices.FillAsync(id, buffer);
                }

                return n;
            }
        }
        """);

    [Fact]
    public Task Condition3_shared_concrete_stateful_receiver() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        sealed class Connection { public Task<string> QueryAsync(string sql) => Task.FromResult(sql); }

        class C
        {
            async Task<int> RunAsync(Connection connection, string[] queries)
            {
                var n = 0;
                foreach (var sql in queries)
                {
                    n += (await connection.QueryAsync(sql)).Length;
                }

                return n;
            }
        }
        """);

    [Fact]
    public Task Condition3_instance_method_on_this() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            private int calls;
            Task<int> LoadAsync(int id) { calls++; return Task.FromResult(id + calls); }

            async Task<int> RunAsync(int[] ids)
            {
                var n = 0;
                foreach (var id in ids) n += await LoadAsync(id);
                return n;
            }
        }
        """);

    [Fact]
    public Task Condition4_throttled_with_Task_Delay() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task NotifyAllAsync(IUsers users, int[] ids)
            {
                foreach (var id in ids)
                {
                    await users.GetUserAsync(id);
                    await Task.Delay(100);
                }
            }
        }
        """ + Services);

    [Fact]
    public Task Poll_repeating_the_same_call() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IJob { Task<bool> IsDoneAsync(string id); }

        class C
        {
            async Task<int> PollAsync(IJob job, string id)
            {
                var done = 0;
                for (var i = 0; i < 10; i++)
                {
                    if (await job.IsDoneAsync(id)) done++;
                }

                return done;
            }
        }
        """);

    [Fact]
    public Task Ordered_writes_per_element() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IStore { Task SaveAsync(string item); Task SendAsync(string item); }

        class C
        {
            async Task StoreAsync(IStore store, string[] items)
            {
                foreach (var item in items) await store.SaveAsync(item);
                foreach (var item in items) await store.SendAsync(item);
            }
        }
        """);

    [Fact]
    public Task Pipeline_hooks_run_in_registration_order() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Envelope { public Dictionary<string, string> Headers { get; } = new(); }

        interface IHook
        {
            ValueTask BeforeSendAsync(Envelope envelope, CancellationToken token);
            ValueTask AfterReceive(Envelope envelope, CancellationToken token);
        }

        class Pipeline
        {
            private readonly List<IHook> hooks = new();

            async Task SendAsync(Envelope envelope, CancellationToken token)
            {
                foreach (var hook in hooks)
                {
                    await hook.BeforeSendAsync(envelope, token).ConfigureAwait(false);
                }

                foreach (var hook in hooks)
                {
                    await hook.AfterReceive(envelope, token);
                }
            }
        }
        """);

    [Fact]
    public Task Event_raised_per_element() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            public Func<string, Task>? ItemReady;

            async Task RaiseAsync(string[] items)
            {
                foreach (var item in items) await ItemReady!(item);
                foreach (var item in items) await ItemReady!.Invoke(item);
            }
        }
        """);

    [Fact]
    public Task Counter_fed_to_the_operation() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface ISequencer { Task<string> LabelAsync(string item, int position); }

        class C
        {
            async Task LabelAsync(ISequencer sequencer, string[] items)
            {
                var position = 0;
                foreach (var item in items)
                {
                    await sequencer.LabelAsync(item, position);
                    position++;
                }
            }
        }
        """);

    [Fact]
    public Task Continue_before_the_await_is_a_filter_not_a_pure_statement() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> LoadAsync(IUsers users, int[] ids)
            {
                var list = new List<string>();
                foreach (var id in ids)
                {
                    if (id < 0) continue;
                    list.Add(await users.GetUserAsync(id));
                }

                return list;
            }
        }
        """ + Services);

    [Fact]
    public Task For_loop_whose_bound_the_body_changes() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task CrawlAsync(IPages pages, List<string> queue)
            {
                for (var i = 0; i < queue.Count; i++)
                {
                    var page = await pages.GetPageAsync(queue[i]);
                    queue.Add(page);
                }
            }
        }
        """ + Services);

    [Fact]
    public Task Two_awaits_per_iteration() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, int[] ids)
            {
                var n = 0;
                foreach (var id in ids)
                {
                    var user = await users.GetUserAsync(id);
                    n += await users.GetScoreAsync(id);
                }

                return n;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition3_a_command_on_one_shared_object_per_element() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task WarmAllAsync(IUsers users, int[] ids)
            {
                foreach (var id in ids) await users.WarmAsync(id);
            }
        }
        """ + Services);

    [Fact]
    public Task Condition3_configured_non_concurrent_type() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;

                namespace Acme { public interface IModbus { Task<int> ReadRegisterAsync(int address); } }

                class C
                {
                    async Task<int> SumAsync(Acme.IModbus bus, int[] addresses)
                    {
                        var sum = 0;
                        foreach (var address in addresses) sum += await bus.ReadRegisterAsync(address);
                        return sum;
                    }
                }
                """,
            },
            AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nasynclint.non_concurrent_types = Acme.IModbus\n") },
        },
    }.RunAsync();

    [Fact]
    public Task Each_iteration_takes_turns_on_a_shared_lock() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        readonly struct AwaitableMutex
        {
            public bool TryTake() => true;
            public void Release() { }
        }

        sealed class AsyncLock
        {
            public Task EnterAsync() => Task.CompletedTask;
        }

        class Worker
        {
            async Task RunAsync(IReadOnlyList<int> items, AwaitableMutex mutex, AsyncLock gate)
            {
                for (var i = 0; i < 100; i++)
                {
                    await CoreAsync(i, mutex);
                }

                foreach (var item in items)
                {
                    await StepAsync(item, gate);
                }
            }

            static Task CoreAsync(int iteration, AwaitableMutex mutex) => Task.CompletedTask;

            static Task StepAsync(int item, AsyncLock gate) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Registered_configuration_hooks_and_seeders_run_in_order() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class StoreOptions { public List<string> Schemas { get; } = new(); }

        interface IConfigureStore { Task Configure(StoreOptions options, CancellationToken token); }

        interface IInitialData { Task Populate(StoreOptions store, CancellationToken token); }

        sealed class Bootstrap
        {
            private readonly List<IConfigureStore> configures = new();
            private readonly List<IInitialData> seeders = new();
            private readonly StoreOptions options = new();

            public async Task StartAsync(CancellationToken token)
            {
                foreach (var configure in configures)
                {
                    await configure.Configure(options, token);
                }

                foreach (var seeder in seeders)
                {
                    await seeder.Populate(options, token);
                }
            }
        }
        """);

    [Fact]
    public Task Reconnecting_shards_keeps_their_order() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public interface IGatewayClient
        {
            ValueTask ReconnectAsync();
            Task AuthenticateAsync(string token);
        }

        class Orchestrator
        {
            async Task ReconnectAllAsync(IEnumerable<IGatewayClient> shards, string token)
            {
                // Gateways rate-limit identifies: the shards come back one at a time.
                foreach (var shard in shards)
                {
                    await shard.ReconnectAsync();
                }

                foreach (var shard in shards)
                {
                    await shard.AuthenticateAsync(token);
                }
            }
        }
        """);

    [Fact]
    public Task A_RabbitMQ_channel_handed_to_every_iteration_is_one_connection() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace RabbitMQ.Client
        {
            public interface IChannel { Task QueueUnbindAsync(string queue, string exchange); }
        }

        namespace App
        {
            using RabbitMQ.Client;

            public interface IBinding { Task TeardownAsync(IChannel channel); }

            class Exchange
            {
                async Task TeardownAsync(IEnumerable<IBinding> bindings, IChannel channel)
                {
                    foreach (var binding in bindings)
                    {
                        await binding.TeardownAsync(channel);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_service_of_a_project_that_uses_EF_Core_is_its_DbContext_in_every_iteration() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext { }
        }

        namespace Shop
        {
            public interface ITaxService { Task<decimal> GetTaxPercentAsync(long classId); }

            class OrderService
            {
                private readonly ITaxService tax;

                OrderService(ITaxService tax) => this.tax = tax;

                async Task<List<decimal>> RatesAsync(IEnumerable<long> classIds)
                {
                    var rates = new List<decimal>();
                    foreach (var id in classIds)
                    {
                        rates.Add(await tax.GetTaxPercentAsync(id));
                    }

                    return rates;
                }
            }
        }
        """);

    [Fact]
    public Task A_service_reached_through_a_facade_is_that_scope_in_every_iteration() => Verify.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Cms
        {
            public interface IPostService { Task<string> GetByIdAsync(Guid id); }
            public interface IPageService { Task<string> GetByIdAsync(Guid id); }
            public interface IContentApi : IDisposable { IPostService Posts { get; } IPageService Pages { get; } }

            class CommentList
            {
                private readonly IContentApi api;

                CommentList(IContentApi api) => this.api = api;

                async Task<List<string>> TitlesAsync(IEnumerable<Guid> ids)
                {
                    var titles = new List<string>();
                    foreach (var id in ids)
                    {
                        titles.Add(await api.Posts.GetByIdAsync(id));
                    }

                    return titles;
                }
            }
        }
        """);

    [Fact]
    public Task A_service_held_beside_a_repository_is_its_scope_in_every_iteration() => Verify.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Cms
        {
            public interface IArchiveRepository { Task<Guid[]> GetPostsAsync(Guid archiveId); }
            public interface IPostService { Task<string> GetByIdAsync(Guid id); }

            class ArchiveService
            {
                private readonly IArchiveRepository repo;
                private readonly IPostService posts;

                ArchiveService(IArchiveRepository repo, IPostService posts) { this.repo = repo; this.posts = posts; }

                async Task<List<string>> LoadAsync(IEnumerable<Guid> ids)
                {
                    var list = new List<string>();
                    foreach (var id in ids)
                    {
                        list.Add(await posts.GetByIdAsync(id));
                    }

                    return list;
                }
            }
        }
        """);

    [Fact]
    public Task A_loop_timed_with_a_stopwatch_measures_the_sequential_rate() => Verify.AnalyzerAsync("""
        using System;
        using System.Diagnostics;
        using System.Threading.Tasks;

        public interface ICache { Task<int> GetAsync(string key); }

        class Throughput
        {
            async Task<double> MeasureAsync(ICache cache, string[] keys)
            {
                var sw = Stopwatch.StartNew();
                foreach (var key in keys)
                {
                    await cache.GetAsync(key);
                }

                sw.Stop();
                return keys.Length / sw.Elapsed.TotalSeconds;
            }

            async Task<double> MeasureAgainAsync(ICache cache, string[] keys, Stopwatch sw)
            {
                sw.Restart();
                foreach (var key in keys)
                {
                    await cache.GetAsync(key);
                }

                return keys.Length / sw.Elapsed.TotalSeconds;
            }
        }
        """);

    private const string Xunit = """

        namespace Xunit
        {
            public sealed class FactAttribute : System.Attribute { }
        }
        """;

    private const string StatsTest = """
        using System;
        using System.Threading.Tasks;

        class QueueTests
        {
            [Xunit.Fact]
            public async Task Every_worker_reports_its_users()
            {
                foreach (var id in new[] { 1, 2, 3 })
                {
                    var user = AWAIT;
                    Console.WriteLine(user);
                }
            }

            public static IUsers Users = null!;
        }
        """;

    [Fact]
    public Task A_test_project_runs_its_loops_in_order()
        => Verify.AnalyzerAsync(StatsTest.Replace("AWAIT", "await Users.GetUserAsync(id)") + ASYNC302PositiveTests.Services + Xunit);

    [Fact]
    public Task A_test_project_is_reported_when_asked_for() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>
    {
        TestState =
        {
            Sources = { StatsTest.Replace("AWAIT", "{|ASYNC302:await Users.GetUserAsync(id)|}") + ASYNC302PositiveTests.Services + Xunit },
            AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nasynclint.fan_out_in_tests = true\n") },
        },
    }.RunAsync();

    [Fact]
    public Task A_folder_of_local_files_read_one_by_one() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        static class StateStore
        {
            public static async Task<List<string>> LoadAllAsync(string folder, CancellationToken ct)
            {
                var states = new List<string>();
                foreach (var path in Directory.GetFiles(folder, "state-*.json"))
                {
                    var state = await LoadAsync(path, ct);
                    states.Add(state);
                }

                var legacy = Path.Combine(folder, "state.json");
                var files = Directory.GetFiles(folder, "*.json");
                var paths = File.Exists(legacy) ? [.. files, legacy] : files;
                foreach (var path in paths)
                {
                    states.Add(await ReadAsync(path, ct));
                }

                foreach (var file in new DirectoryInfo(folder).EnumerateFiles("*.txt"))
                {
                    states.Add(await File.ReadAllTextAsync(file.FullName, ct));
                }

                return states;
            }

            private static Task<string> LoadAsync(string path, CancellationToken ct) => File.ReadAllTextAsync(path, ct);

            private static Task<string> ReadAsync(string path, CancellationToken ct) => File.ReadAllTextAsync(path, ct);
        }
        """);
}
