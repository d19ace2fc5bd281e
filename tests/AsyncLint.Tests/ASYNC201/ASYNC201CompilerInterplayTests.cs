using AsyncLint.Analyzers.Unobserved;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// ASYNC201 never reports where the compiler's CS4014 already does. These tests run with compiler warnings on,
/// so every dropped task below must carry exactly one diagnostic: CS4014 or ASYNC201, never both, never none.
/// </summary>
public sealed class ASYNC201CompilerInterplayTests
{
    private const string Repository = """

        class Repository
        {
            public Task SaveAsync() => Task.CompletedTask;
            public Task<int> CountAsync() => Task.FromResult(1);
            public ValueTask FlushAsync() => default;
            public async Task SourceAsync() => await Task.Yield();
            public Repository Next => this;
        }
        """;

    private static Task VerifyAsync(string source, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var test = new AsyncLintAnalyzerTest<ASYNC201DroppedTaskAnalyzer>
        {
            TestCode = source,
            CompilerDiagnostics = CompilerDiagnostics.Warnings,
        };
        test.TestState.OutputKind = outputKind;
        return test.RunAsync();
    }

    [Fact]
    public Task Async_method_the_compiler_reports_plain_calls_AsyncLint_the_rest() => VerifyAsync("""
        using System.Threading.Tasks;

        class C
        {
            private readonly object gate = new object();

            async Task RunAsync(Repository repo)
            {
                {|CS4014:repo.SaveAsync()|};
                {|CS4014:repo.CountAsync()|};
                {|CS4014:repo.FlushAsync()|};
                {|CS4014:repo.SaveAsync().ConfigureAwait(false)|};
                {|CS4014:Task.Yield()|};
                {|CS4014:Task.Delay(1)|};
                {|ASYNC201:repo?.SaveAsync()|};
                {|ASYNC201:repo.Next?.FlushAsync()|};
                lock (gate)
                {
                    {|ASYNC201:repo.SaveAsync()|};
                }

                await Task.Yield();
            }
        }
        """ + Repository);

    [Fact]
    public Task Sync_method_the_compiler_reports_only_calls_to_source_async_methods() => VerifyAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo)
            {
                {|CS4014:repo.SourceAsync()|};
                {|CS4014:LocalAsync()|};
                {|ASYNC201:repo.SaveAsync()|};
                {|ASYNC201:repo.FlushAsync()|};
                {|ASYNC201:Task.Delay(1)|};

                async Task LocalAsync() => await Task.Yield();
            }

            void Expression(Repository repo) => {|CS4014:repo.SourceAsync()|};

            void ExpressionNotAsync(Repository repo) => {|ASYNC201:repo.SaveAsync()|};
        }
        """ + Repository);

    [Fact]
    public Task Lambdas_async_ones_belong_to_the_compiler() => VerifyAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                Func<Task> inAsyncLambda = async () =>
                {
                    {|CS4014:repo.SaveAsync()|};
                    await Task.Yield();
                };
                Func<Task> expressionBodied = async () => {|CS4014:repo.SaveAsync()|};
                Action inSyncLambda = () => {|ASYNC201:repo.SaveAsync()|};
                Action callsSourceAsync = () => {|CS4014:repo.SourceAsync()|};
                await inAsyncLambda();
            }
        }
        """ + Repository);

    [Fact]
    public Task Top_level_statements_the_compiler_reports_even_without_an_await() => VerifyAsync("""
        using System.Threading.Tasks;

        {|CS4014:Task.Delay(1)|};
        Sync();

        static void Sync()
        {
            {|ASYNC201:Task.Delay(1)|};
        }
        """, OutputKind.ConsoleApplication);
}
