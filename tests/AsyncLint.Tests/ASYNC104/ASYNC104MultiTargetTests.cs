using AsyncLint.Analyzers.Blocking;
using AsyncLint.Tests.Verifiers;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A project built for several frameworks: a framework twin that one of its targets lacks (File.ReadAllTextAsync on
/// .NET Framework, TextReader.ReadToEndAsync(CancellationToken) before .NET 7) would break that build, so it is no twin
/// there. Twins every target has, and single-target projects, are reported as before.
/// </summary>
public sealed class ASYNC104MultiTargetTests
{
    private const string Source = """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Fixture
        {
            async Task<int> LoadAsync(string path, Stream input, Stream output, TextReader reader, CancellationToken token)
            {
                await Task.Yield();
                var json = {|#0:File.ReadAllText(path)|};
                {|#1:input.CopyTo(output)|};
                var rest = {|#2:reader.ReadToEnd()|};
                return json.Length + rest.Length;
            }
        }
        """;

    private static Task Verify(string? targetFrameworks, params int[] reported)
    {
        var test = new AsyncLintAnalyzerTest<ASYNC10xBlockingCallAnalyzer> { TestCode = Source };
        if (targetFrameworks is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", $"is_global = true\nbuild_property.AsyncLintTargetFrameworks = {targetFrameworks}\n"));
        }

        foreach (var location in reported)
        {
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("ASYNC104", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning).WithLocation(location).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations).WithMessage(null));
        }

        return test.RunAsync();
    }

    [Fact]
    public Task Single_target_reports_every_twin() => Verify(null, 0, 1, 2);

    [Fact]
    public Task Trap_twin_missing_on_net_framework_is_not_suggested() => Verify("net8.0,net472", 1, 2);

    [Fact]
    public Task Trap_twin_missing_on_netstandard2_0_with_platform_suffix_is_not_suggested() => Verify("netstandard2.0, net8.0-windows", 1, 2);

    [Fact]
    public Task Twins_new_in_netstandard2_1_stay_reported_when_every_target_has_them() => Verify("net6.0,netstandard2.1", 0, 1, 2);

    [Theory]
    [InlineData("net462", 0)]
    [InlineData("net48", 0)]
    [InlineData("netstandard1.3", 0)]
    [InlineData("netstandard2.0", 0)]
    [InlineData("netcoreapp2.1", 0)]
    [InlineData("netstandard2.1", 1)]
    [InlineData("netcoreapp3.1", 1)]
    [InlineData("net5.0", 2)]
    [InlineData("net6.0", 3)]
    [InlineData("net7.0-android", 3)]
    [InlineData("net8.0", 4)]
    [InlineData("net9.0", 5)]
    [InlineData("net10.0", 6)]
    [InlineData("net11.0", 6)]
    [InlineData("uap10.0", 6)]
    public void Framework_levels(string framework, int level) => Assert.Equal(level, FrameworkTwinHistory.Level(framework));
}
