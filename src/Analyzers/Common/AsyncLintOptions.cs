using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Analyzers;

/// <summary>One <c>asynclint.*</c> option: its .editorconfig key, default and the rules it affects.</summary>
public sealed class AsyncLintOption
{
    internal AsyncLintOption(string key, string defaultValue, string description, params string[] rules)
    {
        Key = key;
        DefaultValue = defaultValue;
        Description = description;
        Rules = ImmutableArray.Create(rules);
    }

    public string Key { get; }

    public string DefaultValue { get; }

    public string Description { get; }

    public ImmutableArray<string> Rules { get; }
}

/// <summary>
/// The registry of every <c>asynclint.*</c> .editorconfig option. Lists are comma-separated; type names are
/// metadata names (<c>MyCompany.Buffers.PooledStream</c>), members are <c>Type.Member</c>.
/// Read an option only when a candidate is found, never per operation.
/// </summary>
public static class AsyncLintOptions
{
    public static readonly AsyncLintOption InMemoryTypes = new(
        "asynclint.in_memory_types",
        "",
        "More receiver types whose synchronous I/O methods do not block (added to MemoryStream, StringReader, StringWriter, ...).",
        DiagnosticIds.BlockingIoCall, DiagnosticIds.BlockingCallWithAsyncTwin);

    public static readonly AsyncLintOption FalseTwins = new(
        "asynclint.false_twins",
        "",
        "More 'Type.Method' entries whose 'MethodAsync' is not an async version of the same work (added to the shipped list).",
        DiagnosticIds.BlockingIoCall, DiagnosticIds.BlockingCallWithAsyncTwin);

    public static readonly AsyncLintOption NonConcurrentTypes = new(
        "asynclint.non_concurrent_types",
        "",
        "More types that are not safe for concurrent use; fan-out never overlaps two operations on one such receiver.",
        DiagnosticIds.SequentialIndependentAwaits, DiagnosticIds.SequentialAwaitInLoop);

    public static readonly AsyncLintOption MaxDegreeOfParallelism = new(
        "asynclint.max_degree_of_parallelism",
        "8",
        "MaxDegreeOfParallelism the bounded fan-out fix (Parallel.ForEachAsync) writes.",
        DiagnosticIds.SequentialAwaitInLoop);

    public static readonly AsyncLintOption FanOutInTests = new(
        "asynclint.fan_out_in_tests",
        "false",
        "Also report independent awaits in a row or in a loop in test projects (xUnit, NUnit, MSTest, TUnit), where a test's steps are a script run in order on purpose.",
        DiagnosticIds.SequentialIndependentAwaits, DiagnosticIds.SequentialAwaitInLoop);

    public static ImmutableArray<AsyncLintOption> All { get; } = ImmutableArray.Create(
        InMemoryTypes, FalseTwins, NonConcurrentTypes, MaxDegreeOfParallelism, FanOutInTests);

    /// <summary>The raw value for <paramref name="tree"/>, or the option's default.</summary>
    public static string Read(AnalyzerOptions options, SyntaxTree tree, AsyncLintOption option)
        => options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(option.Key, out var value) && value is not null
            ? value
            : option.DefaultValue;

    /// <summary>A comma-separated list option, trimmed, empty entries dropped.</summary>
    public static ImmutableArray<string> ReadList(AnalyzerOptions options, SyntaxTree tree, AsyncLintOption option)
    {
        var raw = Read(options, tree, option);
        if (raw.Length == 0)
        {
            return ImmutableArray<string>.Empty;
        }

        var builder = ImmutableArray.CreateBuilder<string>();
        foreach (var part in raw.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            var trimmed = part.Trim();
            if (trimmed.Length > 0)
            {
                builder.Add(trimmed);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>A true/false option; the default when absent or not a boolean.</summary>
    public static bool ReadBool(AnalyzerOptions options, SyntaxTree tree, AsyncLintOption option)
        => bool.TryParse(Read(options, tree, option).Trim(), out var value)
            ? value
            : bool.Parse(option.DefaultValue);

    /// <summary>A positive integer option; the default when absent or not a positive number.</summary>
    public static int ReadPositiveInt(AnalyzerOptions options, SyntaxTree tree, AsyncLintOption option)
        => int.TryParse(Read(options, tree, option), out var value) && value > 0
            ? value
            : int.Parse(option.DefaultValue, System.Globalization.CultureInfo.InvariantCulture);
}
