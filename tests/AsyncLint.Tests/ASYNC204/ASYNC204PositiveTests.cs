using AsyncLint.Tests.Verifiers;
using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

public sealed class ASYNC204PositiveTests
{
    [Fact]
    public Task List_ForEach_with_an_async_lambda() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names)
            {
                names.ForEach({|ASYNC204:async name =>|} await SaveAsync(name));
                await Task.Yield();
            }

            Task SaveAsync(string name) => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Parallel_ForEach_and_Parallel_For_with_async_lambdas() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void Run(IEnumerable<int> ids)
            {
                Parallel.ForEach(ids, {|ASYNC204:async id =>|} await Task.Delay(id));
                Parallel.For(0, 10, {|ASYNC204:async i =>|} { await Task.Delay(i); });
            }
        }
        """);

    [Fact]
    public Task New_Thread_and_Timer_callbacks() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void Start()
            {
                var thread = new Thread({|ASYNC204:async () =>|} await Task.Delay(1));
                var timer = new Timer({|ASYNC204:async _ =>|} await Task.Delay(1), null, 0, 1000);
                ThreadPool.QueueUserWorkItem({|ASYNC204:async _ =>|} await Task.Delay(1));
            }
        }
        """);

    [Fact]
    public Task Guarded_lambda_in_List_ForEach_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<int> ids)
            {
                ids.ForEach({|ASYNC204:async id =>|}
                {
                    try { await Task.Delay(id); }
                    catch (Exception) { }
                });
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Action_local_and_assignment() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action? callback;

            void Configure()
            {
                Action<int> log = {|ASYNC204:async x =>|} await Task.Delay(x);
                callback = {|ASYNC204:async () =>|} { await Task.Delay(1); };
            }
        }
        """);

    [Fact]
    public Task Action_parameter_of_a_user_method() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Bus
        {
            public void Subscribe<T>(Action<T> handler) { }
        }

        class C
        {
            void Wire(Bus bus) => bus.Subscribe<string>({|ASYNC204:async message =>|} await Task.Delay(message.Length));
        }
        """);

    [Fact]
    public Task Async_anonymous_method() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action Make() => {|ASYNC204:async delegate|} { await Task.Delay(1); };
        }
        """);

    [Fact]
    public Task Parallel_ForEach_on_net8() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<int> ids)
            {
                Parallel.ForEach(ids, {|ASYNC204:async id =>|} await Task.Delay(id));
                await Task.Yield();
            }
        }
        """, TargetFramework.Net80);

    [Fact]
    public Task Message_names_the_target_and_the_replacement() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>
    {
        TestCode = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task RunAsync(List<int> ids)
                {
                    ids.ForEach({|#0:async id =>|} await Task.Delay(id));
                    Action<int> log = {|#1:async x =>|} await Task.Delay(x);
                    await Task.Yield();
                }
            }
            """,
        ExpectedDiagnostics =
        {
            VerifyAnalyzer.Diagnostic("ASYNC204").WithLocation(0).WithArguments("passed to 'List<T>.ForEach'", "use 'foreach' with 'await'"),
            VerifyAnalyzer.Diagnostic("ASYNC204").WithLocation(1).WithArguments("assigned to 'Action<int>'", "take a Func<Task> and await it, or make the lambda synchronous"),
        },
    }.RunAsync();

    [Fact]
    public Task Lambda_posted_to_a_context_the_project_did_not_write() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            void Run(SynchronizationContext context, Func<Task> work)
            {
                context.Post({|ASYNC204:async _ =>|} await work(), null);
            }
        }
        """);
}
