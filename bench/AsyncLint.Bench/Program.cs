using System.Globalization;
using AsyncLint.Bench;

const string Usage = """
    AsyncLint.Bench: AsyncLint's analyzers against the peers, the floor and the compiler, on one compilation.

      dotnet run -c Release --project bench/AsyncLint.Bench [options]

      --files N          files of the generated codebase (default 2000)
      --seed N           generator seed (default 42)
      --folder PATH      measure every .cs file under PATH instead (compiled against .NET 10 reference assemblies)
      --references DIR   with --folder: also reference the assemblies in DIR (the project's bin/Release/<tfm> folder)
      --repetitions N    measured repetitions after the warm-up (default 5)
      --concurrent       run the analysis driver and the compiler on several threads (default: one thread)
      --isolated         one analysis driver per group (each pays its own binding and lazy costs; slower)
      --all-peer-rules   also every non-async rule of vs-threading and Meziantou ("all rules" rows; much slower)
      --asynclint DLL    measure this AsyncLint.Analyzers.dll (another build or branch) instead of the referenced project
      --no-peers         AsyncLint, its floor and the compiler only
      --json FILE        also write the result as JSON
      --emit DIR         write the generated codebase to DIR as a project (for `asynclint scan DIR`), then stop
    """;

var options = new BenchOptions { Log = Console.Error };
string? jsonPath = null;
string? emitPath = null;
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    int NextInt() => int.Parse(Next(), NumberStyles.None, CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--files": options = options with { Files = NextInt() }; break;
        case "--seed": options = options with { Seed = NextInt() }; break;
        case "--folder": options = options with { Folder = Next() }; break;
        case "--references": options = options with { ReferencesFolder = Next() }; break;
        case "--repetitions": options = options with { Repetitions = Math.Max(1, NextInt()) }; break;
        case "--concurrent": options = options with { Concurrent = true }; break;
        case "--isolated": options = options with { Isolated = true }; break;
        case "--all-peer-rules": options = options with { AllPeerRules = true }; break;
        case "--asynclint": options = options with { AsyncLintDll = Next() }; break;
        case "--no-peers": options = options with { IncludePeers = false }; break;
        case "--json": jsonPath = Next(); break;
        case "--emit": emitPath = Next(); break;
        case "-h" or "--help": Console.WriteLine(Usage); return 0;
        default: Console.Error.WriteLine($"unknown option {args[i]}\n\n{Usage}"); return 2;
    }
}

if (emitPath is not null)
{
    CodebaseGenerator.Emit(emitPath, options.Files, options.Seed);
    Console.Error.WriteLine($"generated codebase written to {emitPath}");
    return 0;
}

var result = await BenchRunner.RunAsync(options);
Console.WriteLine(Report.ToTable(result));
if (jsonPath is not null)
{
    await File.WriteAllTextAsync(jsonPath, Report.ToJson(result));
    Console.Error.WriteLine($"JSON written to {jsonPath}");
}

return 0;
