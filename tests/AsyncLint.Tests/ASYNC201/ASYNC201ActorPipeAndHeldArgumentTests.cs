using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// An actor library's <c>task.PipeTo(Self)</c> hands the task's outcome, failure included, to the actor as a message; a
/// project's own look-alike is read from its body. And a helper that hands back the task it was given, called with a task
/// the caller already keeps behind a stored property.
/// </summary>
public sealed class ASYNC201ActorPipeAndHeldArgumentTests
{
    private const string ActorLibrary = """
        namespace Actors
        {
            using System;
            using System.Threading.Tasks;

            public interface ICanTell { void Tell(object message); }

            public static class PipeToSupport
            {
                public static async Task PipeTo<T>(this Task<T> task, ICanTell recipient)
                {
                    try { recipient.Tell(await task.ConfigureAwait(false)!); }
                    catch (Exception e) { recipient.Tell(e); }
                }
            }
        }
        """;

    private static Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer> WithActorLibrary(string source) => new()
    {
        TestState =
        {
            Sources = { source },
            AdditionalReferences = { Verifiers.MetadataLibrary.Compile("Actors", ActorLibrary) },
        },
    };

    [Fact]
    public Task A_library_pipe_to_an_actor_observes_the_task() => WithActorLibrary("""
        using System.Threading.Tasks;
        using Actors;

        class Worker
        {
            private readonly ICanTell self;
            public Worker(ICanTell self) => this.self = self;
            private static Task<int> LoadAsync() => Task.FromResult(42);

            public void Start()
            {
                LoadAsync().PipeTo(self);
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_project_pipe_without_a_catch_still_drops_the_failure() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface ICanTell { void Tell(object message); }

        static class Piping
        {
            // Not async itself (an async one is left to the compiler's CS4014): it returns the task of one that is.
            public static Task PipeTo<T>(this Task<T> task, ICanTell recipient) => SendResultTo(task, recipient);

            private static async Task SendResultTo<T>(Task<T> task, ICanTell recipient)
            {
                recipient.Tell((await task)!);
            }
        }

        class Worker
        {
            private readonly ICanTell self;
            public Worker(ICanTell self) => this.self = self;
            private static Task<int> LoadAsync() => Task.FromResult(42);

            public void Start()
            {
                {|ASYNC201:LoadAsync().PipeTo(self)|};
            }
        }
        """);

    [Fact]
    public Task A_library_method_of_another_name_is_still_reported() => WithActorLibrary("""
        using System.Threading.Tasks;
        using Actors;

        static class Sending
        {
            public static Task SendTo<T>(this Task<T> task, ICanTell recipient) => task;
        }

        class Worker
        {
            private readonly ICanTell self;
            public Worker(ICanTell self) => this.self = self;
            private static Task<int> LoadAsync() => Task.FromResult(42);

            public void Start()
            {
                {|ASYNC201:LoadAsync().SendTo(self)|};
            }
        }
        """).RunAsync();

    [Fact]
    public Task A_helper_handed_the_task_a_builder_keeps_returns_it_unchanged() => VerifyCS.AnalyzerAsync("""
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        class TrackedBuilder
        {
            private AsyncTaskMethodBuilder builder;
            private readonly TaskCompletionSource<bool> done = new TaskCompletionSource<bool>();
            private Task? tracked;

            public Task Pending { get; private set; } = Task.CompletedTask;

            public void SetResult()
            {
                builder.SetResult();
                Track(this.builder.Task);
                Track(done.Task);
                Track(this.Pending);
            }

            private Task Track(Task task)
            {
                tracked = task;
                return task;
            }
        }
        """);

    [Fact]
    public Task The_same_helper_handed_a_computed_property_or_new_work_drops_it() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class TrackedBuilder
        {
            private Task? tracked;

            public Task Refresh => LoadAsync();

            public void Start()
            {
                {|ASYNC201:Track(this.Refresh)|};
                {|ASYNC201:Track(LoadAsync())|};
            }

            private static Task LoadAsync() => Task.Delay(10);

            private Task Track(Task task)
            {
                tracked = task;
                return task;
            }
        }
        """);
}
