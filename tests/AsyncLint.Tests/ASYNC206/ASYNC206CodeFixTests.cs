using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC206NeverStartedTaskAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC206NeverStartedTaskCodeFix>;

namespace AsyncLint.Tests.ASYNC206;

public sealed class ASYNC206CodeFixTests
{
    [Fact]
    public Task New_Task_becomes_Task_Run_keeping_the_type_argument_and_the_token() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Worker
        {
            public Task<object> LoadAsync() => {|ASYNC206:new Task<object>(() => "x")|};

            public async Task RunAsync(CancellationToken token)
            {
                var work = {|ASYNC206:new Task(Step, token)|};
                await work;
                await {|ASYNC206:new Task(() => Step())|};
            }

            void Step() { }
        }
        """, """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Worker
        {
            public Task<object> LoadAsync() => Task.Run<object>(() => "x");

            public async Task RunAsync(CancellationToken token)
            {
                var work = Task.Run(Step, token);
                await work;
                await Task.Run(() => Step());
            }

            void Step() { }
        }
        """);

    [Fact]
    public Task Target_typed_creation_with_a_qualified_Task() => VerifyFix.CodeFixAsync("""
        class Worker
        {
            public async System.Threading.Tasks.Task RunAsync()
            {
                System.Threading.Tasks.Task work = {|ASYNC206:new(() => { })|};
                await work;
            }
        }
        """, """
        using System.Threading.Tasks;

        class Worker
        {
            public async System.Threading.Tasks.Task RunAsync()
            {
                System.Threading.Tasks.Task work = Task.Run(() => { });
                await work;
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_state_object_or_creation_options() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        class Worker
        {
            public async Task RunAsync()
            {
                await {|ASYNC206:new Task(s => Step(s), "state")|};
                await {|ASYNC206:new Task(() => { }, TaskCreationOptions.LongRunning)|};
            }

            void Step(object? s) { }
        }
        """);
}
