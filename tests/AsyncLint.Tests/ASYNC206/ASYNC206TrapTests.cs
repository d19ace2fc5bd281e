using AsyncLint.Analyzers.Unobserved;
using AsyncLint.Tests.Verifiers;

namespace AsyncLint.Tests.ASYNC206;

/// <summary>Cold tasks that are started, handed on, or deliberately never completed: not reported.</summary>
public sealed class ASYNC206TrapTests
{
    private static Task NoneAsync(string source) => Verify<ASYNC206NeverStartedTaskAnalyzer>.AnalyzerAsync(source);

    [Fact]
    public Task Started_before_or_after_on_any_path() => NoneAsync(
        """
        using System.Threading.Tasks;

        class Worker
        {
            public async Task RunAsync(bool inline)
            {
                var work = new Task(Step);
                if (inline) work.RunSynchronously(); else work.Start(TaskScheduler.Default);
                await work;
            }

            public Task Later()
            {
                var t = new Task(Step);
                t.Start();
                return t;
            }

            void Step() { }
        }
        """);

    [Fact]
    public Task Started_by_a_callback_the_function_registers() => NoneAsync(
        """
        using System;
        using System.Threading.Tasks;

        class Gate
        {
            public event EventHandler? Opened;

            public async Task WaitOpenAsync()
            {
                var opened = new Task(() => { });
                Opened += (_, _) => opened.Start();
                await opened;
            }
        }
        """);

    [Fact]
    public Task A_factory_of_cold_tasks_whose_callers_start_them() => NoneAsync(
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Pipeline
        {
            Task CreateStep(int n) => new Task(() => Run(n));
            Task<int> Measure() { return new Task<int>(() => 3); }

            public void Go(TaskScheduler scheduler)
            {
                var steps = new List<Task> { CreateStep(1), CreateStep(2) };
                foreach (var step in steps) step.Start(scheduler);
            }

            void Run(int n) { }
        }
        """);

    [Fact]
    public Task Handed_to_a_list_a_queue_or_a_method_that_may_start_it() => NoneAsync(
        """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Queue
        {
            private readonly List<Task> pending = new();
            private Task? current;

            public async Task EnqueueAsync()
            {
                var job = new Task(Step);
                pending.Add(job);
                await job;
            }

            public async Task ScheduleAsync()
            {
                var job = new Task(Step);
                Schedule(job);
                await job;
            }

            public async Task KeepAsync()
            {
                var job = new Task(Step);
                current = job;
                await job;
            }

            void Schedule(Task t) => t.Start();
            void Step() { }
        }
        """);

    [Fact]
    public Task A_never_completing_task_beside_a_delay_or_a_timeout() => NoneAsync(
        """
        using System;
        using System.Threading.Tasks;

        class TimeoutTests
        {
            public async Task<bool> TimesOutAsync()
            {
                var never = new Task(() => { });
                var first = await Task.WhenAny(never, Task.Delay(10));
                return first != never && !never.Wait(TimeSpan.FromMilliseconds(5)) && never.Status == TaskStatus.Created;
            }

            public Task Forever() => Task.WhenAny(new Task(() => { }), Task.Delay(1));
        }
        """);

    [Fact]
    public Task Reassigned_before_the_wait() => NoneAsync(
        """
        using System.Threading.Tasks;

        class Worker
        {
            public async Task RunAsync(bool run)
            {
                var work = new Task(Step);
                if (run) work = Task.Run(Step);
                await work;
            }

            void Step() { }
        }
        """);

    [Fact]
    public Task A_task_subclass_and_a_lambda_returning_a_cold_task() => NoneAsync(
        """
        using System;
        using System.Threading.Tasks;

        class SelfStarting : Task
        {
            public SelfStarting(Action a) : base(a) => Start();
        }

        class Worker
        {
            public async Task RunAsync()
            {
                await new SelfStarting(() => { });
                Func<Task> make = () => new Task(() => { });
                var t = make();
                t.Start();
                await t;
            }
        }
        """);

    [Fact]
    public Task Half_typed_code_does_not_throw() => NoneAsync(
        """
        using System.Threading.Tasks;

        class Worker
        {
            public async Task RunAsync()
            {
                var t = new {|CS1729:Task|}();
                await new {|CS1729:Task<int>|}();
            }
        }
        """);
}
