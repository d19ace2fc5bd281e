using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Project helpers whose dropped result is nothing new: an extension that only attaches a continuation to the task it
/// extends (an observer, like <c>ContinueWith</c>), and a method that hands back, for chaining, the value it was given.
/// </summary>
public sealed class ASYNC201ChainingHelperTests
{
    [Fact]
    public Task Extension_that_only_continues_the_task_it_extends_is_an_observer() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        internal static class TaskContinuations
        {
            public static Task Then<TState>(this Task task, Action<Task, TState> next, TState state, CancellationToken token)
                => task.ContinueWith(
                    static (t, boxed) => { var (action, value) = ((Action<Task, TState>, TState))boxed!; action(t, value); },
                    (next, state), token, TaskContinuationOptions.None, TaskScheduler.Default);

            public static Task AfterThat(this Task task, Action<Task> next)
            {
                return task.ContinueWith(next, TaskScheduler.Default);
            }
        }

        public sealed class Forwarder
        {
            private void Complete(Task t) => Console.WriteLine(t.IsFaulted ? "failed" : "done");

            public void Watch(Task task)
            {
                task.Then(static (t, self) => self.Complete(t), this, CancellationToken.None);
                task.AfterThat(Complete);
            }
        }
        """);

    [Fact]
    public Task Extension_that_unwraps_new_work_or_starts_it_first_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        internal static class Uploads
        {
            public static Task ThenUpload(this Task task, Func<Task> upload) => task.ContinueWith(_ => upload()).Unwrap();

            public static Task ThenSave(this Task task, Func<Task> save)
            {
                var saving = save();
                return task.ContinueWith(_ => saving);
            }
        }

        public sealed class Uploader
        {
            public Task UploadAsync() => Task.Delay(1);

            public void Go(Task before)
            {
                {|ASYNC201:before.ThenUpload(UploadAsync)|};
                {|ASYNC201:before.ThenSave(UploadAsync)|};
            }
        }
        """);

    [Fact]
    public Task Method_that_hands_back_the_value_it_was_given_drops_nothing_new() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Reply
        {
            private readonly TaskCompletionSource<int> source = new();

            public void Fail(Exception error) => source.TrySetException(error);

            public TaskAwaiter<int> GetAwaiter() => source.Task.GetAwaiter();
        }

        public static class Replies
        {
            private static Reply Cancel(Reply reply, CancellationToken token)
            {
                reply.Fail(new OperationCanceledException(token));
                return reply;
            }

            private static Task Track(Task task)
            {
                Console.WriteLine("tracking");
                return task;
            }

            public static void Register(Reply reply, Task pending, CancellationToken token)
            {
                token.Register(() => { Cancel(reply, token); });
                Track(pending);
            }

            private static Task LoadAsync() => Task.Delay(1);

            public static void Start() => {|ASYNC201:Track(LoadAsync())|};
        }
        """);
}
