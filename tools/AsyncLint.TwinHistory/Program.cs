using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

// Each level is the set of ...Async methods every framework of that level has (AsyncLint's FrameworkTwinHistory reads
// the level numbers): 0 netstandard2.0 and .NET Framework 4.6.2+, 1 netstandard2.1 and netcoreapp3.x, 2 net5.0,
// 3 net6.0 and net7.0 (no net7.0 pack is read: a method new in 7.0 counts as 8.0), 4 net8.0, 5 net9.0, 6 net10.0.
var packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
string Pack(string package, string version, string path) => Path.Combine(packages, package, version, path);
string FrameworkPack(string version) => Path.Combine(Directory.GetDirectories(Path.Combine(packages, "microsoft.netframework.referenceassemblies.net" + version.Replace(".", "", StringComparison.Ordinal)))[0], "build", ".NETFramework", "v" + version);
// The runtime lives in DOTNET_ROOT/shared/Microsoft.NETCore.App/VERSION; the reference packs in DOTNET_ROOT/packs.
var dotnetRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "..", "..", ".."));
var net10 = Directory.GetDirectories(Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref")).Order().Last(d => Path.GetFileName(d).StartsWith("10.", StringComparison.Ordinal));

var levels = new[]
{
    new[] { Pack("netstandard.library", "2.0.3", "build/netstandard2.0/ref"), FrameworkPack("4.6.2") },
    new[] { Pack("netstandard.library.ref", "2.1.0", "ref/netstandard2.1"), Pack("microsoft.netcore.app.ref", "3.1.0", "ref/netcoreapp3.1") },
    new[] { Pack("microsoft.netcore.app.ref", "5.0.0", "ref/net5.0") },
    new[] { Pack("microsoft.netcore.app.ref", "6.0.36", "ref/net6.0") },
    new[] { Pack("microsoft.netcore.app.ref", "8.0.31", "ref/net8.0") },
    new[] { Pack("microsoft.netcore.app.ref", "9.0.20", "ref/net9.0") },
    new[] { Path.Combine(net10, "ref", "net10.0") },
};

var available = levels.Select(dirs => dirs.Select(AsyncMethods).Aggregate((a, b) => { a.IntersectWith(b); return a; })).ToArray();
var lines = new List<string>();
foreach (var id in available[^1].Where(id => !available[0].Contains(id)).Order(StringComparer.Ordinal))
{
    var first = Enumerable.Range(1, levels.Length - 1).First(level => Enumerable.Range(level, levels.Length - level).All(l => available[l].Contains(id)));
    lines.Add(first + " " + id.Substring(2));
}

var output = Path.Combine(RepositoryRoot(), "src", "Analyzers", "Blocking", "FrameworkTwinHistory.txt");
File.WriteAllLines(output, lines);
Console.WriteLine($"{lines.Count} methods written to {output}");

static HashSet<string> AsyncMethods(string directory)
{
    var files = Directory.GetFiles(directory, "*.dll").Concat(Directory.Exists(Path.Combine(directory, "Facades")) ? Directory.GetFiles(Path.Combine(directory, "Facades"), "*.dll") : []);
    var references = files.Select(file => (MetadataReference)MetadataReference.CreateFromFile(file)).ToList();
    var compilation = CSharpCompilation.Create("history", references: references);
    var ids = new HashSet<string>(StringComparer.Ordinal);
    foreach (var reference in references)
    {
        if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly)
        {
            continue;
        }

        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            foreach (var member in pending.Pop().GetMembers())
            {
                switch (member)
                {
                    case INamedTypeSymbol { DeclaredAccessibility: Accessibility.Public } type:
                        pending.Push(type);
                        break;
                    case INamespaceSymbol ns:
                        pending.Push(ns);
                        break;
                    case IMethodSymbol { MethodKind: MethodKind.Ordinary, DeclaredAccessibility: Accessibility.Public or Accessibility.Protected } method
                        when method.Name.EndsWith("Async", StringComparison.Ordinal) && method.GetDocumentationCommentId() is { } id:
                        ids.Add(id);
                        break;
                }
            }
        }
    }

    return ids;
}

static string RepositoryRoot()
{
    for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
    {
        if (File.Exists(Path.Combine(directory.FullName, "AsyncLint.sln")))
        {
            return directory.FullName;
        }
    }

    throw new InvalidOperationException("AsyncLint.sln not found above " + AppContext.BaseDirectory);
}
