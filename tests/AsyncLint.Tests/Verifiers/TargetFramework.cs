using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.Verifiers;

/// <summary>The named reference-assembly sets tests compile against.</summary>
public enum TargetFramework
{
    /// <summary>.NET 10 with the compiler's default language version: what a new project gets today.</summary>
    Net100,

    /// <summary>.NET 8 (LTS), C# 12: no Task.WhenEach, no params-span overloads.</summary>
    Net80,
}

internal static class TargetFrameworks
{
    public static ImmutableArray<MetadataReference> References(TargetFramework framework) => framework switch
    {
        TargetFramework.Net80 => Basic.Reference.Assemblies.Net80.References.All.Cast<MetadataReference>().ToImmutableArray(),
        _ => Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray(),
    };

    public static LanguageVersion LanguageVersion(TargetFramework framework) => framework switch
    {
        TargetFramework.Net80 => Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp12,
        _ => Microsoft.CodeAnalysis.CSharp.LanguageVersion.Default,
    };

    /// <summary>No package to download: the references come from Basic.Reference.Assemblies, in the test assembly.</summary>
    public static ReferenceAssemblies Empty(TargetFramework framework) => framework switch
    {
        TargetFramework.Net80 => new ReferenceAssemblies("net8.0"),
        _ => new ReferenceAssemblies("net10.0"),
    };

    public static void Apply(SolutionState state, TargetFramework framework)
    {
        state.AdditionalReferences.AddRange(References(framework));
    }
}
