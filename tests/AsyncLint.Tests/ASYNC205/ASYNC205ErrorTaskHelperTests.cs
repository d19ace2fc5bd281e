using AsyncLint.Analyzers.Unobserved;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// A catch that turns a synchronous throw into a failed task through a helper: one that forwards the caught exception
/// to a static <c>FromException</c> (also of a referenced library), to another such helper, or fails a fresh
/// TaskCompletionSource with it. A catch that retries, or a helper that does something else, stays reported.
/// </summary>
public sealed class ASYNC205ErrorTaskHelperTests
{
    /// <summary>DotNetty.Common's shape: a TaskEx with FromException, compiled apart and referenced as metadata.</summary>
    private static MetadataReference TaskExLibrary() => MetadataLibrary.Compile("Common.Concurrency", """
        using System;
        using System.Threading.Tasks;

        namespace Common.Concurrency
        {
            public static class TaskEx
            {
                public static Task FromException(Exception exception)
                {
                    var source = new TaskCompletionSource<int>();
                    source.TrySetException(exception);
                    return source.Task;
                }

                public static ValueTask<T> FromException<T>(Exception exception) => new(Task.FromException<T>(exception));

                public static Task Recover(Exception exception) => Task.Delay(1);
            }
        }
        """);

    private static Task RunAsync(string source)
    {
        var test = new AsyncLintAnalyzerTest<ASYNC205TaskReturnedFromUsingOrTryAnalyzer> { TestCode = source };
        test.TestState.AdditionalReferences.Add(TaskExLibrary());
        return test.RunAsync();
    }

    [Fact]
    public Task Trap_a_catch_that_composes_a_failed_task_through_helpers() => RunAsync("""
        using System;
        using System.Threading.Tasks;
        using Common.Concurrency;

        public interface IHandler { Task BindAsync(object context, string address); ValueTask<int> ReadAsync(object context); }

        public class HandlerContext
        {
            readonly IHandler handler;
            public HandlerContext(IHandler handler) => this.handler = handler;

            public Task InvokeBindAsync(string address)
            {
                try
                {
                    return handler.BindAsync(this, address);
                }
                catch (Exception ex)
                {
                    return ComposeExceptionTask(ex);
                }
            }

            public Task InvokeBindTwiceRemovedAsync(string address)
            {
                try { return handler.BindAsync(this, address); }
                catch (Exception ex) { return Fail(ex); }
            }

            public Task InvokeBindByHandAsync(string address)
            {
                try { return handler.BindAsync(this, address); }
                catch (Exception ex) { return FailByHand(ex); }
            }

            public ValueTask<int> InvokeReadAsync()
            {
                try { return handler.ReadAsync(this); }
                catch (Exception ex) { return FailRead<int>(ex); }
            }

            static Task ComposeExceptionTask(Exception cause) => TaskEx.FromException(cause);

            static Task Fail(Exception cause)
            {
                return Compose(cause);
            }

            static Task Compose(Exception cause) => Task.FromException(cause);

            static Task FailByHand(Exception cause)
            {
                var promise = new TaskCompletionSource();
                promise.TrySetException(cause);
                return promise.Task;
            }

            static ValueTask<T> FailRead<T>(Exception cause) => TaskEx.FromException<T>(cause);
        }
        """);

    [Fact]
    public Task A_catch_that_retries_or_hands_the_exception_to_a_helper_doing_more_is_still_reported() => RunAsync("""
        using System;
        using System.Threading.Tasks;
        using Common.Concurrency;

        public interface IHandler { Task BindAsync(object context, string address); }

        public class RetryingContext
        {
            readonly IHandler handler;
            public RetryingContext(IHandler handler) => this.handler = handler;

            public Task BindAsync(string address)
            {
                try
                {
                    {|ASYNC205:return handler.BindAsync(this, address);|}
                }
                catch (Exception)
                {
                    return handler.BindAsync(this, "fallback:" + address);
                }
            }

            public Task BindRecoveringAsync(string address)
            {
                try { {|ASYNC205:return handler.BindAsync(this, address);|} }
                catch (Exception ex) { return Recover(ex); }
            }

            public Task BindOtherwiseAsync(string address)
            {
                try { {|ASYNC205:return handler.BindAsync(this, address);|} }
                catch (Exception ex) { return Fallback(ex, address); }
            }

            public Task BindWithStaleFailureAsync(string address, Exception earlier)
            {
                try { {|ASYNC205:return handler.BindAsync(this, address);|} }
                catch (Exception) { return ComposeExceptionTask(earlier); }
            }

            static Task Recover(Exception cause) => TaskEx.Recover(cause);

            Task Fallback(Exception cause, string address)
            {
                Console.Error.WriteLine(cause);
                return handler.BindAsync(this, "fallback:" + address);
            }

            static Task ComposeExceptionTask(Exception cause) => TaskEx.FromException(cause);
        }
        """);
}
