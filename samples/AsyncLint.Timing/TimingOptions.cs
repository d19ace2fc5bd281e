using System.Globalization;

namespace AsyncLint.Timing;

/// <summary>The variants, in the order they are run and printed.</summary>
public enum Variant
{
    Sync,
    ThreadPool,
    TaskList,
    AsCompleted,
    Bounded,
}

/// <summary>Command-line options; see <see cref="Usage"/>.</summary>
public sealed record TimingOptions
{
    public const string Usage = """
        usage: AsyncLint.Timing [--requests N] [--delay MS] [--variant NAME[,NAME...]]... [--parallelism P] [--json] [--svg FILE]

          --requests N     how many URLs to fetch (default 20)
          --delay MS       the server's base delay per response; each URL varies it by up to ±20% (default 200)
          --variant NAME   sync, threadpool, tasklist, ascompleted, bounded (repeatable or comma list; default all)
          --parallelism P  MaxDegreeOfParallelism of the bounded variant (default 4)
          --json           print the results as JSON instead of a table
          --svg FILE       also write a bar chart of the elapsed times (SVG)
        """;

    public int Requests { get; init; } = 20;

    public int DelayMs { get; init; } = 200;

    public int Parallelism { get; init; } = 4;

    public IReadOnlyList<Variant> Variants { get; init; } = Enum.GetValues<Variant>();

    public bool Json { get; init; }

    public string? SvgPath { get; init; }

    public static string Name(Variant variant) => variant.ToString().ToLowerInvariant();

    public static Variant ParseVariant(string name)
    {
        var wanted = name.Trim().ToLowerInvariant();
        foreach (var variant in Enum.GetValues<Variant>())
        {
            if (Name(variant) == wanted)
            {
                return variant;
            }
        }

        throw new ArgumentException($"unknown variant '{name}' (sync, threadpool, tasklist, ascompleted, bounded)");
    }

    /// <summary>Parses the command line; throws <see cref="ArgumentException"/> with a readable message.</summary>
    public static TimingOptions Parse(IReadOnlyList<string> args)
    {
        var options = new TimingOptions();
        var variants = new List<Variant>();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Positive() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw new ArgumentException($"{args[i - 1]} needs a positive integer, not '{args[i]}'");

            switch (args[i])
            {
                case "--requests": options = options with { Requests = Positive() }; break;
                case "--delay": options = options with { DelayMs = Positive() }; break;
                case "--parallelism": options = options with { Parallelism = Positive() }; break;
                case "--json": options = options with { Json = true }; break;
                case "--svg": options = options with { SvgPath = Value() }; break;
                case "--variant":
                    foreach (var name in Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var variant = ParseVariant(name);
                        if (!variants.Contains(variant))
                        {
                            variants.Add(variant);
                        }
                    }

                    break;
                default: throw new ArgumentException($"unknown option '{args[i]}'");
            }
        }

        return variants.Count == 0 ? options : options with { Variants = variants.Order().ToArray() };
    }

    /// <summary>The server delay of URL <paramref name="index"/>: the base delay ±20%, fixed by the index, so that completion order differs from URL order.</summary>
    public int DelayFor(int index) => DelayMs * (80 + ((index * 37) % 41)) / 100;
}
