using System.Collections.Immutable;
using AsyncLint.Analyzers.Unobserved;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>The IDE's normal state is code that does not compile yet: the analyzers must never throw on it.</summary>
public sealed class ASYNC201HalfTypedCodeTests
{
    public static TheoryData<string> Snippets => new()
    {
        "class C { void M() { Missing(); } }",
        "class C { void M() { MissingAsync().ConfigureAwait(false); } }",
        "using System.Threading.Tasks; class C { void M() { Task.Delay(; } }",
        "using System.Threading.Tasks; class C { void M() { Task.Run(async () => await ).ContinueWith(; } }",
        "using System.Threading.Tasks; class C { void M(C c) { c?.Nope?.FAsync(); } }",
        "using System.Threading.Tasks; class C { void M() => Task.Delay(1, ); }",
        "using System.Threading.Tasks; class C { void M() { var t = Task.; } }",
        "using System.Threading.Tasks; class C { void M() { var t = Unknown.RunAsync(); var u = t; } }",
        "using System.Threading.Tasks; class C { async Task M() { var t = Task.Run(() => ); await } }",
        "using System; using System.Threading.Tasks; class C { void M() { Action a = () => Task.Delay(x); } }",
        "using System.Threading.Tasks; class C { void M() { Task<Missing> t = Load(); } Task<Missing> Load() => null; }",
        "using System.Threading.Tasks; enum F { FireAndForget = 2 } class C { Task S(F f) => null; void M() { S((F)); S(F.FireAndForget | ); } }",
        "using System.Threading.Tasks; class C { void M() { lock (this) { Task.Delay(1) } } }",
        "using System.Threading.Tasks; Task.Delay(1) var t = Task.Run(",
    };

    [Theory]
    [MemberData(nameof(Snippets))]
    public async Task Analyzers_do_not_throw(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Default));
        var isProgram = !source.Contains("class ", StringComparison.Ordinal);
        var compilation = CSharpCompilation.Create(
            "HalfTyped",
            new[] { tree },
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(isProgram ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary));

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, _, _) => exceptions.Add(exception),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new ASYNC201DroppedTaskAnalyzer(), new ASYNC202UnobservedTaskLocalAnalyzer());
        var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }
}
