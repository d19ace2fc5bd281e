using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using AsyncLint.Analyzers;

namespace AsyncLint.Tests.Infrastructure;

/// <summary>One robustness failure, with what a person needs to reproduce it: the code, the mutation, the stack.</summary>
internal sealed record RobustnessFailure(string Corpus, string Mutation, string Component, string Detail, string Source);

/// <summary>Collects failures from parallel work and turns them into one actionable assertion message.</summary>
internal sealed class RobustnessFailures
{
    private readonly ConcurrentQueue<RobustnessFailure> failures = new();

    public int Count => failures.Count;

    public void Add(RobustnessFailure failure) => failures.Enqueue(failure);

    public void Add(string corpus, string mutation, string component, string detail, string source)
        => failures.Enqueue(new RobustnessFailure(corpus, mutation, component, detail, source));

    /// <summary>Fails with the first failures in full (and every failing source written to a temp folder).</summary>
    public void AssertNone(string what)
    {
        if (failures.IsEmpty)
        {
            return;
        }

        var all = failures.OrderBy(f => f.Component, StringComparer.Ordinal).ThenBy(f => f.Corpus, StringComparer.Ordinal)
            .ThenBy(f => f.Mutation, StringComparer.Ordinal).ToImmutableArray();
        var folder = Path.Combine(Path.GetTempPath(), "asynclint-robustness", what.Replace(' ', '-') + "-" + DateTime.UtcNow.ToString("HHmmss", System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var message = new StringBuilder();
        message.AppendLine($"{all.Length} robustness failure(s) in {what}; every failing source is in {folder}");
        foreach (var group in all.GroupBy(f => f.Component))
        {
            message.AppendLine($"  {group.Key}: {group.Count()}");
        }

        for (var i = 0; i < all.Length; i++)
        {
            var failure = all[i];
            File.WriteAllText(Path.Combine(folder, $"{i:D4}.cs"), $"// {failure.Corpus}\n// mutation: {failure.Mutation}\n// {failure.Component}\n/*\n{failure.Detail}\n*/\n{failure.Source}");
            if (i < 8)
            {
                message.AppendLine();
                message.AppendLine($"--- #{i}: {failure.Component}");
                message.AppendLine($"corpus:   {failure.Corpus}");
                message.AppendLine($"mutation: {failure.Mutation}");
                message.AppendLine(failure.Detail);
                if (i < 3)
                {
                    var source = failure.Source.Length > 3000 ? failure.Source[..3000] + "\n…" : failure.Source;
                    message.AppendLine("source:");
                    message.AppendLine(source);
                }
            }
        }

        Assert.Fail(message.ToString());
    }
}

/// <summary>Values no one should write in .editorconfig, for every <c>asynclint.*</c> key: analyzers must shrug them off.</summary>
internal static class NonsenseOptions
{
    public static IReadOnlyDictionary<string, string> Values { get; } = Create();

    private static Dictionary<string, string> Create()
    {
        string[] nonsense = ["", " , ,, ", "-1", "0", "99999999999999999999", "System.IO.Stream,,  ,Not A Type,<>,System.Threading.Tasks.Task`1", "Type.Member.Extra,.,..,:", "\u00e9\u00e8\u4e2d\u6587", "true", "null"];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var option in AsyncLintOptions.All)
        {
            values[option.Key] = nonsense[i++ % nonsense.Length];
        }

        values["asynclint.unknown_option"] = "whatever";
        values["dotnet_diagnostic.ASYNC103.severity"] = "nonsense";
        return values;
    }
}
