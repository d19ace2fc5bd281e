using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// A reflection invoker's try: the reflection wrapper is unwrapped and rethrown, every other synchronous throw becomes a
/// faulted task, and a value task already in hand is converted with <c>AsTask()</c>. Nothing an asynchronous failure needs
/// is in those catches. A catch that translates the exception, or one that swallows it, keeps the report.
/// </summary>
public sealed class ASYNC205ReflectionInvokerTests
{
    [Fact]
    public Task Invoker_that_unwraps_reflection_and_converts_the_rest_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Reflection;
        using System.Runtime.ExceptionServices;
        using System.Threading.Tasks;

        static class Invokers
        {
            public static Func<object?, object?[], Task> Make(MethodInfo method, Func<object?, ValueTask> adapt) => (instance, args) =>
            {
                try
                {
                    var result = method.Invoke(instance, args);
                    if (result is Task task) return task;
                    if (result is ValueTask valueTask) return valueTask.AsTask();
                    return adapt(result).AsTask();
                }
                catch (TargetInvocationException tie)
                {
                    ExceptionDispatchInfo.Capture(tie.InnerException ?? tie).Throw();
                    throw;
                }
                catch (Exception ex)
                {
                    return Task.FromException(ex);
                }
            };

            public static Task Run(Func<Task> work)
            {
                try { return work(); }
                catch (OperationCanceledException) { throw; }
                catch (Exception ex) { return Task.FromException(ex); }
            }
        }
        """);

    [Fact]
    public Task Catches_that_translate_or_swallow_are_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        sealed class StoreException : Exception { public StoreException(Exception inner) : base("store", inner) { } }

        static class Store
        {
            // The translation only sees synchronous failures: the asynchronous ones bypass it.
            public static Task Save(Func<Task> write)
            {
                try { {|ASYNC205:return write();|} }
                catch (InvalidOperationException e) { throw new StoreException(e); }
                catch (Exception ex) { return Task.FromException(ex); }
            }

            public static Task Run(Func<ValueTask> work)
            {
                try { {|ASYNC205:return work().AsTask();|} }
                catch (Exception ex) { Console.WriteLine(ex); return Task.CompletedTask; }
            }
        }
        """);
}
