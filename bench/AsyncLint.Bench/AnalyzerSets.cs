using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Bench;

/// <summary>A set of analyzers measured together in one driver (one group per package).</summary>
public sealed class AnalyzerGroup
{
    public AnalyzerGroup(string name, string package, ImmutableArray<DiagnosticAnalyzer> analyzers, IReadOnlyList<Subset> subsets, bool allAsync = false)
    {
        AllAsync = allAsync;
        Name = name;
        Package = package;
        Analyzers = analyzers;
        Subsets = subsets;
    }

    /// <summary>Short name in the table: "AsyncLint", "vs-threading", ...</summary>
    public string Name { get; }

    /// <summary>Package id and version, or the project it comes from.</summary>
    public string Package { get; }

    public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

    /// <summary>Named subsets whose times are summed from this group's run ("async rules", "CA1849").</summary>
    public IReadOnlyList<Subset> Subsets { get; }

    /// <summary>Every analyzer of the group is about async code (else the "async rules" subset is).</summary>
    public bool AllAsync { get; }

    public ImmutableHashSet<string> DiagnosticIds => Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToImmutableHashSet();
}

/// <summary>A named part of a group: the analyzer instances whose supported diagnostics meet <see cref="Ids"/>.</summary>
public sealed record Subset(string Name, ImmutableHashSet<string> Ids)
{
    public bool Contains(DiagnosticAnalyzer analyzer) => analyzer.SupportedDiagnostics.Any(d => Ids.Contains(d.Id));
}

/// <summary>Where the analyzers come from: AsyncLint by project reference, the peers from their NuGet packages.</summary>
public static class AnalyzerSets
{
    public const string AsyncSubsetName = "async rules";

    /// <summary>The async rules of each peer, by diagnostic id (the analyzers reporting any of them form the "async" subset).</summary>
    public static readonly ImmutableHashSet<string> VsThreadingAsyncIds = Ids(
        "VSTHRD002", "VSTHRD003", "VSTHRD100", "VSTHRD101", "VSTHRD103", "VSTHRD105", "VSTHRD107", "VSTHRD110",
        "VSTHRD111", "VSTHRD112", "VSTHRD114", "VSTHRD115", "VSTHRD200");

    public static readonly ImmutableHashSet<string> MeziantouAsyncIds = Ids(
        "MA0004", "MA0022", "MA0032", "MA0040", "MA0042", "MA0045", "MA0079", "MA0080", "MA0100", "MA0129",
        "MA0134", "MA0147", "MA0155");

    public static readonly ImmutableHashSet<string> NetAnalyzersAsyncIds = Ids("CA1849", "CA2007", "CA2008", "CA2012", "CA2016");

    /// <summary>Every concrete C# analyzer in the AsyncLint.Analyzers assembly, whatever the rule helpers have added.</summary>
    /// <param name="analyzersDll">Built AsyncLint.Analyzers.dll files to measure instead (another branch, a released
    /// package; several separated by ';'), each loaded in its own context like a peer.</param>
    public static AnalyzerGroup AsyncLint(string? analyzersDll = null)
    {
        if (analyzersDll is not null)
        {
            // Several DLLs (';'-separated, e.g. the builds of several branches) are combined: the first analyzer of each
            // type name wins, so that the branches' shared analyzers count once.
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var fromFiles = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
            foreach (var dll in analyzersDll.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var path = Path.GetFullPath(dll);
                foreach (var analyzer in new AnalyzerFileReference(path, new PeerLoader(Path.GetDirectoryName(path)!)).GetAnalyzers(LanguageNames.CSharp))
                {
                    if (seen.Add(analyzer.GetType().FullName!))
                    {
                        fromFiles.Add(analyzer);
                    }
                }
            }

            return new AnalyzerGroup("AsyncLint", analyzersDll, [.. fromFiles.OrderBy(a => a.GetType().Name, StringComparer.Ordinal)], []);
        }

        var assembly = Assembly.Load("AsyncLint.Analyzers");
        var analyzers = assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t)
                        && t.GetCustomAttributes<DiagnosticAnalyzerAttribute>().Any(a => a.Languages.Contains(LanguageNames.CSharp)))
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
        return new AnalyzerGroup("AsyncLint", "src/Analyzers (project)", analyzers, []);
    }

    /// <summary>The peers, loaded from the analyzer DLLs the build copied under peers/ next to the bench.</summary>
    /// <param name="allRules">Every rule of vs-threading and Meziantou (slow: Meziantou has ~180 analyzers on every topic);
    /// by default only their async rules are loaded, which is what the comparison is about.</param>
    public static IReadOnlyList<AnalyzerGroup> Peers(string? peersDirectory = null, bool allRules = false)
    {
        peersDirectory ??= Path.Combine(AppContext.BaseDirectory, "peers");
        var groups = new List<AnalyzerGroup>();

        groups.Add(Group("vs-threading", "Microsoft.VisualStudio.Threading.Analyzers 18.12.1", Load(peersDirectory, "vs-threading"), VsThreadingAsyncIds, allRules));

        var asyncFixer = Load(peersDirectory, "AsyncFixer");
        groups.Add(new AnalyzerGroup("AsyncFixer", "AsyncFixer 2.1.0", asyncFixer, [], allAsync: true));

        groups.Add(Group("Meziantou", "Meziantou.Analyzer 3.0.321", Load(peersDirectory, "Meziantou"), MeziantouAsyncIds, allRules));

        // NetAnalyzers has hundreds of rules on every topic: only its async analyzers are measured.
        var netAnalyzers = Load(peersDirectory, "NetAnalyzers")
            .Where(a => a.SupportedDiagnostics.Any(d => NetAnalyzersAsyncIds.Contains(d.Id)))
            .ToImmutableArray();
        groups.Add(new AnalyzerGroup("NetAnalyzers", "Microsoft.CodeAnalysis.NetAnalyzers 11.0.100", netAnalyzers,
            [new Subset("CA1849", Ids("CA1849"))], allAsync: true));

        return groups;
    }

    private static AnalyzerGroup Group(string name, string package, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableHashSet<string> asyncIds, bool allRules)
    {
        var subset = new Subset(AsyncSubsetName, asyncIds);
        return allRules
            ? new AnalyzerGroup(name, package, analyzers, [subset])
            : new AnalyzerGroup($"{name} ({AsyncSubsetName})", package, analyzers.Where(subset.Contains).ToImmutableArray(), [], allAsync: true);
    }

    private static ImmutableArray<DiagnosticAnalyzer> Load(string peersDirectory, string folder)
    {
        var directory = Path.Combine(peersDirectory, folder);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"Peer analyzers not found in {directory}: build bench/AsyncLint.Bench first.");
        }

        var loader = new PeerLoader(directory);
        var analyzers = ImmutableArray.CreateBuilder<DiagnosticAnalyzer>();
        foreach (var path in Directory.GetFiles(directory, "*.dll").Order(StringComparer.Ordinal))
        {
            var reference = new AnalyzerFileReference(path, loader);
            var errors = new List<string>();
            reference.AnalyzerLoadFailed += (_, e) => errors.Add($"{Path.GetFileName(path)}: {e.Message}");
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
            if (errors.Count > 0)
            {
                throw new InvalidOperationException("Could not load peer analyzers: " + string.Join("; ", errors));
            }
        }

        return analyzers.ToImmutable();
    }

    private static ImmutableHashSet<string> Ids(params string[] ids) => ids.ToImmutableHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Loads a peer's DLLs into its own load context; Roslyn and the runtime come from the host (the compiler that
    /// runs the bench), exactly as a compiler loads analyzers.
    /// </summary>
    private sealed class PeerLoader : AssemblyLoadContext, IAnalyzerAssemblyLoader
    {
        private readonly string directory;

        public PeerLoader(string directory)
            : base("peer:" + Path.GetFileName(directory))
        {
            this.directory = directory;
        }

        public void AddDependencyLocation(string fullPath)
        {
        }

        public Assembly LoadFromPath(string fullPath) => LoadFromAssemblyPath(fullPath);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var candidate = Path.Combine(directory, assemblyName.Name + ".dll");
            return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
        }
    }
}
