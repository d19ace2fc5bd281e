using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.Verifiers;

/// <summary>An analyzer test on a chosen framework and language version, with AsyncLint's defaults.</summary>
public sealed class AsyncLintAnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public AsyncLintAnalyzerTest(TargetFramework framework = TargetFramework.Net100)
    {
        Framework = framework;
        ReferenceAssemblies = TargetFrameworks.Empty(framework);
        TargetFrameworks.Apply(TestState, framework);
    }

    public TargetFramework Framework { get; }

    public LanguageVersion? LanguageVersionOverride { get; set; }

    protected override ParseOptions CreateParseOptions()
        => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersionOverride ?? TargetFrameworks.LanguageVersion(Framework));
}

/// <summary>A code-fix test: the fixed code must compile (no new compiler errors) and FixAll is run in every scope.</summary>
public sealed class AsyncLintCodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public AsyncLintCodeFixTest(TargetFramework framework = TargetFramework.Net100)
    {
        Framework = framework;
        ReferenceAssemblies = TargetFrameworks.Empty(framework);
        TargetFrameworks.Apply(TestState, framework);
        TargetFrameworks.Apply(FixedState, framework);
        TargetFrameworks.Apply(BatchFixedState, framework);
    }

    public TargetFramework Framework { get; }

    public LanguageVersion? LanguageVersionOverride { get; set; }

    protected override ParseOptions CreateParseOptions()
        => ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersionOverride ?? TargetFrameworks.LanguageVersion(Framework));
}

/// <summary>Short entry points so that a rule test reads as before/after code.</summary>
public static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(string id) => new(id, DiagnosticSeverity.Warning);

    /// <summary>The markup (<c>{|ASYNC103:...|}</c>) says where every expected diagnostic is.</summary>
    public static Task AnalyzerAsync(string source, TargetFramework framework = TargetFramework.Net100)
    {
        var test = new AsyncLintAnalyzerTest<TAnalyzer>(framework) { TestCode = source };
        return test.RunAsync();
    }

    /// <summary>A top-level program (console application) rather than a library.</summary>
    public static Task ProgramAsync(string source, TargetFramework framework = TargetFramework.Net100)
    {
        var test = new AsyncLintAnalyzerTest<TAnalyzer>(framework) { TestCode = source };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync();
    }
}

public static class Verify<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    /// <summary>
    /// Applies the fix with <paramref name="equivalenceKey"/> (or the only one) to every diagnostic in the markup,
    /// one at a time and then with FixAll in document, project and solution scope; each result must equal
    /// <paramref name="fixedSource"/> and compile.
    /// </summary>
    public static Task CodeFixAsync(string source, string fixedSource, string? equivalenceKey = null, TargetFramework framework = TargetFramework.Net100)
    {
        var test = new AsyncLintCodeFixTest<TAnalyzer, TCodeFix>(framework)
        {
            TestCode = source,
            FixedCode = fixedSource,
            CodeActionEquivalenceKey = equivalenceKey,
        };
        return test.RunAsync();
    }

    /// <summary>The diagnostic is reported, but no code fix is offered for it.</summary>
    public static Task NoCodeFixAsync(string source, TargetFramework framework = TargetFramework.Net100)
    {
        var test = new AsyncLintCodeFixTest<TAnalyzer, TCodeFix>(framework)
        {
            TestCode = source,
            FixedCode = source,
        };
        return test.RunAsync();
    }
}
