using System.Collections.Immutable;
using System.Reflection;
using AsyncLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Catalog;

/// <summary>One implemented rule, as the catalog shows it.</summary>
public sealed record Rule(DiagnosticDescriptor Descriptor, bool HasCodeFix, ImmutableArray<string> Analyzers)
{
    public string Id => Descriptor.Id;

    public string Title => Descriptor.Title.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public string Category => Descriptor.Category;

    public DiagnosticSeverity Severity => Descriptor.DefaultSeverity;

    /// <summary>The page under docs/rules, relative to the repository root.</summary>
    public string DocsPath => "docs/rules/" + Id + ".md";
}

/// <summary>
/// The rules that exist: every descriptor of <see cref="DiagnosticDescriptors"/> that some analyzer of
/// AsyncLint.Analyzers supports, with whether some code fix of AsyncLint.CodeFixes fixes it.
/// Descriptors no analyzer supports yet are left out.
/// </summary>
public sealed class RuleCatalog
{
    private RuleCatalog(ImmutableArray<Rule> rules, ImmutableArray<DiagnosticDescriptor> registry, ImmutableArray<string> problems)
    {
        Rules = rules;
        Registry = registry;
        Problems = problems;
    }

    /// <summary>The implemented rules, in ID order.</summary>
    public ImmutableArray<Rule> Rules { get; }

    /// <summary>Every descriptor in the registry, implemented or not, in ID order.</summary>
    public ImmutableArray<DiagnosticDescriptor> Registry { get; }

    /// <summary>Inconsistencies found while loading (an analyzer supporting a descriptor outside the registry, ...).</summary>
    public ImmutableArray<string> Problems { get; }

    public static Assembly AnalyzersAssembly => typeof(DiagnosticDescriptors).Assembly;

    public static Assembly CodeFixesAssembly => Assembly.Load(new AssemblyName("AsyncLint.CodeFixes"));

    public static RuleCatalog Load()
    {
        var problems = new List<string>();

        var registry = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        var byId = registry.ToDictionary(d => d.Id, StringComparer.Ordinal);

        var supportedBy = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var type in ConcreteTypes(AnalyzersAssembly, typeof(DiagnosticAnalyzer)))
        {
            if (type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is null)
            {
                problems.Add($"{type.Name} derives from DiagnosticAnalyzer but has no [DiagnosticAnalyzer] attribute");
                continue;
            }

            var analyzer = (DiagnosticAnalyzer)Activator.CreateInstance(type)!;
            foreach (var descriptor in analyzer.SupportedDiagnostics)
            {
                if (!byId.TryGetValue(descriptor.Id, out var registered) || !ReferenceEquals(registered, descriptor))
                {
                    problems.Add($"{type.Name} supports {descriptor.Id}, which is not the DiagnosticDescriptors.{descriptor.Id} instance");
                }

                if (!supportedBy.TryGetValue(descriptor.Id, out var analyzers))
                {
                    supportedBy[descriptor.Id] = analyzers = new SortedSet<string>(StringComparer.Ordinal);
                }

                analyzers.Add(type.Name);
            }
        }

        var fixable = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in ConcreteTypes(CodeFixesAssembly, typeof(CodeFixProvider)))
        {
            if (type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is null)
            {
                problems.Add($"{type.Name} derives from CodeFixProvider but has no [ExportCodeFixProvider] attribute");
                continue;
            }

            var fixer = (CodeFixProvider)Activator.CreateInstance(type)!;
            foreach (var id in fixer.FixableDiagnosticIds)
            {
                if (id.StartsWith("ASYNC", StringComparison.Ordinal) && !supportedBy.ContainsKey(id))
                {
                    problems.Add($"{type.Name} fixes {id}, which no analyzer reports");
                }

                fixable.Add(id);
            }
        }

        var rules = supportedBy
            .Where(pair => byId.ContainsKey(pair.Key))
            .Select(pair => new Rule(byId[pair.Key], fixable.Contains(pair.Key), pair.Value.ToImmutableArray()))
            .ToImmutableArray();
        return new RuleCatalog(rules, registry, problems.ToImmutableArray());
    }

    private static IEnumerable<Type> ConcreteTypes(Assembly assembly, Type baseType)
    {
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            types = e.Types;
        }

        return types.OfType<Type>().Where(t => t.IsClass && !t.IsAbstract && baseType.IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal);
    }
}
