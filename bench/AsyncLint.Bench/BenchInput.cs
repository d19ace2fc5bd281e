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

    private BenchInput(string description, ImmutableArray<SyntaxTree> trees, bool concurrentBuild)
    {
        Description = description;
        Trees = trees;
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

    public static ImmutableArray<MetadataReference> References { get; } =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray();

    /// <summary>The generated async codebase.</summary>
    public static BenchInput Generated(int files, int seed, bool concurrentBuild)
    {
        var sources = CodebaseGenerator.Generate(files, seed);
        var trees = sources.Select(s => Parse(s.Text, "/generated/" + s.Path)).ToImmutableArray();
        return new BenchInput($"generated codebase (seed {seed})", trees, concurrentBuild);
    }

    /// <summary>Every .cs file under <paramref name="folder"/> (bin/ and obj/ excluded), plus the SDK's implicit usings.</summary>
    public static BenchInput Folder(string folder, bool concurrentBuild)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException(root);
        }

        var paths = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(p => !Path.GetRelativePath(root, p).Split(Path.DirectorySeparatorChar)
                .Any(part => part is "bin" or "obj" or ".git"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var trees = paths.Select(p => Parse(File.ReadAllText(p), p))
            .Append(Parse(ImplicitUsings, Path.Combine(root, "obj", "ImplicitUsings.g.cs")))
            .ToImmutableArray();
        return new BenchInput($"folder {root}", trees, concurrentBuild);
    }

    /// <summary>A new compilation (nothing bound, nothing cached) of the same trees.</summary>
    public CSharpCompilation NewCompilation() => CSharpCompilation.Create("BenchInput", Trees, References, Options);

    private static SyntaxTree Parse(string text, string path)
        => CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), CSharpParseOptions.Default, path);
}
