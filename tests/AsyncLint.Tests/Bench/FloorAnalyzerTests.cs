using System.Collections.Immutable;
using AsyncLint.Bench.Floor;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AsyncLint.Tests.Bench;

/// <summary>The floor registers exactly what the recorded analyzer registered, nested start actions included.</summary>
public sealed class FloorAnalyzerTests
{
    private const string Source = """
        using System.Threading.Tasks;

        public class C
        {
            public async Task A() => await Task.Delay(1);
            public void B() { System.Console.WriteLine(); }
            public int P => 1;
        }
        """;

    [Fact]
    public async Task Floor_mirrors_top_level_compilation_start_and_per_block_registrations()
    {
        var compilation = CSharpCompilation.Create(
            "Floor",
            [CSharpSyntaxTree.ParseText(Source)],
            Basic.Reference.Assemblies.Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var real = new RecordingAnalyzer(new BusyAnalyzer());
        await RunAsync(compilation, real);
        var floor = new FloorAnalyzer("BusyAnalyzer", real.Root, real.SupportedDiagnostics);
        var floorRecorded = new RecordingAnalyzer(floor);
        await RunAsync(compilation, floorRecorded);

        var expected = real.Root.Describe().ToList();
        Assert.Contains("Symbol NamedType", expected);
        Assert.Contains(expected, line => line.Trim() == "operation Invocation, Await");
        Assert.Contains(expected, line => line.Contains("OperationBlockEnd (in 1 of", StringComparison.Ordinal));
        Assert.Equal(expected, floorRecorded.Root.Describe().ToList());
        Assert.Equal(real.Root.ConcurrentExecution, floorRecorded.Root.ConcurrentExecution);
        Assert.Equal(real.Root.GeneratedCodeAnalysis, floorRecorded.Root.GeneratedCodeAnalysis);

        // The recorder is also the profiler: it counts the calls of each callback (2 invocations and 1 await here).
        var profile = real.Root.DescribeTimed().ToList();
        Assert.Contains(profile, line => line.TrimStart().StartsWith("operation Invocation, Await", StringComparison.Ordinal) && line.Contains(" 3 calls", StringComparison.Ordinal));
        Assert.Contains(profile, line => line.TrimStart().StartsWith("Symbol NamedType", StringComparison.Ordinal) && line.Contains(" 1 calls", StringComparison.Ordinal));
    }

    private static async Task RunAsync(Compilation compilation, DiagnosticAnalyzer analyzer)
    {
        var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false);
        _ = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync();
    }

#pragma warning disable RS1001, RS1013, RS1025, RS1026, RS1036, RS2008 // a test analyzer with an unusual shape on purpose
    private sealed class BusyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new("TEST001", "t", "m", "c", DiagnosticSeverity.Warning, true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [Rule];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterSymbolAction(_ => { }, SymbolKind.NamedType);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.Await);
                start.RegisterOperationBlockStartAction(block =>
                {
                    // Only async methods get an end action: the floor must follow per block.
                    if (block.OwningSymbol is IMethodSymbol { IsAsync: true })
                    {
                        block.RegisterOperationBlockEndAction(_ => { });
                    }
                });
            });
        }
    }
#pragma warning restore RS1001, RS1013, RS1025, RS1026, RS1036, RS2008
}
