using AsyncLint.Catalog;

// dotnet run --project tools/AsyncLint.Catalog            writes the README tables and the presets
// dotnet run --project tools/AsyncLint.Catalog -- --check fails (exit 1) when any of them is stale
var check = args.Contains("--check");
var root = RepositoryRoot.Find(args.SkipWhile(a => a != "--root").Skip(1).FirstOrDefault());

var catalog = RuleCatalog.Load();
if (!catalog.Problems.IsEmpty)
{
    foreach (var problem in catalog.Problems)
    {
        Console.Error.WriteLine("catalog: " + problem);
    }

    return 1;
}

var files = CatalogGenerator.Generate(root, catalog);
var stale = CatalogGenerator.FindStale(root, files);
if (check)
{
    foreach (var path in stale)
    {
        Console.Error.WriteLine($"catalog: {path} is stale; run 'dotnet run --project tools/AsyncLint.Catalog'");
    }

    Console.WriteLine(stale.Count == 0 ? $"catalog: up to date ({catalog.Rules.Length} rules)" : $"catalog: {stale.Count} stale file(s)");
    return stale.Count == 0 ? 0 : 1;
}

CatalogGenerator.Write(root, files);
Console.WriteLine($"catalog: {catalog.Rules.Length} rules; wrote {string.Join(", ", stale.DefaultIfEmpty("nothing (all up to date)"))}");
return 0;
