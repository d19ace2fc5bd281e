using System.Collections.Immutable;
using System.Reflection;
using AsyncLint.Analyzers;
using AsyncLint.CodeFixes.Blocking;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Tests.Infrastructure;

/// <summary>
/// Every analyzer and code fix AsyncLint ships, found by reflection in the two shipped assemblies, so that the
/// robustness suite covers a rule the moment it is added, with no test to edit.
/// </summary>
internal static class RobustnessComponents
{
    public static Assembly AnalyzerAssembly { get; } = typeof(DiagnosticDescriptors).Assembly;

    public static Assembly CodeFixAssembly { get; } = typeof(ASYNC103ThreadSleepCodeFix).Assembly;

    /// <summary>Every concrete <see cref="DiagnosticAnalyzer"/> type in the analyzer assembly.</summary>
    public static ImmutableArray<Type> AnalyzerTypes { get; } = ConcreteSubclassesOf(typeof(DiagnosticAnalyzer), AnalyzerAssembly);

    /// <summary>Every concrete <see cref="CodeFixProvider"/> type in the code-fix assembly.</summary>
    public static ImmutableArray<Type> CodeFixTypes { get; } = ConcreteSubclassesOf(typeof(CodeFixProvider), CodeFixAssembly);

    /// <summary>A fresh instance of every analyzer (instances are cheap; a host creates one per load).</summary>
    public static ImmutableArray<DiagnosticAnalyzer> CreateAnalyzers()
        => AnalyzerTypes.Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!).ToImmutableArray();

    public static ImmutableArray<CodeFixProvider> CreateCodeFixes()
        => CodeFixTypes.Select(t => (CodeFixProvider)Activator.CreateInstance(t)!).ToImmutableArray();

    /// <summary>"ASYNC10xBlockingCallAnalyzer (ASYNC103)": what a failure message calls an analyzer.</summary>
    public static string Describe(DiagnosticAnalyzer analyzer)
    {
        string ids;
        try
        {
            ids = string.Join(", ", analyzer.SupportedDiagnostics.Select(d => d.Id));
        }
        catch (Exception e)
        {
            ids = "SupportedDiagnostics threw " + e.GetType().Name;
        }

        return $"{analyzer.GetType().Name} ({ids})";
    }

    private static ImmutableArray<Type> ConcreteSubclassesOf(Type baseType, Assembly assembly)
    {
        Type[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new InvalidOperationException(
                $"{assembly.GetName().Name} has types that do not load: " + string.Join("; ", e.LoaderExceptions.Select(x => x?.Message)), e);
        }

        return types
            .Where(t => t.IsClass && !t.IsAbstract && baseType.IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .ToImmutableArray();
    }
}
