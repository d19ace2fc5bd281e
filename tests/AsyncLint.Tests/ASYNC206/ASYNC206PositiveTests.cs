using AsyncLint.Analyzers.Unobserved;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace AsyncLint.Tests.ASYNC206;

/// <summary>A cold task (<c>new Task(…)</c>) that reaches a wait with nothing to start it: the waiter hangs.</summary>
public sealed class ASYNC206PositiveTests
{
    internal static Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new AsyncLintAnalyzerTest<ASYNC206NeverStartedTaskAnalyzer> { TestCode = source };
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }

    internal static DiagnosticResult Hit(int creation) => new DiagnosticResult("ASYNC206", DiagnosticSeverity.Warning).WithLocation(creation);

    internal static DiagnosticResult Hit(int creation, int wait) => Hit(creation).WithLocation(wait);

    [Fact]
    public Task A_cold_task_returned_beside_a_running_one_hangs_the_callers_who_await_it() => VerifyAsync(
        """
        using System;
        using System.Threading.Tasks;

        class Toasts
        {
            Task CloseLater(TimeSpan? after)
            {
                if (after is { } delay)
                {
                    return Task.Delay(delay).ContinueWith(_ => Close(), TaskScheduler.Default);
                }

                return {|#0:new Task(() => Close())|};
            }

            void Close() { }

            public async Task ShowAsync(TimeSpan? after) => await CloseLater(after);
        }
        """,
        Hit(0).WithMessage("This task is created with 'new Task' and never started, yet it is returned by 'CloseLater', whose other return hands back a running task: it will never complete; create it running with 'Task.Run'"));

    [Fact]
    public Task A_cold_task_in_one_branch_of_a_conditional_return() => VerifyAsync(
        """
        using System.Threading.Tasks;

        class Jobs
        {
            Task Later(bool now) { return now ? Task.CompletedTask : {|#0:new Task(Work)|}; }
            void Work() { }
        }
        """,
        Hit(0));

    [Fact]
    public Task Returned_from_an_Async_method_its_callers_expect_running() => VerifyAsync(
        """
        using System.Threading.Tasks;

        class Reports
        {
            public Task<int> CountAsync() => {|#0:new Task<int>(() => 42)|};
        }
        """,
        Hit(0).WithMessage("This task is created with 'new Task<int>' and never started, yet it is returned by 'CountAsync', whose callers expect a running task: it will never complete; create it running with 'Task.Run'"));

    [Fact]
    public Task Awaited_directly() => VerifyAsync(
        """
        using System.Threading.Tasks;

        class Worker
        {
            public async Task RunAsync()
            {
                await {|#0:new Task(() => Step())|};
            }

            void Step() { }
        }
        """,
        Hit(0).WithMessage("This task is created with 'new Task' and never started, yet it is awaited: it will never complete; create it running with 'Task.Run'"));

    [Fact]
    public Task A_local_awaited_later_is_reported_at_the_creation_with_the_await_as_second_location() => VerifyAsync(
        """
        using System.Threading.Tasks;

        class Worker
        {
            public async Task<int> RunAsync()
            {
                var work = {|#0:new Task<int>(Compute)|};
                Prepare();
                return {|#1:await work.ConfigureAwait(false)|};
            }

            int Compute() => 1;
            void Prepare() { }
        }
        """,
        Hit(0, 1).WithMessage("This task is created with 'new Task<int>' and never started, yet it is awaited on line 9: it will never complete; create it running with 'Task.Run'"));

    [Fact]
    public Task Blocking_waits_and_WhenAll_on_a_local() => VerifyAsync(
        """
        using System.Threading.Tasks;

        class Worker
        {
            public void Block()
            {
                var first = {|#0:new Task(Step)|};
                {|#1:first.Wait()|};
            }

            public int Read()
            {
                Task<int> second = {|#2:new Task<int>(() => 2)|};
                return {|#3:second.Result|};
            }

            public Task All()
            {
                var a = {|#4:new Task(Step)|};
                var b = Task.Run(Step);
                return {|#5:Task.WhenAll(a, b)|};
            }

            void Step() { }
        }
        """,
        Hit(0, 1).WithArguments("Task", "it is blocked on with 'Wait()' on line 8"),
        Hit(2, 3).WithArguments("Task<int>", "its 'Result' is read on line 14"),
        Hit(4, 5).WithArguments("Task", "it is waited for with 'Task.WhenAll' on line 21"));

    [Fact]
    public Task A_local_function_named_Async_and_a_target_typed_creation() => VerifyAsync(
        """
        using System.Threading.Tasks;

        class Worker
        {
            public Task Go()
            {
                return LoadAsync();

                Task LoadAsync()
                {
                    Task cold = {|#0:new(() => { })|};
                    {|#1:return cold;|}
                }
            }
        }
        """,
        Hit(0, 1).WithArguments("Task", "it is returned by 'LoadAsync', whose callers expect a running task on line 12"));

    [Fact]
    public Task WhenAll_and_WaitAll_with_a_params_array_on_net8()
    {
        var test = new AsyncLintAnalyzerTest<ASYNC206NeverStartedTaskAnalyzer>(TargetFramework.Net80)
        {
            TestCode = """
                using System.Threading.Tasks;

                class Worker
                {
                    public void All()
                    {
                        var a = {|#0:new Task(Step)|};
                        {|#1:Task.WaitAll(a, Task.CompletedTask)|};
                        Task.WaitAll(new[] { {|#2:new Task(Step)|} });
                    }

                    void Step() { }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(Hit(0, 1).WithArguments("Task", "it is waited for with 'Task.WaitAll' on line 8"));
        test.ExpectedDiagnostics.Add(Hit(2).WithArguments("Task", "it is waited for with 'Task.WaitAll'"));
        return test.RunAsync();
    }
}
