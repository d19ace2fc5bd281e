using AsyncLint.Analyzers.FanOut;
using AsyncLint.Tests.Verifiers;

namespace AsyncLint.Tests.ASYNC303;

/// <summary>
/// A project built for several frameworks compiles the loop once per target; Task.WhenEach exists from .NET 9 on. Where
/// one of the project's targets lacks it (net8.0;net10.0), the replacement would break that build and the rule stays
/// silent on every target, as it is where WhenEach does not exist; when every target has it, the loop is reported.
/// </summary>
public sealed class ASYNC303MultiTargetTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<Task<int>> tasks)
            {
                while (tasks.Count > 0)
                {
                    var t = await {|#0:Task.WhenAny(tasks)|};
                    tasks.Remove(t);
                    Console.WriteLine(await t);
                }
            }
        }
        """;

    [Theory]
    [InlineData(null, true)]
    [InlineData("net10.0", true)]
    [InlineData("net9.0,net10.0", true)]
    [InlineData("net8.0,net10.0", false)]
    [InlineData("netstandard2.0,net10.0", false)]
    public Task Reported_only_when_every_target_has_WhenEach(string? targetFrameworks, bool reported)
    {
        var test = new AsyncLintAnalyzerTest<ASYNC303QuadraticWhenAnyLoopAnalyzer> { TestCode = Source };
        if (targetFrameworks is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\nbuild_property.AsyncLintTargetFrameworks = {targetFrameworks}\n"));
        }

        if (reported)
        {
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("ASYNC303", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning)
                .WithLocation(0).WithMessage(null));
        }

        return test.RunAsync();
    }
}
