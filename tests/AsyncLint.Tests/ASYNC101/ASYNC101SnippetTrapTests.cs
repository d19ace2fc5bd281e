using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// Held-out-style snippets that look like a blocking wait and are not, from shapes peers were reported for
/// (vs-threading #217, #301, #541, #680, #693, #1123; Meziantou #564; dotnet/docs #27150) and from idioms of hot-path code.
/// </summary>
public sealed class ASYNC101SnippetTrapTests
{
    [Fact]
    public Task Await_only_when_not_completed_then_read_the_result() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadAsync(Task<int> pending)
            {
                if (!pending.IsCompleted)
                {
                    await pending.ConfigureAwait(false);
                }

                return pending.Result;
            }

            async ValueTask<int> FastPathAsync(ValueTask<int> pending)
            {
                if (!pending.IsCompletedSuccessfully)
                {
                    return await pending;
                }

                return pending.Result;
            }
        }
        """);

    [Fact]
    public Task Awaiter_checked_for_completion_before_GetResult() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadAsync(Task<int> pending)
            {
                if (pending.IsCompletedSuccessfully)
                {
                    return pending.GetAwaiter().GetResult();
                }

                return await pending;
            }
        }
        """);

    [Fact]
    public Task Switch_statement_on_the_status() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadAsync(Task<int> pending)
            {
                switch (pending.Status)
                {
                    case TaskStatus.RanToCompletion:
                        return pending.Result;
                    default:
                        return await pending;
                }
            }
        }
        """);

    [Fact]
    public Task Async_continuation_reads_its_antecedent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);
            Task SaveAsync(int value) => Task.CompletedTask;

            async Task RunAsync()
            {
                await LoadAsync().ContinueWith(async t => await SaveAsync(t.Result)).Unwrap();
                await LoadAsync().ContinueWith(async antecedent =>
                {
                    await Task.Yield();
                    await SaveAsync(antecedent.GetAwaiter().GetResult());
                }, TaskScheduler.Default).Unwrap();
            }
        }
        """);

    [Fact]
    public Task Results_after_awaiting_WhenAll_with_ConfigureAwait_in_an_expression() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> CountAsync() => Task.FromResult(1);
            Task<string> NameAsync() => Task.FromResult("n");

            async Task<string> DescribeAsync()
            {
                var count = CountAsync();
                var name = NameAsync();
                await Task.WhenAll(count, name).ConfigureAwait(false);
                return Format(name.Result, count.Result);
            }

            static string Format(string name, int count) => name + count;
        }
        """);

    [Fact]
    public Task Result_of_completed_factories() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync()
            {
                Task.CompletedTask.Wait();
                Task.CompletedTask.GetAwaiter().GetResult();
                var value = Task.FromResult(41).Result;
                await Task.Yield();
                return value + new ValueTask<int>(1).Result;
            }
        }
        """);

    [Fact]
    public Task Blocking_wait_inside_an_assertion_lambda_of_an_async_test() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class Assert
        {
            public static T Throws<T>(Action action) where T : Exception => throw new InvalidOperationException();
        }

        class Tests
        {
            Task FailAsync() => Task.FromException(new InvalidOperationException());

            public async Task Fails()
            {
                var task = FailAsync();
                Assert.Throws<AggregateException>(() => task.Wait());
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Filter_on_completed_tasks_before_reading_results() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int[]> FinishedAsync(List<Task<int>> tasks)
            {
                await Task.Delay(10);
                return tasks.Where(t => t.IsCompletedSuccessfully).Select(t => t.Result).ToArray();
            }
        }
        """);

    [Fact]
    public Task Result_of_a_type_that_is_not_a_task() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class ActionResult<T>
        {
            public T? Value { get; set; }
            public object? Result { get; set; }
        }

        class Outcome
        {
            public bool Wait() => true;
            public int GetResult() => 1;
        }

        class C
        {
            async Task<object?> RunAsync(ActionResult<int> action, Outcome outcome)
            {
                await Task.Yield();
                outcome.Wait();
                return action.Result ?? outcome.GetResult();
            }
        }
        """);

    [Fact]
    public Task Task_awaited_in_a_nested_expression_before_the_read() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync() => Task.FromResult(1);

            async Task<int> RunAsync()
            {
                var load = LoadAsync();
                var doubled = 2 * await load;
                return doubled + load.Result;
            }
        }
        """);
}
