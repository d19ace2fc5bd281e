using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace AsyncLint.Bench;

/// <summary>The code the analyzers run over: parsed once; a fresh compilation of it can be made at will.</summary>
public sealed class BenchInput
{
    // What the SDK's ImplicitUsings adds to a console or library project: real projects rely on it.
    private const string ImplicitUsings = """
        global using global::System;
        global using global::System.Collections.Generic;
        global using global::System.IO;
        global using global::System.Linq;
        global using global::System.Net.Http;
        global using global::System.Threading;
        global using global::System.Threading.Tasks;
        """;

    private BenchInput(string description, ImmutableArray<SyntaxTree> trees, bool concurrentBuild, ImmutableArray<MetadataReference>? references = null)
    {
        Description = description;
        Trees = trees;
        References = references ?? FrameworkReferences;
        Options = new CSharpCompilationOptions(
            OutputKind.DynamicallyLinkedLibrary,
            nullableContextOptions: NullableContextOptions.Enable,
            allowUnsafe: true,
            concurrentBuild: concurrentBuild);
        Lines = trees.Sum(t => t.GetText().Lines.Count);
    }

    public string Description { get; }

    public ImmutableArray<SyntaxTree> Trees { get; }

    public CSharpCompilationOptions Options { get; }

    public int Files => Trees.Length;

    public int Lines { get; }

    /// <summary>The .NET 10 reference assemblies.</summary>
    public static ImmutableArray<MetadataReference> FrameworkReferences { get; } =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();

    /// <summary>What the compilation references: the framework, plus a folder's assemblies when one was given.</summary>
    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>The generated async codebase.</summary>
    public static BenchInput Generated(int files, int seed, bool concurrentBuild)
    {
        var sources = CodebaseGenerator.Generate(files, seed);
        var trees = sources.Select(s => Parse(s.Text, "/generated/" + s.Path)).ToImmutableArray();
        return new BenchInput($"generated codebase (seed {seed})", trees, concurrentBuild);
    }

    /// <summary>
    /// Every .cs file under <paramref name="folder"/> (bin/ and obj/ excluded), plus the SDK's implicit usings; with
    /// <paramref name="referencesFolder"/> (a built project's output folder), also every assembly in it that is neither
    /// a framework assembly nor the output of a project under <paramref name="folder"/>, so that the project's packages
    /// and project references resolve as in its build.
    /// </summary>
    public static BenchInput Folder(string folder, bool concurrentBuild, string? referencesFolder = null)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException(root);
        }

        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or ".git"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var trees = files.Where(p => p.EndsWith(".cs", StringComparison.Ordinal))
            .Select(p => Parse(File.ReadAllText(p), p))
            .Append(Parse(ImplicitUsings, Path.Combine(root, "obj", "ImplicitUsings.g.cs")))
            .ToImmutableArray();

        ImmutableArray<MetadataReference>? references = null;
        var description = $"folder {root}";
        if (referencesFolder is not null)
        {
            var framework = FrameworkReferences.Select(r => Path.GetFileNameWithoutExtension(r.Display)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var ownOutputs = files.Where(p => p.EndsWith(".csproj", StringComparison.Ordinal)).Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var added = Directory.EnumerateFiles(Path.GetFullPath(referencesFolder), "*.dll")
                .Where(p => !framework.Contains(Path.GetFileNameWithoutExtension(p)) && !ownOutputs.Contains(Path.GetFileNameWithoutExtension(p)))
                .Order(StringComparer.Ordinal)
                .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
                .ToList();
            references = FrameworkReferences.AddRange(added);
            description += $" + {added.Count} assemblies from {Path.GetFullPath(referencesFolder)}";
        }

        return new BenchInput(description, trees, concurrentBuild, references);
    }

    /// <summary>A new compilation (nothing bound, nothing cached) of the same trees.</summary>
    public CSharpCompilation NewCompilation() => CSharpCompilation.Create("BenchInput", Trees, References, Options);

    private static SyntaxTree Parse(string text, string path)
        => CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), CSharpParseOptions.Default, path);
}
