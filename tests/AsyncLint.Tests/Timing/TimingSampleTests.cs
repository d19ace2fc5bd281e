using AsyncLint.Timing;
using AsyncLint.Timing.Report;
using AsyncLint.Timing.Server;

namespace AsyncLint.Tests.Timing;

/// <summary>Timing runs alone: other tests on the same cores would blur what it measures.</summary>
[CollectionDefinition(nameof(TimingCollection), DisableParallelization = true)]
public sealed class TimingCollection
{
}

/// <summary>The timing sample run small (6 requests, 100 ms): what it prints is what happens.</summary>
[Collection(nameof(TimingCollection))]
public sealed class TimingSampleTests
{
    private static readonly TimingOptions Small = new() { Requests = 6, DelayMs = 100, Parallelism = 3 };

    private static readonly Variant[] Concurrent = [Variant.ThreadPool, Variant.TaskList, Variant.AsCompleted, Variant.Bounded];

    [Fact]
    public async Task Every_variant_gets_every_response_and_only_the_non_blocking_ones_overlap_without_a_thread_each()
    {
        // The thread-pool variant overlaps only as many blocking requests as the pool has threads; on a busy 2-core
        // machine the pool may not have grown past one free worker yet. Guarantee it a few, as a bigger machine would.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 4), completionPorts);
        var arrived = new List<string>();
        var results = await TimingRun.RunAsync(Small, (body, _) => { lock (arrived) { arrived.Add(body); } });

        Assert.Equal(Enum.GetValues<Variant>(), results.Select(r => r.Variant));
        var expected = Enumerable.Range(0, Small.Requests).Select(DelayServer.Response).Order(StringComparer.Ordinal).ToList();
        Assert.All(results, r =>
        {
            Assert.Equal(expected, r.Responses.Order(StringComparer.Ordinal));
            Assert.Equal(Small.Requests, r.Served);
        });

        // The order-keeping variants return the URLs' order; as-completed reports each body as it arrives.
        Assert.Equal(Enumerable.Range(0, Small.Requests).Select(DelayServer.Response), Result(results, Variant.Sync).Responses);
        Assert.Equal(Enumerable.Range(0, Small.Requests).Select(DelayServer.Response), Result(results, Variant.TaskList).Responses);
        Assert.Equal(Enumerable.Range(0, Small.Requests).Select(DelayServer.Response), Result(results, Variant.Bounded).Responses);
        Assert.Equal(Result(results, Variant.AsCompleted).Responses, arrived);

        // The server saw one request at a time from the sequential variant, and overlap from all the others.
        Assert.Equal(1, Result(results, Variant.Sync).PeakConcurrent);
        Assert.All(Concurrent, v => Assert.True(Result(results, v).PeakConcurrent > 1, $"{v}: peak {Result(results, v).PeakConcurrent}"));
        Assert.Equal(Small.Requests, Result(results, Variant.TaskList).PeakConcurrent);
        Assert.Equal(Small.Requests, Result(results, Variant.AsCompleted).PeakConcurrent);
        Assert.InRange(Result(results, Variant.Bounded).PeakConcurrent, 2, Small.Parallelism);

        // Sequential costs at least the sum of the delays; every concurrent variant clearly less.
        var sync = Result(results, Variant.Sync).Elapsed;
        var sumOfDelays = TimeSpan.FromMilliseconds(Enumerable.Range(0, Small.Requests).Sum(Small.DelayFor));
        Assert.True(sync >= sumOfDelays, $"sync {sync} < sum of delays {sumOfDelays}");
        Assert.All(Concurrent, v => Assert.True(
            Result(results, v).Elapsed < sync * 0.8,
            $"{v}: {Result(results, v).Elapsed.TotalMilliseconds:0} ms is not clearly faster than sync {sync.TotalMilliseconds:0} ms"));

        // The blocking variants hold a pool thread per request in flight; the task list needs none while waiting.
        Assert.True(Result(results, Variant.ThreadPool).PeakBusyThreads >= Result(results, Variant.ThreadPool).PeakConcurrent - 1);
    }

    [Fact]
    public async Task As_completed_yields_in_completion_order_which_differs_from_url_order()
    {
        var options = Small with { Variants = [Variant.AsCompleted] };
        var result = Assert.Single(await TimingRun.RunAsync(options));

        // The server's delays vary by index, so the shortest delay arrives first.
        var byDelay = Enumerable.Range(0, options.Requests).OrderBy(options.DelayFor).Select(DelayServer.Response).ToList();
        Assert.Equal(byDelay[0], result.Responses[0]);
        Assert.NotEqual(Enumerable.Range(0, options.Requests).Select(DelayServer.Response), result.Responses);
    }

    [Fact]
    public void Options_parse_variants_repeated_or_as_a_comma_list_in_run_order()
    {
        var options = TimingOptions.Parse(["--variant", "tasklist,sync", "--variant", "bounded", "--requests", "7", "--delay", "50", "--parallelism", "2", "--json", "--svg", "out.svg"]);

        Assert.Equal([Variant.Sync, Variant.TaskList, Variant.Bounded], options.Variants);
        Assert.Equal(7, options.Requests);
        Assert.Equal(50, options.DelayMs);
        Assert.Equal(2, options.Parallelism);
        Assert.True(options.Json);
        Assert.Equal("out.svg", options.SvgPath);
        Assert.Equal(Enum.GetValues<Variant>(), TimingOptions.Parse([]).Variants);
        Assert.Throws<ArgumentException>(() => TimingOptions.Parse(["--variant", "fast"]));
        Assert.Throws<ArgumentException>(() => TimingOptions.Parse(["--requests", "0"]));
    }

    [Fact]
    public void Reports_show_every_variant_with_its_speedup_as_table_json_and_svg()
    {
        VariantResult Make(Variant v, int ms) => new(v, TimeSpan.FromMilliseconds(ms), 1, 2, 1, 2, ["item 0", "item 1"]);
        var results = new[] { Make(Variant.Sync, 400), Make(Variant.TaskList, 100) };
        var options = new TimingOptions { Requests = 2, DelayMs = 200 };

        var table = Reports.Table(options, results);
        Assert.Contains("| sync        |   400 ms |    1.0x |", table, StringComparison.Ordinal);
        Assert.Contains("| tasklist    |   100 ms |    4.0x |", table, StringComparison.Ordinal);

        using var json = System.Text.Json.JsonDocument.Parse(Reports.Json(options, results));
        var variants = json.RootElement.GetProperty("variants");
        Assert.Equal("tasklist", variants[1].GetProperty("variant").GetString());
        Assert.Equal(4.0, variants[1].GetProperty("speedup").GetDouble());

        var svg = System.Xml.Linq.XDocument.Parse(Reports.Svg(options, results));
        var bars = svg.Root!.Elements().Where(e => e.Name.LocalName == "rect" && e.Attribute("x")?.Value != null).ToList();
        Assert.Equal(2, bars.Count);
        Assert.Equal(4.0, double.Parse(bars[0].Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture)
            / double.Parse(bars[1].Attribute("width")!.Value, System.Globalization.CultureInfo.InvariantCulture), 2);
    }

    private static VariantResult Result(IReadOnlyList<VariantResult> results, Variant variant) => results.Single(r => r.Variant == variant);
}
