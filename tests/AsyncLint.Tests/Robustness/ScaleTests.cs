using System.Collections.Immutable;
using System.Diagnostics;
using System.Text;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace AsyncLint.Tests.Robustness;

/// <summary>
/// Very large files and very deep nesting: no analyzer exception, no stack overflow (which would take the test
/// host down with it), and time that grows roughly linearly: 4× the code may cost at most 10× the time (or 1.5×
/// the compiler's own growth, measured with a trivial operation analyzer, where the compiler is superlinear).
/// Time is the process's CPU time: other work on a busy machine disturbs it far less than wall time.
/// </summary>
[Collection(RobustnessCollection.Name)]
public sealed class ScaleTests(ITestOutputHelper output)
{
    /// <summary>4× the code may cost at most this many times the CPU time (generous: GC and JIT tiering add noise).</summary>
    private const double MaxRatio = 10;

    /// <summary>Below this the small run is measurement noise: ratios are taken against at least this much.</summary>
    private static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(40);

    [Fact]
    public Task Large_file_of_async_methods_scales_linearly()
        => AssertLinearAsync("20k-line file", methods => LargeFile(methods), 500, "methods");

    [Fact]
    public Task Deeply_nested_async_lambdas() => AssertLinearAsync("nested async lambdas", NestedLambdas, 500, "levels");

    [Fact]
    public Task Deeply_nested_parentheses() => AssertLinearAsync("nested parentheses", NestedParentheses, 2000, "levels");

    [Fact]
    public Task Long_binary_chains() => AssertLinearAsync("binary chain", BinaryChain, 2000, "operands");

    [Fact]
    public Task Long_else_if_chains() => AssertLinearAsync("else-if chain", ElseIfChain, 1000, "branches");

    [Fact]
    public Task Deeply_nested_blocks_and_statements() => AssertLinearAsync("nested statements", NestedStatements, 400, "levels");

    [Fact]
    public Task Long_conditional_expression_chains() => AssertLinearAsync("conditional chain", ConditionalChain, 1000, "arms");

    [Fact]
    public Task Schema_of_many_classes_implementing_one_interface()
        => AssertLinearAsync("schema types", SchemaTypes, 2000, "types");

    [Fact]
    public Task Many_reports_in_a_file_full_of_directives()
        => AssertLinearAsync("reports between directives", ReportsBetweenDirectives, 1000, "methods");

    [Fact]
    public async Task Dense_else_if_chain_reports_every_branch()
    {
        // 1000 branches, a blocking call in each: 1000 diagnostics at depths up to 1000. The work per diagnostic
        // grows with its depth (walks up to the enclosing function), so this is quadratic: no exception, and printed.
        var builder = new StringBuilder();
        for (var i = 0; i < 1000; i++)
        {
            builder.Append(i == 0 ? "if" : "else if").Append($" (x == {i}) {{ Thread.Sleep({i}); x += Ready.Result; }}\n");
        }

        var analyzers = RobustnessComponents.CreateAnalyzers();
        var measurement = await MeasureAsync(InAsyncMethod(builder.ToString()), analyzers);
        output.WriteLine($"dense else-if chain: {measurement}");
        Assert.True(measurement.Failures.IsEmpty, string.Join("\n", measurement.Failures));
        Assert.True(measurement.Diagnostics >= 1000, $"expected a diagnostic per branch, got {measurement.Diagnostics}");
    }

    private async Task AssertLinearAsync(string what, Func<int, string> generate, int size, string unit)
    {
        var analyzers = RobustnessComponents.CreateAnalyzers();
        ImmutableArray<DiagnosticAnalyzer> baseline = [new BaselineAnalyzer()];

        // Warm up (JIT) on a small instance, then measure the 1× and 4× sizes, best of two each, with AsyncLint's
        // analyzers and with a baseline analyzer that makes the compiler build the same operation trees and report the Sleep calls.
        var warmUp = generate(Math.Max(4, size / 16));
        await MeasureAsync(warmUp, analyzers);
        await MeasureAsync(warmUp, baseline);
        var smallSource = generate(size / 4);
        var largeSource = generate(size);
        var small = Min(await MeasureAsync(smallSource, analyzers), await MeasureAsync(smallSource, analyzers));
        var smallBase = Min(await MeasureAsync(smallSource, baseline), await MeasureAsync(smallSource, baseline));
        var large = Min(await MeasureAsync(largeSource, analyzers), await MeasureAsync(largeSource, analyzers));
        var largeBase = Min(await MeasureAsync(largeSource, baseline), await MeasureAsync(largeSource, baseline));

        // Growth with AsyncLint's analyzers against the compiler's own growth on the same code (the baseline). The
        // compiler is itself superlinear on some deep shapes (nested lambdas are re-bound per target type; reporting a
        // diagnostic deep inside them makes it bind the body again to find the enclosing symbol), so the bound is
        // 10×, or 1.5× the compiler's own growth where that is worse.
        var ratio = large.Cpu.TotalMilliseconds / Math.Max(small.Cpu.TotalMilliseconds, Floor.TotalMilliseconds);
        var baselineRatio = largeBase.Cpu.TotalMilliseconds / Math.Max(smallBase.Cpu.TotalMilliseconds, Floor.TotalMilliseconds);
        var bound = Math.Max(MaxRatio, 1.5 * baselineRatio);
        output.WriteLine($"{what}: {size / 4} {unit} → {small}, baseline {smallBase.Cpu.TotalMilliseconds:F0} ms");
        output.WriteLine($"{what}: {size} {unit} → {large}, baseline {largeBase.Cpu.TotalMilliseconds:F0} ms");
        output.WriteLine($"{what}: growth on 4× the code {ratio:F1}× with AsyncLint, {baselineRatio:F1}× for the compiler alone (bound {bound:F1}×)");
        Assert.True(large.Failures.IsEmpty, $"{what}, {size} {unit}: analyzer failures:\n" + string.Join("\n", large.Failures));
        Assert.True(small.Failures.IsEmpty, $"{what}, {size / 4} {unit}: analyzer failures:\n" + string.Join("\n", small.Failures));

        // Second witness: the time spent inside AsyncLint's callbacks (the driver's per-analyzer execution time). It is
        // wall time, inflated when a busy machine deschedules a callback, while the CPU growth above is disturbed by
        // the compiler's own variance (a deep body is sometimes bound twice); a superlinear analyzer shows in both, so
        // the test fails only when both say so.
        var callbacks = TimeSpan.FromTicks(large.AnalyzerTimes.Values.Sum(t => t.Ticks));
        var callbacksSmall = TimeSpan.FromTicks(small.AnalyzerTimes.Values.Sum(t => t.Ticks));
        var callbackRatio = callbacks.TotalMilliseconds / Math.Max(callbacksSmall.TotalMilliseconds, Floor.TotalMilliseconds);
        output.WriteLine($"{what}: time in AsyncLint's callbacks {callbacksSmall.TotalMilliseconds:F0} ms → {callbacks.TotalMilliseconds:F0} ms ({callbackRatio:F1}×)");
        Assert.True(
            ratio < bound || callbackRatio < MaxRatio,
            $"{what}: on 4× the code the analysis took {ratio:F1}× the CPU time ({small.Cpu.TotalMilliseconds:F0} ms → {large.Cpu.TotalMilliseconds:F0} ms), " +
            $"the compiler alone {baselineRatio:F1}× ({smallBase.Cpu.TotalMilliseconds:F0} ms → {largeBase.Cpu.TotalMilliseconds:F0} ms), " +
            $"and AsyncLint's callbacks {callbackRatio:F1}× ({callbacksSmall.TotalMilliseconds:F0} ms → {callbacks.TotalMilliseconds:F0} ms)");
    }

    /// <summary>
    /// The compiler's cost of serving operation analyzers: an invocation action that only compares the method name
    /// and reports every <c>Thread.Sleep</c>-like call, so that the baseline also pays what the driver spends per
    /// reported diagnostic (finding the enclosing symbol for suppressions, which re-binds deep lambdas).
    /// </summary>
#pragma warning disable RS1001, RS1036 // a measuring stick inside the test assembly, never loaded by a compiler
    private sealed class BaselineAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001, RS1036
    {
        // An analyzer with no enabled descriptor is never run by the driver: borrow one.
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => [AsyncLint.Analyzers.DiagnosticDescriptors.ASYNC103];

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterOperationAction(
                static c =>
                {
                    if (((Microsoft.CodeAnalysis.Operations.IInvocationOperation)c.Operation).TargetMethod.Name == "Sleep")
                    {
                        c.ReportDiagnostic(Diagnostic.Create(AsyncLint.Analyzers.DiagnosticDescriptors.ASYNC103, c.Operation.Syntax.GetLocation(), "Thread.Sleep", "baseline", "baseline"));
                    }
                },
                OperationKind.Invocation);
        }
    }

    private sealed record Measurement(TimeSpan Cpu, int Lines, int Diagnostics, ImmutableDictionary<string, TimeSpan> AnalyzerTimes, ImmutableArray<string> Failures)
    {
        public override string ToString()
            => $"{Lines} lines, {Diagnostics} diagnostics, {Cpu.TotalMilliseconds:F0} ms CPU (analyzer callbacks, wall: {string.Join(", ", AnalyzerTimes.Select(p => $"{p.Key} {p.Value.TotalMilliseconds:F0} ms"))})";
    }

    private static Measurement Min(Measurement a, Measurement b) => a.Cpu <= b.Cpu ? a : b;

    /// <summary>Compiles and analyzes from scratch; CPU time of the whole process (the robustness collection runs alone).</summary>
    private static async Task<Measurement> MeasureAsync(string source, ImmutableArray<DiagnosticAnalyzer> analyzers)
    {
        var tree = CSharpSyntaxTree.ParseText(source, RobustnessAnalysis.ParseOptions(LanguageVersion.Default), path: "Generated.cs");
        var compilation = RobustnessAnalysis.Compile([tree], ReferenceSet.Net100);
        var failures = new List<string>();
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers,
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions([]),
                (e, analyzer, _) => { lock (failures) { failures.Add($"{RobustnessComponents.Describe(analyzer)}: {e}"); } },
                concurrentAnalysis: true,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false));

        // Collect the previous run's garbage now, so that its collection is not charged to this run.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        process.Refresh();
        var elapsed = process.TotalProcessorTime - cpu;

        var times = ImmutableDictionary.CreateBuilder<string, TimeSpan>();
        foreach (var analyzer in analyzers)
        {
            times[analyzer.GetType().Name] = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None)).ExecutionTime;
        }

        failures.AddRange(diagnostics.Where(d => d.Id is "AD0001" or "AD0002").Select(d => d.ToString()));
        return new Measurement(elapsed, tree.GetText().Lines.Count, diagnostics.Length, times.ToImmutable(), [.. failures]);
    }

    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    /// <summary>About 40 lines per method, each shape an async rule looks at: 500 methods ≈ 20k lines.</summary>
    internal static string LargeFile(int methods, string @namespace = "Generated")
    {
        var builder = new StringBuilder(Usings).AppendLine($"namespace {@namespace};").AppendLine("public sealed class Big").AppendLine("{");
        for (var i = 0; i < methods; i++)
        {
            var next = (i + 1) % methods;
            builder.Append($$"""
                    public async Task<int> Method{{i}}Async(Stream stream, List<string> items, CancellationToken ct)
                    {
                        Thread.Sleep({{i % 7}});
                        var first = await Task.FromResult({{i}});
                        var second = Task.FromResult(first).Result;
                        Task.Delay(1, ct).Wait();
                        Task.WaitAll(Task.Delay(1), Task.Delay(2));
                        foreach (var item in items)
                        {
                            await Task.Delay(item.Length, ct);
                        }

                        var a = await Load{{i}}Async(1, ct);
                        var b = await Load{{i}}Async(2, ct);
                        stream.Flush();
                        Load{{i}}Async(3, ct);
                        var pending = Load{{i}}Async(4, ct);
                        Func<Task> lambda = async () => { Thread.Sleep(1); await Task.Yield(); };
                        items.ForEach(async item => await Task.Delay(item.Length));
                        try
                        {
                            using var reader = new StringReader(items.Count.ToString());
                            if (items.Count > {{i % 5}})
                            {
                                return first + second + a + b + reader.Peek();
                            }
                        }
                        catch (InvalidOperationException) when (ct.IsCancellationRequested)
                        {
                            Thread.Sleep(0);
                        }

                        var tasks = items.Select(x => Task.FromResult(x.Length)).ToList();
                        while (tasks.Count > 0)
                        {
                            var done = await Task.WhenAny(tasks);
                            tasks.Remove(done);
                        }

                        return await Method{{next}}Async(stream, items, ct) + await pending;
                    }

                    private static Task<int> Load{{i}}Async(int value, CancellationToken ct) => Task.FromResult(value);

                """);
        }

        return builder.AppendLine("}").ToString();
    }

    /// <summary>
    /// A protocol schema (a Telegram client's thousands of message classes) deriving from one interface, whose fields name
    /// each other's interfaces, and a client holding one of them with two awaits in a row: the fan-out rule asks what the
    /// client's fields keep, through every implementation of the interface. A lookup per class name, or a walk that
    /// expands each class again from every field that names its interface, made this quadratic.
    /// </summary>
    internal static string SchemaTypes(int types)
    {
        var builder = new StringBuilder(Usings).AppendLine("namespace Schema;").AppendLine("public interface IObject { }").AppendLine("public interface IPeer : IObject { }");
        for (var i = 0; i < types; i++)
        {
            builder.AppendLine($"public sealed class Message{i} : {(i % 3 == 0 ? "IPeer" : "IObject")} {{ public IObject Body{i}; public IPeer From{i}; public Message{(i + 1) % types} Next; }}");
        }

        builder.Append("""
            public sealed class Client
            {
                private readonly IObject last;
                private readonly IPeer self;

                public async Task<int> SyncAsync(CancellationToken ct)
                {
                    var a = await FetchAsync("updates", ct);
                    var b = await FetchAsync("dialogs", ct);
                    return a + b;
                }

                private static async Task<int> FetchAsync(string what, CancellationToken ct)
                {
                    await Task.Delay(1, ct);
                    return what.Length;
                }
            }
            """);
        return builder.ToString();
    }

    /// <summary>
    /// A file with a directive in every method and a report in each: a reader of the #pragma state that walks from
    /// directive to directive before each report scans to the end of the file every time.
    /// </summary>
    internal static string ReportsBetweenDirectives(int methods)
    {
        var builder = new StringBuilder(Usings).AppendLine("namespace Directives;").AppendLine("public sealed class Worker").AppendLine("{");
        for (var i = 0; i < methods; i++)
        {
            builder.Append($$"""
                    public async Task<int> Step{{i}}Async(Stream stream)
                    {
                #if DEBUG
                        stream.Flush();
                #endif
                        Thread.Sleep({{i % 3}});
                        await Task.Yield();
                        return {{i}};
                    }

                """);
        }

        return builder.AppendLine("}").ToString();
    }

    /// <summary>
    /// In the deep shapes, one operand or branch in this many holds a blocking call. Reporting costs time in
    /// proportion to the depth of the call (the analyzer walks up to the enclosing function), so a call at every
    /// level is quadratic by nature; <see cref="Dense_else_if_chain_reports_every_branch"/> measures that case.
    /// </summary>
    private const int Sparse = 50;

    private static string InAsyncMethod(string body) => Usings + $$"""
        public sealed class Deep
        {
            private static readonly Task<int> Ready = Task.FromResult(1);

            public async Task<int> RunAsync(int x, CancellationToken ct)
            {
        {{body}}
                await Task.Yield();
                return x;
            }
        }
        """;

    internal static string NestedLambdas(int depth)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            builder.Append($"Func<Task> f{i} = async () => {{ ");
        }

        builder.Append("Thread.Sleep(1); _ = Ready.Result; await Task.Yield(); ");
        for (var i = depth - 1; i >= 0; i--)
        {
            builder.Append($"}}; await f{i}(); ");
            if (i % 20 == 0)
            {
                builder.AppendLine();
            }
        }

        return InAsyncMethod(builder.ToString());
    }

    internal static string NestedParentheses(int depth)
        => InAsyncMethod(
            $"x += {new string('(', depth)}Ready.Result{new string(')', depth)};\n" +
            $"await {new string('(', depth)}Task.Delay(1, ct){new string(')', depth)};\n" +
            $"Thread.Sleep({new string('(', depth)}x{new string(')', depth)});");

    internal static string BinaryChain(int operands)
    {
        var builder = new StringBuilder("x = Ready.Result");
        for (var i = 1; i < operands; i++)
        {
            builder.Append(i % Sparse == 0 ? " + Ready.Result" : i % 2 == 1 ? " + x" : " * 2");
            if (i % 50 == 0)
            {
                builder.AppendLine();
            }
        }

        builder.AppendLine(";");
        builder.Append("var flag = x > 0");
        for (var i = 1; i < operands; i++)
        {
            builder.Append(i % Sparse == 0 ? " || Ready.Result > " + i : i % 2 == 0 ? " && x > " + i : " || x < " + i);
        }

        return InAsyncMethod(builder.Append(";\nThread.Sleep(flag ? 1 : 0);").ToString());
    }

    internal static string ElseIfChain(int branches)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < branches; i++)
        {
            builder.Append(i == 0 ? "if" : "else if").Append(i % Sparse == 0 ? $" (x == {i}) {{ Thread.Sleep({i}); x += Ready.Result; }}\n" : $" (x == {i}) {{ x += {i}; }}\n");
        }

        return InAsyncMethod(builder.Append("else { await Task.Delay(1, ct); }").ToString());
    }

    internal static string NestedStatements(int depth)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            builder.Append((i % 4) switch
            {
                0 => $"if (x > {i}) {{ ",
                1 => $"for (var i{i} = 0; i{i} < 2; i{i}++) {{ ",
                2 => "try { ",
                _ => $"using (var d{i} = new MemoryStream()) {{ ",
            });
        }

        builder.Append("Thread.Sleep(1); x += Ready.Result; await Task.Yield(); ");
        for (var i = depth - 1; i >= 0; i--)
        {
            builder.Append(i % 4 == 2 ? (i % Sparse == 2 ? "} finally { Thread.Sleep(0); } " : "} finally { x--; } ") : "} ");
        }

        return InAsyncMethod(builder.ToString());
    }

    internal static string ConditionalChain(int arms)
    {
        var builder = new StringBuilder("x = ");
        for (var i = 0; i < arms; i++)
        {
            builder.Append(i % Sparse == 0 ? $"x == {i} ? Ready.Result + {i} : " : $"x == {i} ? {i} : ");
            if (i % 20 == 0)
            {
                builder.AppendLine();
            }
        }

        return InAsyncMethod(builder.Append("await Ready;").ToString());
    }
}
