using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Two more ways to start a background loop that cannot fault: <c>Task.Factory.StartNew(LoopAsync, …).Unwrap()</c> (the
/// inner task, as <c>Task.Run(LoopAsync)</c> gives it), and a catch-all whose filter lets only fatal exceptions through
/// when written the other way round (<c>when (ex.IsCatchableExceptionType())</c>). A narrow catch, or a filter that lets
/// ordinary exceptions through, keeps the report.
/// </summary>
public sealed class ASYNC201GuardedLoopShapesTests
{
    private const string Kinds = """

        static class ExceptionKinds
        {
            public static bool IsCatchableExceptionType(this Exception e) => e is not (OutOfMemoryException or StackOverflowException);
        }
        """;

    [Fact]
    public Task Unwrapped_start_of_a_guarded_loop_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Dispatcher
        {
            public Dispatcher() => Task.Factory.StartNew(LoopAsync, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default).Unwrap();

            private async Task LoopAsync()
            {
                try
                {
                    await Task.Delay(10);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine(ex);
                }
            }
        }
        """ + Kinds);

    [Fact]
    public Task Filter_that_lets_only_fatal_exceptions_through_is_a_catch_all() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        sealed class Worker
        {
            public Worker() => Task.Run(LoopAsync);

            private async Task LoopAsync()
            {
                try
                {
                    await Task.Delay(10);
                }
                catch (Exception ex) when (ex.IsCatchableExceptionType())
                {
                    Console.Error.WriteLine(ex);
                }
            }
        }
        """ + Kinds);

    [Fact]
    public Task Narrow_catches_are_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Worker
        {
            public Worker()
            {
                {|ASYNC201:Task.Factory.StartNew(NarrowAsync, CancellationToken.None, TaskCreationOptions.None, TaskScheduler.Default).Unwrap()|};
                {|ASYNC201:Task.Run(FilteredAsync)|};
            }

            private async Task NarrowAsync()
            {
                try
                {
                    await Task.Delay(10);
                }
                catch (IOException ex)
                {
                    Console.Error.WriteLine(ex);
                }
            }

            private async Task FilteredAsync()
            {
                try
                {
                    await Task.Delay(10);
                }
                catch (Exception ex) when (ex is TimeoutException)
                {
                    Console.Error.WriteLine(ex);
                }
            }
        }
        """ + Kinds);
}
