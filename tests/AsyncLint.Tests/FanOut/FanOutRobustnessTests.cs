using AsyncLint.Analyzers.FanOut;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.FanOut;

/// <summary>Half-typed code (the IDE's normal state) never makes a fan-out analyzer throw, and raises nothing.</summary>
public sealed class FanOutRobustnessTests
{
    private const string Broken = """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Missing service, int[] ids, List<Task> tasks)
            {
                var a = await service.GetAsync(ids);
                var b = await Unknown.LoadAsync(a);
                var c = await service.;
                await NotDefined(1);
                await NotDefined(2);
                foreach (var id in undefinedIds) await service.GetAsync(id);
                foreach (var (x, y) in ids) await service.GetAsync(x);
                for (var i = 0; i < ids.Length; i++) await Unknown.LoadAsync(ids[i]);
                for (;;) { await service.GetAsync(1); break; }
                while (tasks.Count > 0) { var t = await Task.WhenAny(); tasks.Remove(); }
                while (tasks.Count > 0) { var t = await Task.WhenAny(tasks); }
                while () { }
            }
        }
        """;

    [Theory]
    [InlineData(TargetFramework.Net100)]
    [InlineData(TargetFramework.Net80)]
    public async Task Broken_code_raises_nothing(TargetFramework framework)
    {
        await Run<ASYNC301SequentialAwaitsAnalyzer>(framework);
        await Run<ASYNC302SequentialAwaitInLoopAnalyzer>(framework);
        await Run<ASYNC303QuadraticWhenAnyLoopAnalyzer>(framework);
    }

    private static Task Run<TAnalyzer>(TargetFramework framework)
        where TAnalyzer : Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer, new()
        => new AsyncLintAnalyzerTest<TAnalyzer>(framework)
        {
            TestCode = Broken,
            CompilerDiagnostics = CompilerDiagnostics.None,
        }.RunAsync();
}
