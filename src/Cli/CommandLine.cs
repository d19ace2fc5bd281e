namespace AsyncLint.Cli;

/// <summary>What the user asked for, parsed from the command line.</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        asynclint: AsyncLint's analyzers and fixes on any C# project or solution.

        Usage:
          asynclint scan PATH [--rules ASYNC1,ASYNC301] [--severity info|warning|error]
                              [--fail-on info|warning|error|never] [--sarif FILE] [--json] [--timing]
                              [--ignore-severity-config] [-p:Name=Value]
          asynclint fix PATH --rule ID [--action KEY] [--dry-run] [-p:Name=Value]

        PATH is a .csproj, a .sln/.slnx, or a folder holding exactly one of them.

        scan   lists every hit as path(line,col): ID message, grouped by file, after a table per rule.
               --rules      ID prefixes to keep (ASYNC1 = the whole blocking family)
               --severity   the lowest effective severity to list (default: info)
               --fail-on    exit 1 when a hit at this severity or above is found (default: warning)
               --sarif      also write a SARIF 2.1.0 log to FILE
               --json       print JSON instead of text
               --timing     time warm, single-threaded runs until they settle (compiler and analyzers)
               --ignore-severity-config
                            run every rule at its default severity, whatever the project's NoWarn, rule set,
                            .editorconfig or global config say (pragmas and [SuppressMessage] still apply)
               -p:Name=Value  an MSBuild global property for loading the project (repeatable),
                            e.g. -p:TargetFramework=net8.0 -p:Configuration=Release
        fix    applies the rule's code fix everywhere (FixAll), only when the result still compiles.
               --action     the code action's equivalence key when the fix offers several
               --dry-run    print the diff, change nothing

        Exit codes: 0 clean, 1 hits at --fail-on or above (scan) / fix refused (fix), 2 usage or load error.
        """;

    public string Command { get; private set; } = "";
    public string Path { get; private set; } = "";
    public IReadOnlyList<string> RulePrefixes { get; private set; } = [];
    public string? Rule { get; private set; }
    public string? Action { get; private set; }
    public string MinimumSeverity { get; private set; } = "info";
    public string FailOn { get; private set; } = "warning";
    public string? SarifPath { get; private set; }
    public bool Json { get; private set; }
    public bool DryRun { get; private set; }
    public bool Timing { get; private set; }
    public bool IgnoreSeverityConfig { get; private set; }
    public IReadOnlyDictionary<string, string> Properties => properties;

    private readonly Dictionary<string, string> properties = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Parses the arguments, or returns an error message.</summary>
    public static (CommandLine? Parsed, string? Error) Parse(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            return (null, null);
        }

        var result = new CommandLine { Command = args[0] };
        if (result.Command is not ("scan" or "fix"))
        {
            return (null, $"unknown command '{args[0]}'");
        }

        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Length)
                {
                    throw new ArgumentException($"{arg} needs a value");
                }

                return args[++i];
            }

            try
            {
                switch (arg)
                {
                    case "--rules":
                        result.RulePrefixes = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                        break;
                    case "--rule":
                        result.Rule = Value().Trim();
                        break;
                    case "--action":
                        result.Action = Value();
                        break;
                    case "--severity":
                        result.MinimumSeverity = CheckSeverity(Value(), allowNever: false);
                        break;
                    case "--fail-on":
                        result.FailOn = CheckSeverity(Value(), allowNever: true);
                        break;
                    case "--sarif":
                        result.SarifPath = Value();
                        break;
                    case "--json":
                        result.Json = true;
                        break;
                    case "--timing":
                        result.Timing = true;
                        break;
                    case "--ignore-severity-config":
                        result.IgnoreSeverityConfig = true;
                        break;
                    case "--dry-run":
                        result.DryRun = true;
                        break;
                    case var property when property.StartsWith("-p:", StringComparison.Ordinal) || property.StartsWith("--property:", StringComparison.Ordinal):
                        var assignment = property[(property.IndexOf(':') + 1)..];
                        var equals = assignment.IndexOf('=');
                        if (equals <= 0)
                        {
                            return (null, $"'{arg}' is not -p:Name=Value");
                        }

                        result.properties[assignment[..equals]] = assignment[(equals + 1)..];
                        break;
                    default:
                        if (arg.StartsWith('-'))
                        {
                            return (null, $"unknown option '{arg}'");
                        }

                        if (result.Path.Length > 0)
                        {
                            return (null, $"more than one PATH: '{result.Path}' and '{arg}'");
                        }

                        result.Path = arg;
                        break;
                }
            }
            catch (ArgumentException e)
            {
                return (null, e.Message);
            }
        }

        if (result.Path.Length == 0)
        {
            return (null, "PATH is missing");
        }

        if (result.Command == "fix" && string.IsNullOrEmpty(result.Rule))
        {
            return (null, "fix needs --rule ID");
        }

        return (result, null);
    }

    private static string CheckSeverity(string value, bool allowNever)
    {
        var lower = value.ToLowerInvariant();
        if (lower is "info" or "warning" or "error" || (allowNever && lower == "never"))
        {
            return lower;
        }

        throw new ArgumentException($"unknown severity '{value}'");
    }
}
