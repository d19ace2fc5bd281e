using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Cli;

/// <summary><c>asynclint scan PATH</c>: lists every hit, a table per rule, optional JSON and SARIF.</summary>
internal static class ScanCommand
{
    public static async Task<int> RunAsync(CommandLine options, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var rules = RuleSet.Load();
        var analyzers = rules.AnalyzersFor(options.RulePrefixes);
        if (analyzers.IsEmpty)
        {
            throw new CliException($"no AsyncLint rule matches --rules {string.Join(',', options.RulePrefixes)}; rules are {string.Join(", ", rules.Descriptors.Select(d => d.Id))}");
        }

        var path = ProjectLoader.Resolve(options.Path);
        var (workspace, projects) = await ProjectLoader.LoadAsync(path, options.Properties, m => progress.WriteLine(m), cancellationToken).ConfigureAwait(false);
        using (workspace)
        {
            var results = new List<ProjectAnalysis>();
            foreach (var project in projects)
            {
                progress.WriteLine($"analyzing {project.Name} ({project.DocumentIds.Count} files)");
                results.Add(await Analysis.RunAsync(project, analyzers, cancellationToken, options.Timing, m => progress.WriteLine(m), options.IgnoreSeverityConfig).ConfigureAwait(false));
            }

            var minimum = Hit.Rank(options.MinimumSeverity);
            // A multi-targeted project is one project per target framework: report each place once.
            var hits = results
                .SelectMany(r => r.Diagnostics)
                .Where(d => RuleSet.Matches(d.Id, options.RulePrefixes) && Hit.Rank(d.Severity) >= minimum)
                .Select(Hit.From)
                .Distinct()
                .OrderBy(h => h.Path, StringComparer.Ordinal).ThenBy(h => h.Line).ThenBy(h => h.Column).ThenBy(h => h.Id, StringComparer.Ordinal)
                .ToImmutableArray();
            var summary = new ScanSummary(
                path,
                results.Select(r => r.Project.Name).Distinct().Count(),
                results.Sum(r => r.Project.DocumentIds.Count),
                results.Sum(r => r.CompilerErrors),
                results.Select(r => r.FirstCompilerError).FirstOrDefault(e => e is not null),
                TimeSpan.FromTicks(results.Sum(r => r.CompileTime.Ticks)),
                TimeSpan.FromTicks(results.Sum(r => r.AnalyzerTime.Ticks)),
                results.SelectMany(r => r.TimePerAnalyzer)
                    .GroupBy(p => p.Key, StringComparer.Ordinal)
                    .ToImmutableDictionary(g => g.Key, g => TimeSpan.FromTicks(g.Sum(p => p.Value.Ticks)), StringComparer.Ordinal),
                results.SelectMany(r => r.AnalyzerExceptions).Distinct().ToImmutableArray(),
                options.Timing,
                TimeSpan.FromTicks(results.Sum(r => r.FirstAnalyzerTime.Ticks)),
                results.Select(r => r.WarmRuns).DefaultIfEmpty().Max(),
                // A rule counts as off only where every project scanned turns it off.
                rules.Descriptors.Select(d => d.Id)
                    .Where(id => RuleSet.Matches(id, options.RulePrefixes) && results.Count > 0 && results.All(r => r.RulesTurnedOff.Contains(id)))
                    .ToImmutableArray(),
                rules.Descriptors.Count(d => RuleSet.Matches(d.Id, options.RulePrefixes)));

            if (options.SarifPath is not null)
            {
                Sarif.Write(options.SarifPath, hits, rules.Descriptors);
            }

            if (options.Json)
            {
                WriteJson(output, hits, rules, summary);
            }
            else
            {
                WriteText(output, hits, rules, summary);
            }

            if (!summary.AnalyzerExceptions.IsEmpty)
            {
                return 2;
            }

            var failAt = Hit.Rank(options.FailOn);
            return hits.Any(h => Hit.Rank(h.Severity) >= failAt) ? 1 : 0;
        }
    }

    private static void WriteText(TextWriter output, ImmutableArray<Hit> hits, RuleSet rules, ScanSummary summary)
    {
        output.WriteLine($"AsyncLint scanned {summary.Projects} project(s), {summary.Documents} file(s) in {Path.GetFileName(summary.Path)}: {hits.Length} hit(s).");
        if (summary.CompilerErrors > 0)
        {
            output.WriteLine($"note: the compilation has {summary.CompilerErrors} compiler error(s) (not restored or not building?): results may be incomplete.");
            output.WriteLine($"      first: {summary.FirstCompilerError}");
        }

        if (!summary.RulesTurnedOff.IsEmpty)
        {
            output.WriteLine(summary.RulesTurnedOff.Length == summary.RulesRequested
                ? $"warning: the project's configuration turns every AsyncLint rule off ({SeverityConfiguration.Sources}; e.g. dotnet_analyzer_diagnostic.severity = none), so nothing was reported."
                : $"note: the project's configuration turns {string.Join(", ", summary.RulesTurnedOff)} off ({SeverityConfiguration.Sources}): not reported.");
            output.WriteLine("      --ignore-severity-config runs every rule at its default severity.");
        }

        output.WriteLine($"time: compiler {summary.CompileTime.TotalSeconds:F2} s, AsyncLint analyzers {summary.AnalyzerTime.TotalSeconds:F2} s ({Share(summary)} of the compiler's time; "
            + (summary.Warm
                ? $"steady state: median of the last {Analysis.SteadyRuns} of {summary.WarmRuns} warm, single-threaded runs; first run, JIT included: {summary.FirstAnalyzerTime.TotalSeconds:F2} s)"
                : "first run, JIT included; --timing measures warm runs)"));
        if (summary.Warm)
        {
            foreach (var (analyzer, time) in summary.TimePerAnalyzer.OrderByDescending(p => p.Value))
            {
                output.WriteLine($"  {analyzer,-46} {time.TotalMilliseconds,8:F1} ms");
            }
        }
        output.WriteLine();
        output.WriteLine($"{"rule",-9} {"hits",5}  {"default",-8} title");
        foreach (var descriptor in rules.Descriptors)
        {
            var count = hits.Count(h => h.Id == descriptor.Id);
            if (count > 0)
            {
                output.WriteLine($"{descriptor.Id,-9} {count,5}  {Hit.Name(descriptor.DefaultSeverity),-8} {descriptor.Title}");
            }
        }

        foreach (var file in hits.GroupBy(h => h.Path))
        {
            output.WriteLine();
            output.WriteLine(file.Key);
            foreach (var hit in file)
            {
                output.WriteLine($"{hit.Path}({hit.Line},{hit.Column}): {Hit.Name(hit.Severity)} {hit.Id}: {hit.Message}");
                output.WriteLine("    " + hit.SourceLine.Trim());
            }
        }

        foreach (var exception in summary.AnalyzerExceptions)
        {
            output.WriteLine("analyzer exception: " + exception);
        }
    }

    private static void WriteJson(TextWriter output, ImmutableArray<Hit> hits, RuleSet rules, ScanSummary summary)
    {
        var document = new
        {
            path = summary.Path,
            projects = summary.Projects,
            documents = summary.Documents,
            compilerErrors = summary.CompilerErrors,
            compilerSeconds = summary.CompileTime.TotalSeconds,
            analyzerSeconds = summary.AnalyzerTime.TotalSeconds,
            analyzerSecondsPerAnalyzer = summary.TimePerAnalyzer.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value.TotalSeconds),
            warmTiming = summary.Warm,
            warmRuns = summary.WarmRuns,
            firstRunAnalyzerSeconds = summary.FirstAnalyzerTime.TotalSeconds,
            analyzerExceptions = summary.AnalyzerExceptions,
            rulesTurnedOff = summary.RulesTurnedOff,
            rules = rules.Descriptors.Select(d => new
            {
                id = d.Id,
                title = d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture),
                defaultSeverity = Hit.Name(d.DefaultSeverity),
                hits = hits.Count(h => h.Id == d.Id),
            }),
            hits = hits.Select(h => new
            {
                path = h.Path,
                line = h.Line,
                column = h.Column,
                id = h.Id,
                severity = Hit.Name(h.Severity),
                message = h.Message,
                source = h.SourceLine.Trim(),
            }),
        };
        output.WriteLine(JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Share(ScanSummary summary)
        => summary.CompileTime > TimeSpan.Zero
            ? (summary.AnalyzerTime.TotalSeconds / summary.CompileTime.TotalSeconds).ToString("P1", System.Globalization.CultureInfo.InvariantCulture)
            : "n/a";

    private sealed record ScanSummary(
        string Path, int Projects, int Documents, int CompilerErrors, string? FirstCompilerError, TimeSpan CompileTime, TimeSpan AnalyzerTime,
        ImmutableDictionary<string, TimeSpan> TimePerAnalyzer, ImmutableArray<string> AnalyzerExceptions, bool Warm,
        TimeSpan FirstAnalyzerTime, int WarmRuns, ImmutableArray<string> RulesTurnedOff, int RulesRequested);
}
