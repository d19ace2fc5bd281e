using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AsyncLint.Bench;

/// <summary>The table a person reads, and the JSON a script reads.</summary>
public static class Report
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static string ToJson(BenchResult result) => JsonSerializer.Serialize(result, Json);

    public static string ToTable(BenchResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Input: {result.Input}: {result.Files} files, {result.Lines} lines, {result.CompilerErrors} compiler errors");
        text.AppendLine(CultureInfo.InvariantCulture, $"Roslyn {result.RoslynVersion}, {result.ProcessorCount} cores, concurrentAnalysis: {(result.ConcurrentAnalysis ? "true" : "false")}, {(result.Isolated ? "one driver per group" : "one driver for all groups")}, median of {result.Repetitions} repetitions after a warm-up");
        text.AppendLine("Times are each analyzer's own callback time (AnalyzerTelemetryInfo.ExecutionTime); quote the ratios, not the ms.");
        text.AppendLine();

        string[] header = ["analyzer", "median ms", "min ms", "x AsyncLint", "x floor", "% compile", "diagnostics", "AD0001", "rules / detail"];
        var cells = result.Rows.Select(r => new[]
        {
            r.Kind is RowKind.AsyncLintAnalyzer ? "  " + r.Name : r.Name,
            r.MedianMs.ToString(r.MedianMs < 100 ? "F1" : "F0", CultureInfo.InvariantCulture),
            r.MinMs.ToString(r.MinMs < 100 ? "F1" : "F0", CultureInfo.InvariantCulture),
            Ratio(r.RatioToAsyncLint),
            Ratio(r.RatioToFloor),
            r.ShareOfCompile is { } share ? (share * 100).ToString(share < 0.1 ? "F2" : "F1", CultureInfo.InvariantCulture) + "%" : "-",
            r.Diagnostics.ToString(CultureInfo.InvariantCulture),
            r.Kind is RowKind.Compiler or RowKind.Floor ? "-" : r.AnalyzerExceptions.ToString(CultureInfo.InvariantCulture),
            r.Detail ?? "",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        widths[^1] = Math.Min(widths[^1], 60);

        void Line(IReadOnlyList<string> values)
        {
            for (var i = 0; i < values.Count; i++)
            {
                var value = values[i].Length > widths[i] ? values[i][..(widths[i] - 1)] + "…" : values[i];
                text.Append(i is 0 or 8 ? value.PadRight(widths[i]) : value.PadLeft(widths[i]));
                text.Append(i < values.Count - 1 ? "  " : "");
            }

            text.AppendLine();
        }

        Line(header);
        Line(widths.Select(w => new string('-', w)).ToArray());
        foreach (var row in cells)
        {
            Line(row);
        }

        var targets = result.Targets;
        text.AppendLine();
        text.AppendLine("Targets (issue \"Performance\"):");
        text.AppendLine(CultureInfo.InvariantCulture, $"  AsyncLint / floor          = {targets.AsyncLintToFloor:F2}x   (target <= 2x)   {Verdict(targets.FloorMet)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  AsyncLint / compiler       = {targets.AsyncLintShareOfCompile * 100:F2}%  (target <= 2%)   {Verdict(targets.CompileShareMet)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  on the fastest repetitions  = {targets.MinAsyncLintToFloor:F2}x floor, {targets.MinAsyncLintShareOfCompile * 100:F2}% of compile (less disturbed on a busy machine)");
        foreach (var peer in targets.Peers)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {peer.Peer,-28} = {peer.RatioToAsyncLint:F2}x AsyncLint (target > 1x)   {Verdict(peer.RatioToAsyncLint > 1)}");
        }

        text.AppendLine();
        text.AppendLine("What each AsyncLint analyzer registered (the floor registers the same, with empty bodies):");
        foreach (var (name, lines) in result.Registrations)
        {
            text.AppendLine("  " + name + ":");
            foreach (var line in lines.DefaultIfEmpty("(nothing)"))
            {
                text.AppendLine("    " + line);
            }
        }

        text.AppendLine();
        text.AppendLine("Profile: each AsyncLint callback timed (AsyncLint alone, one more run, through a timing wrapper):");
        if (result.Allocation is { } allocation)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  memory: AsyncLint's callbacks allocated {allocation.CallbackBytes / 1e6:F1} MB of the run's {allocation.RunBytes / 1e6:F0} MB ({allocation.CallbackShare * 100:F1}%); "
                + $"{allocation.Collections} gen0 collection(s) during the run, {allocation.Paused.TotalMilliseconds:F0} ms paused in all");
        }

        foreach (var (name, lines) in result.Profile)
        {
            text.AppendLine("  " + name + ":");
            foreach (var line in lines.DefaultIfEmpty("(nothing)"))
            {
                text.AppendLine("    " + line);
            }
        }

        return text.ToString();
    }

    private static string Ratio(double? ratio) => ratio is { } r ? r.ToString(r < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + "x" : "-";

    private static string Verdict(bool met) => met ? "met" : "NOT MET";
}
