using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Xunit.Abstractions;

namespace AsyncLint.Tests.Robustness;

/// <summary>
/// The habits that keep analyzers safe in a host: no state shared between compilations, sealed types, concurrent
/// execution on, generated code skipped, no compilation-end actions, RS1035 (no I/O in analyzers) enforced.
/// </summary>
/// <remarks>
/// Static state policy. A host loads an analyzer assembly once and runs it on many compilations, on many threads,
/// for hours. A static field that is not readonly is shared mutable state: always a failure. A static readonly
/// field is allowed when its type is immutable: primitives, strings, enums, <see cref="ImmutableArray{T}"/> and
/// the System.Collections.Immutable types, <see cref="DiagnosticDescriptor"/>, <see cref="LocalizableString"/>,
/// <see cref="SymbolDisplayFormat"/>, <see cref="Regex"/>, delegates, and AsyncLint's own classes whose instance
/// fields are all readonly and of such types. Mutable collections (arrays, List, Dictionary, HashSet, and also
/// ConcurrentDictionary, which would cache symbols across compilations and keep them alive) are failures:
/// use an ImmutableArray/ImmutableHashSet, or a cache owned by the per-compilation object.
/// Compiler-generated types (lambda caches, state machines) are not state anyone wrote and are ignored.
/// </remarks>
[Collection(RobustnessCollection.Name)]
public sealed class HygieneTests(ITestOutputHelper output)
{
    private static readonly Assembly[] Shipped = [RobustnessComponents.AnalyzerAssembly, RobustnessComponents.CodeFixAssembly];

    [Fact]
    public void No_mutable_static_state()
    {
        var problems = new List<string>();
        var checkedFields = 0;
        foreach (var type in Shipped.SelectMany(a => a.GetTypes()).Where(t => !IsCompilerGenerated(t)))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.IsLiteral || IsCompilerGenerated(field) && field.IsInitOnly && IsImmutable(field.FieldType, []))
                {
                    continue;
                }

                checkedFields++;
                if (!field.IsInitOnly)
                {
                    problems.Add($"{type.FullName}.{field.Name}: static field that is not readonly or const (shared by every compilation and thread)");
                }
                else if (IsPerCompilationTable(field.FieldType))
                {
                    // A weak table keyed by Compilation is per-compilation state that every analyzer of that compilation
                    // shares (resolved symbols); it never outlives the compilation and never mixes two compilations.
                    // One keyed by an assembly symbol holds an immutable fact about that assembly (the namespaces it
                    // declares), shared by the compilations that reference the same assembly symbol.
                    continue;
                }
                else if (!IsImmutable(field.FieldType, []))
                {
                    problems.Add($"{type.FullName}.{field.Name}: static readonly field of mutable type {field.FieldType} (use an immutable collection or per-compilation state)");
                }
            }
        }

        output.WriteLine($"{checkedFields} static fields checked");
        Assert.True(problems.Count == 0, "mutable static state:\n" + string.Join("\n", problems));
    }

    private static bool IsPerCompilationTable(Type type)
        => type.IsGenericType
           && type.GetGenericTypeDefinition() == typeof(System.Runtime.CompilerServices.ConditionalWeakTable<,>)
           && (type.GetGenericArguments()[0] == typeof(Compilation)
               || (type.GetGenericArguments()[0] == typeof(IAssemblySymbol) && IsImmutable(type.GetGenericArguments()[1], [])));

    [Fact]
    public void Analyzer_and_fixer_instances_hold_no_mutable_state()
    {
        // One analyzer instance serves every compilation of a host: its own fields must be readonly and immutable too.
        var problems = new List<string>();
        foreach (var type in RobustnessComponents.AnalyzerTypes.Concat(RobustnessComponents.CodeFixTypes))
        {
            foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (!field.IsInitOnly || !IsImmutable(field.FieldType, []))
                {
                    problems.Add($"{type.FullName}.{field.Name} ({field.FieldType}): instance state of an object shared by every compilation");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Analyzers_and_fixers_are_sealed_and_exported()
    {
        var problems = new List<string>();
        foreach (var type in RobustnessComponents.AnalyzerTypes)
        {
            if (!type.IsSealed)
            {
                problems.Add($"{type.Name} is not sealed");
            }

            if (type.GetCustomAttribute<DiagnosticAnalyzerAttribute>() is not { } attribute || !attribute.Languages.Contains(LanguageNames.CSharp))
            {
                problems.Add($"{type.Name} has no [DiagnosticAnalyzer(LanguageNames.CSharp)]: a host would never load it");
            }
        }

        foreach (var type in RobustnessComponents.CodeFixTypes)
        {
            if (!type.IsSealed)
            {
                problems.Add($"{type.Name} is not sealed");
            }

            if (type.GetCustomAttribute<ExportCodeFixProviderAttribute>() is not { } export || !export.Languages.Contains(LanguageNames.CSharp) || string.IsNullOrEmpty(export.Name))
            {
                problems.Add($"{type.Name} has no [ExportCodeFixProvider(LanguageNames.CSharp, Name = ...)]");
            }

            if (type.GetCustomAttribute<System.Composition.SharedAttribute>() is null)
            {
                problems.Add($"{type.Name} is not [Shared]");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Every_fixable_id_is_reported_by_some_analyzer()
    {
        var reported = RobustnessComponents.CreateAnalyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        foreach (var fixer in RobustnessComponents.CreateCodeFixes())
        {
            Assert.NotEmpty(fixer.FixableDiagnosticIds);
            foreach (var id in fixer.FixableDiagnosticIds.Where(id => id.StartsWith("ASYNC", StringComparison.Ordinal)))
            {
                Assert.True(reported.Contains(id), $"{fixer.GetType().Name} fixes {id}, which no analyzer reports");
            }
        }
    }

    [Fact]
    public void Initialize_enables_concurrency_skips_generated_code_and_registers_no_compilation_end_action()
    {
        var problems = new List<string>();
        var compilation = RobustnessAnalysis.Compile(
            [CSharpSyntaxTree.ParseText("using System.Threading.Tasks; class C { async Task M() { await Task.Yield(); } }", RobustnessAnalysis.ParseOptions(LanguageVersion.Default))],
            ReferenceSet.Net100);
        foreach (var analyzer in RobustnessComponents.CreateAnalyzers())
        {
            var name = analyzer.GetType().Name;
            var context = new RecordingAnalysisContext();
            analyzer.Initialize(context);
            output.WriteLine($"{name}: {string.Join(", ", context.Calls)}");

            if (!context.Calls.Contains(nameof(AnalysisContext.EnableConcurrentExecution)))
            {
                problems.Add($"{name}.Initialize does not call EnableConcurrentExecution");
            }

            // Never Analyze: generated code is skipped before any callback (GeneratedCodeTests shows the behaviour).
            // ReportDiagnostics spares the driver a second, per-diagnostic generated-code check (src/Analyzers/Common/GeneratedCode.cs).
            if (context.GeneratedCode != GeneratedCodeAnalysisFlags.ReportDiagnostics)
            {
                problems.Add($"{name}.Initialize does not call ConfigureGeneratedCodeAnalysis(GeneratedCode.Skip) (got ConfigureGeneratedCodeAnalysis({context.GeneratedCode?.ToString() ?? "no call"}))");
            }

            foreach (var call in context.Calls.Where(c => c.StartsWith("Register", StringComparison.Ordinal) && c != nameof(AnalysisContext.RegisterCompilationStartAction)))
            {
                problems.Add($"{name}.Initialize calls {call}: the convention is RegisterCompilationStartAction only (resolve symbols once, bail out cheaply)");
            }

            // Run the compilation-start actions on a real compilation and record what they register.
            foreach (var start in context.CompilationStartActions)
            {
                var startContext = new RecordingCompilationStartContext(compilation);
                start(startContext);
                output.WriteLine($"  at compilation start: {string.Join(", ", startContext.Calls)}");
                if (startContext.Calls.Contains(nameof(CompilationStartAnalysisContext.RegisterCompilationEndAction)))
                {
                    problems.Add($"{name} registers a compilation-end action: it delays every IDE diagnostic until the whole compilation is analyzed");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void RS1035_is_an_error_for_the_analyzers_and_never_suppressed()
    {
        var project = XDocument.Load(RepoPaths.Combine("src", "Analyzers", "AsyncLint.Analyzers.csproj"));
        var properties = project.Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup").ToList();
        string Values(string name) => string.Join(";", properties.Where(p => p.Name.LocalName == name).Select(p => p.Value));

        Assert.Contains("RS1035", Values("WarningsAsErrors").Split(';', StringSplitOptions.TrimEntries));
        Assert.Equal("true", Values("EnforceExtendedAnalyzerRules").Trim(), ignoreCase: true);
        Assert.DoesNotContain("RS1035", Values("NoWarn"), StringComparison.Ordinal);

        var suppressions = new List<string>();
        var suppression = new Regex(@"#pragma\s+warning\s+disable[^\n]*RS1035|SuppressMessage\([^)]*RS1035|dotnet_diagnostic\.RS1035\.severity\s*=\s*(none|silent|suggestion)|<NoWarn>[^<]*RS1035", RegexOptions.IgnoreCase);
        var files = Directory.EnumerateFiles(RepoPaths.Combine("src"), "*", SearchOption.AllDirectories)
            .Concat(Directory.EnumerateFiles(RepoPaths.Root, "*.props", SearchOption.TopDirectoryOnly))
            .Concat(Directory.EnumerateFiles(RepoPaths.Root, "*.targets", SearchOption.TopDirectoryOnly))
            .Concat(Directory.EnumerateFiles(RepoPaths.Root, ".editorconfig", SearchOption.TopDirectoryOnly))
            .Concat(Directory.EnumerateFiles(RepoPaths.Root, "*.globalconfig", SearchOption.TopDirectoryOnly))
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => Path.GetExtension(p) is ".cs" or ".csproj" or ".props" or ".targets" or ".editorconfig" or ".globalconfig" || Path.GetFileName(p) == ".editorconfig");
        foreach (var file in files)
        {
            foreach (Match match in suppression.Matches(File.ReadAllText(file)))
            {
                suppressions.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}: {match.Value}");
            }
        }

        Assert.True(suppressions.Count == 0, "RS1035 is suppressed:\n" + string.Join("\n", suppressions));
    }

    private static bool IsCompilerGenerated(MemberInfo member)
        => member.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false)
           || member.Name.Contains('<', StringComparison.Ordinal)
           || member.DeclaringType is { } declaring && IsCompilerGenerated(declaring);

    private static readonly Type[] ImmutableTypes =
    [
        typeof(string), typeof(DiagnosticDescriptor), typeof(LocalizableString), typeof(SymbolDisplayFormat), typeof(Regex),
        typeof(TimeSpan), typeof(Guid), typeof(object), typeof(SyntaxAnnotation), typeof(StringComparer),
    ];

    private static bool IsImmutable(Type type, HashSet<Type> visiting)
    {
        if (type.IsPrimitive || type.IsEnum || type == typeof(object) || ImmutableTypes.Any(t => t != typeof(object) && t.IsAssignableFrom(type)) || typeof(Delegate).IsAssignableFrom(type))
        {
            return true;
        }

        if (type.IsArray)
        {
            return false;
        }

        if (type.Namespace == "System.Collections.Immutable")
        {
            return type.GetGenericArguments().All(a => IsImmutable(a, visiting));
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsImmutable(underlying, visiting);
        }

        // AsyncLint's own types: immutable when every instance field is readonly and immutable (recursively).
        if (Shipped.Contains(type.Assembly))
        {
            if (!visiting.Add(type))
            {
                return true;
            }

            return type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
                .All(f => f.IsInitOnly && IsImmutable(f.FieldType, visiting));
        }

        return false;
    }

    /// <summary>Records what an analyzer's Initialize asks of its host.</summary>
    private sealed class RecordingAnalysisContext : AnalysisContext
    {
        public List<string> Calls { get; } = [];

        public GeneratedCodeAnalysisFlags? GeneratedCode { get; private set; }

        public List<Action<CompilationStartAnalysisContext>> CompilationStartActions { get; } = [];

        public override void EnableConcurrentExecution() => Calls.Add(nameof(EnableConcurrentExecution));

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
            Calls.Add(nameof(ConfigureGeneratedCodeAnalysis));
            GeneratedCode = analysisMode;
        }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action)
        {
            Calls.Add(nameof(RegisterCompilationStartAction));
            CompilationStartActions.Add(action);
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => Calls.Add(nameof(RegisterCompilationAction));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Calls.Add(nameof(RegisterSemanticModelAction));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Calls.Add(nameof(RegisterSymbolAction));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Calls.Add(nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Calls.Add(nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Calls.Add(nameof(RegisterSyntaxTreeAction));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Calls.Add(nameof(RegisterSyntaxNodeAction));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Calls.Add(nameof(RegisterOperationAction));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Calls.Add(nameof(RegisterOperationBlockStartAction));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Calls.Add(nameof(RegisterOperationBlockAction));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => Calls.Add(nameof(RegisterSymbolStartAction));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => Calls.Add(nameof(RegisterAdditionalFileAction));
    }

    /// <summary>Records what a compilation-start action registers.</summary>
    private sealed class RecordingCompilationStartContext(Compilation compilation)
        : CompilationStartAnalysisContext(compilation, new AnalyzerOptions([]), CancellationToken.None)
    {
        public List<string> Calls { get; } = [];

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => Calls.Add(nameof(RegisterCompilationEndAction));

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Calls.Add(nameof(RegisterSemanticModelAction));

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Calls.Add(nameof(RegisterSymbolAction));

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Calls.Add(nameof(RegisterCodeBlockStartAction));

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Calls.Add(nameof(RegisterCodeBlockAction));

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Calls.Add(nameof(RegisterSyntaxTreeAction));

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) => Calls.Add(nameof(RegisterSyntaxNodeAction));

        public override void RegisterOperationAction(Action<OperationAnalysisContext> action, ImmutableArray<OperationKind> operationKinds) => Calls.Add(nameof(RegisterOperationAction));

        public override void RegisterOperationBlockStartAction(Action<OperationBlockStartAnalysisContext> action) => Calls.Add(nameof(RegisterOperationBlockStartAction));

        public override void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action) => Calls.Add(nameof(RegisterOperationBlockAction));

        public override void RegisterSymbolStartAction(Action<SymbolStartAnalysisContext> action, SymbolKind symbolKind) => Calls.Add(nameof(RegisterSymbolStartAction));

        public override void RegisterAdditionalFileAction(Action<AdditionalFileAnalysisContext> action) => Calls.Add(nameof(RegisterAdditionalFileAction));
    }
}
