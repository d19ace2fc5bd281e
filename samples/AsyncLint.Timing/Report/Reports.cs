using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AsyncLint.Timing.Report;

/// <summary>The results as a text table, as JSON, and as an SVG bar chart.</summary>
public static class Reports
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>How many times faster than the sequential (sync) variant, when that one ran.</summary>
    public static double? Speedup(IReadOnlyList<VariantResult> results, VariantResult result)
        => results.FirstOrDefault(r => r.Variant == Variant.Sync) is { } sync && result.Elapsed > TimeSpan.Zero
            ? sync.Elapsed / result.Elapsed
            : null;

    public static string Table(TimingOptions options, IReadOnlyList<VariantResult> results)
    {
        var text = new StringBuilder();
        text.Append(Invariant, $"{options.Requests} requests, server delay {options.DelayMs} ms ±20%, {Environment.ProcessorCount} cores, ");
        ThreadPool.GetMinThreads(out var minWorkers, out _);
        text.Append(Invariant, $"thread pool min {minWorkers}, bounded parallelism {options.Parallelism}\n\n");
        text.Append("| variant     | elapsed  | speedup | peak concurrent requests | peak busy pool threads | peak pool size |\n");
        text.Append("|-------------|---------:|--------:|-------------------------:|-----------------------:|---------------:|\n");
        foreach (var r in results)
        {
            var speedup = Speedup(results, r) is { } s ? s.ToString("0.0", Invariant) + "x" : "n/a";
            text.Append(Invariant, $"| {r.Name,-11} | {r.Elapsed.TotalMilliseconds,5:0} ms | {speedup,7} | {r.PeakConcurrent,24} | {r.PeakBusyThreads,22} | {r.PeakPoolThreads,14} |\n");
        }

        return text.ToString();
    }

    public static string Json(TimingOptions options, IReadOnlyList<VariantResult> results)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("requests", options.Requests);
            json.WriteNumber("delayMs", options.DelayMs);
            json.WriteNumber("parallelism", options.Parallelism);
            json.WriteNumber("processorCount", Environment.ProcessorCount);
            json.WriteStartArray("variants");
            foreach (var r in results)
            {
                json.WriteStartObject();
                json.WriteString("variant", r.Name);
                json.WriteNumber("elapsedMs", Math.Round(r.Elapsed.TotalMilliseconds, 1));
                if (Speedup(results, r) is { } speedup)
                {
                    json.WriteNumber("speedup", Math.Round(speedup, 2));
                }

                json.WriteNumber("peakConcurrentRequests", r.PeakConcurrent);
                json.WriteNumber("served", r.Served);
                json.WriteNumber("peakBusyPoolThreads", r.PeakBusyThreads);
                json.WriteNumber("peakPoolThreads", r.PeakPoolThreads);
                json.WriteStartArray("responses");
                foreach (var response in r.Responses)
                {
                    json.WriteStringValue(response);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>A horizontal bar per variant, its length the elapsed time; plain SVG, no library.</summary>
    public static string Svg(TimingOptions options, IReadOnlyList<VariantResult> results)
    {
        const int labelWidth = 110, barArea = 420, rowHeight = 34, top = 46, valueWidth = 150;
        var width = labelWidth + barArea + valueWidth;
        var height = top + (rowHeight * results.Count) + 24;
        var max = results.Count == 0 ? 1 : results.Max(r => r.Elapsed.TotalMilliseconds);

        var svg = new StringBuilder();
        svg.Append(Invariant, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"13\">\n");
        svg.Append(Invariant, $"  <rect width=\"{width}\" height=\"{height}\" fill=\"#ffffff\"/>\n");
        svg.Append(Invariant, $"  <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{options.Requests} requests, {options.DelayMs} ms ±20% each: elapsed time per variant ({Environment.ProcessorCount} cores)</text>\n");
        for (var i = 0; i < results.Count; i++)
        {
            var r = results[i];
            var y = top + (i * rowHeight);
            var length = Math.Max(1, r.Elapsed.TotalMilliseconds / max * barArea);
            var color = r.Variant switch
            {
                Variant.Sync => "#c0392b",
                Variant.ThreadPool => "#e67e22",
                _ => "#27ae60",
            };
            var speedup = Speedup(results, r) is { } s ? string.Create(Invariant, $" ({s:0.0}x)") : "";
            svg.Append(Invariant, $"  <text x=\"{labelWidth - 8}\" y=\"{y + 17}\" text-anchor=\"end\">{r.Name}</text>\n");
            svg.Append(Invariant, $"  <rect x=\"{labelWidth}\" y=\"{y + 4}\" width=\"{length:0.0}\" height=\"{rowHeight - 10}\" fill=\"{color}\"/>\n");
            svg.Append(Invariant, $"  <text x=\"{labelWidth + length + 6:0.0}\" y=\"{y + 17}\">{r.Elapsed.TotalMilliseconds:0} ms{speedup}</text>\n");
        }

        svg.Append(Invariant, $"  <text x=\"10\" y=\"{height - 8}\" font-size=\"11\" fill=\"#555555\">red: sync + blocking · orange: async + blocking on the thread pool · green: async + non-blocking</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
