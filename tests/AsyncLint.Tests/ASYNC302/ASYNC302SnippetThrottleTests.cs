using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>Held-out-style loops that already bound their concurrency: the loop awaits a slot, not the work.</summary>
public sealed class ASYNC302SnippetThrottleTests
{
    [Fact]
    public Task Trap_semaphore_slot_awaited_per_element_before_starting_the_work() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAllAsync(HttpClient http, string[] urls)
            {
                using var throttle = new SemaphoreSlim(4);
                var tasks = new List<Task>();
                foreach (var url in urls)
                {
                    await throttle.WaitAsync();
                    tasks.Add(Task.Run(async () =>
                    {
                        try { await http.GetStringAsync(url); }
                        finally { throttle.Release(); }
                    }));
                }

                await Task.WhenAll(tasks);
            }
        }
        """);

    [Fact]
    public Task Trap_channel_writer_fed_per_element() => Verify.AnalyzerAsync("""
        using System.Threading.Channels;
        using System.Threading.Tasks;

        class C
        {
            async Task ProduceAsync(ChannelWriter<int> writer, int[] items)
            {
                foreach (var item in items)
                {
                    await writer.WriteAsync(item);
                }

                writer.Complete();
            }
        }
        """);

    [Fact]
    public Task Element_lookups_through_an_interface_are_reported() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        interface IPrices { Task<decimal> GetPriceAsync(string sku); }

        class C
        {
            async Task<decimal> TotalAsync(IPrices prices, IEnumerable<string> skus)
            {
                var total = 0m;
                foreach (var sku in skus)
                {
                    total += {|ASYNC302:await prices.GetPriceAsync(sku)|};
                }

                return total;
            }
        }
        """);
}
