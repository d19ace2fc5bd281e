using AsyncLint.Analyzers.Blocking;
using AsyncLint.CodeFixes.Blocking;
using AsyncLint.Tests.Infrastructure;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncLint.Tests.Robustness;

/// <summary>
/// Bugs the robustness suite found, kept as regression tests. Found by <see cref="FixSafetyTests"/> on the
/// unusual-syntax snippet "RefStructLocalsInAsyncMethods": the ASYNC103 fix turned <c>Thread.Sleep</c> into
/// <c>await Task.Delay</c> between two uses of a <c>Span&lt;T&gt;</c> (or <c>ref</c>) local, which C# 13 allows in an
/// async method only when it does not live across an await: CS4007 / CS9217, which the compiler reports only when it
/// emits (Microsoft.CodeAnalysis.Testing's "fixed code compiles" check does not emit, so it let this through).
/// </summary>
public sealed class FixRegressionTests
{
    [Fact]
    public Task No_fix_when_a_span_local_is_used_after_the_sleep()
        => Verify<ASYNC10xBlockingCallAnalyzer, ASYNC103ThreadSleepCodeFix>.NoCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> FillAsync()
                {
                    Span<int> buffer = new int[4];
                    buffer[0] = 1;
                    {|ASYNC103:Thread.Sleep(10)|};
                    buffer[1] = buffer[0] + 1;
                    await Task.Yield();
                    return 0;
                }
            }
            """);

    [Fact]
    public Task No_fix_when_a_ref_local_is_used_after_the_sleep()
        => Verify<ASYNC10xBlockingCallAnalyzer, ASYNC103ThreadSleepCodeFix>.NoCodeFixAsync("""
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task BumpAsync(int[] values)
                {
                    ref int first = ref values[0];
                    first++;
                    {|ASYNC103:Thread.Sleep(1)|};
                    first++;
                    await Task.Yield();
                }
            }
            """);

    [Fact]
    public Task No_fix_when_a_span_declared_outside_a_loop_is_used_in_it_before_the_sleep()
        => Verify<ASYNC10xBlockingCallAnalyzer, ASYNC103ThreadSleepCodeFix>.NoCodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task PollAsync(int[] data)
                {
                    ReadOnlySpan<int> view = data;
                    for (var i = 0; i < view.Length; i++)
                    {
                        Console.WriteLine(view[i]);
                        {|ASYNC103:Thread.Sleep(1)|};
                    }

                    await Task.Yield();
                }
            }
            """);

    [Fact]
    public Task Fix_when_the_span_is_out_of_scope_or_no_longer_used()
        => Verify<ASYNC10xBlockingCallAnalyzer, ASYNC103ThreadSleepCodeFix>.CodeFixAsync("""
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> CheckAsync(string text)
                {
                    {
                        ReadOnlySpan<char> span = text.AsSpan();
                        if (span.Length == 0) return -1;
                    }

                    {|ASYNC103:Thread.Sleep(10)|};
                    Span<int> last = new int[1];
                    last[0] = text.Length;
                    {|ASYNC103:Thread.Sleep(10)|};
                    await Task.Yield();
                    return 1;
                }
            }
            """, """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> CheckAsync(string text)
                {
                    {
                        ReadOnlySpan<char> span = text.AsSpan();
                        if (span.Length == 0) return -1;
                    }

                    await Task.Delay(10);
                    Span<int> last = new int[1];
                    last[0] = text.Length;
                    await Task.Delay(10);
                    await Task.Yield();
                    return 1;
                }
            }
            """);

    [Fact]
    public async Task The_offered_fix_emits_without_errors()
    {
        // The check Microsoft.CodeAnalysis.Testing does not make: emit the fixed code, so that async lowering runs.
        const string source = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class C
            {
                async Task<int> CheckAsync(string text)
                {
                    Span<int> last = new int[1];
                    last[0] = text.Length;
                    Thread.Sleep(10);
                    await Task.Yield();
                    return 1;
                }
            }
            """;
        var project = RobustnessFixing.CreateProject([("Main.cs", source)], ReferenceSet.Net100, LanguageVersion.Default);
        var (_, outcome) = await RobustnessFixing.AnalyzeAsync(project, [new ASYNC10xBlockingCallAnalyzer()]);
        var diagnostic = Assert.Single(outcome.Diagnostics);
        var action = Assert.Single(await RobustnessFixing.GetActionsAsync(new ASYNC103ThreadSleepCodeFix(), project.Documents.Single(), diagnostic));
        var fixedSolution = await RobustnessFixing.ApplyAsync(action);
        var compilation = await fixedSolution!.Projects.Single().GetCompilationAsync();
        Assert.Empty(RobustnessAnalysis.Errors(compilation!, emit: true));
        Assert.Contains("await Task.Delay(10);", (await fixedSolution.Projects.Single().Documents.Single().GetTextAsync()).ToString(), StringComparison.Ordinal);
    }
}
