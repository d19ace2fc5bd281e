using Verify101 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;
using Verify102 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC102BlockingWaitPrimitiveAnalyzer>;
using Verify10x = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC102;

/// <summary>
/// A bounded wait whose bool a test asserts checks a deadline (ASYNC101, ASYNC102 and a twin's <c>Wait(timeout)</c>):
/// silent. The same wait unbounded, ignored or only tested by an <c>if</c> still blocks.
/// </summary>
public sealed class ASYNC102AssertedDeadlineTests
{
    // The assertion libraries' shapes, stubbed: xUnit's Assert.True/False, NUnit's Assert.That(actual, constraint) and
    // ClassicAssert.IsTrue, FluentAssertions' Should().BeTrue() and Shouldly's ShouldBeTrue().
    private const string Assertions = """
        static class Assert
        {
            public static void True(bool condition, string message = null) { }
            public static void False(bool condition) { }
            public static void That<T>(T actual, object constraint) { }
        }

        static class ClassicAssert { public static void IsTrue(bool condition) { } }
        static class Is { public static object True => null; }
        sealed class BooleanAssertions { public void BeTrue() { } }
        static class AssertionExtensions { public static BooleanAssertions Should(this bool value) => new(); }
        static class ShouldBeBooleanExtensions { public static void ShouldBeTrue(this bool value) { } }
        """;

    [Fact]
    public Task Asserted_timed_waits_on_primitives_are_deadlines() => Verify102.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class FlowControlTests
        {
            static readonly TimeSpan UnexpectedTimeout = TimeSpan.FromSeconds(10);

            async Task ReadsAreThrottledAsync(CountdownEvent latch, ManualResetEventSlim started, ManualResetEvent done, Task[] peers)
            {
                await Task.Yield();
                Assert.True(latch.Wait(TimeSpan.FromSeconds(1)));
                Assert.True(started.Wait(UnexpectedTimeout), "the write never started");
                Assert.That(done.WaitOne(5000), Is.True);
                ClassicAssert.IsTrue(Task.WaitAll(peers, UnexpectedTimeout));
                latch.Wait(1000).Should().BeTrue();
                Assert.False(started.Wait(100));
            }
        }

        """ + Assertions);

    [Fact]
    public Task Unbounded_ignored_or_branched_waits_still_block() => Verify102.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class FlowControlTests
        {
            async Task ReadsAreThrottledAsync(CountdownEvent latch, ManualResetEventSlim started, ManualResetEvent done, Task[] peers)
            {
                await Task.Yield();
                {|ASYNC102:latch.Wait()|};
                {|ASYNC102:started.Wait(TimeSpan.FromSeconds(1))|};
                Assert.True({|ASYNC102:done.WaitOne(Timeout.Infinite)|});
                Assert.True({|ASYNC102:started.Wait(Timeout.InfiniteTimeSpan)|});
                if (!{|ASYNC102:Task.WaitAll(peers, 5000)|})
                {
                    throw new TimeoutException();
                }
            }
        }

        """ + Assertions);

    [Fact]
    public Task Asserted_timed_task_wait_is_a_deadline() => Verify101.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class ServerTests
        {
            async Task ShutsDownAsync(Task serverLoop, Task<int> pending, Task clientLoop, Task listener)
            {
                await Task.Delay(10);
                Assert.True(serverLoop.Wait(TimeSpan.FromSeconds(5)));
                pending.Wait(2000).ShouldBeTrue();

                // Past an asserted wait the task is complete; these are other tasks.
                Assert.True({|ASYNC101:clientLoop.Wait(-1)|});
                {|ASYNC101:listener.Wait(TimeSpan.FromSeconds(5))|};
            }
        }

        """ + Assertions);

    [Fact]
    public Task Asserted_timed_semaphore_wait_is_a_deadline() => Verify10x.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class TaskManagerTests
        {
            async Task RunsEveryTaskAsync(SemaphoreSlim finished)
            {
                await Task.Yield();
                Assert.True(finished.Wait(TimeSpan.FromSeconds(5)));
                Assert.That(finished.Wait(5000), Is.True);
                {|ASYNC104:finished.Wait()|};
                var ok = {|ASYNC104:finished.Wait(5000)|};
                Console.WriteLine(ok);
            }
        }

        """ + Assertions);
    [Fact]
    public Task A_bounded_wait_kept_in_a_local_that_a_test_asserts_is_a_deadline() => Verify102.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class TransferTests
        {
            async Task ReceivesEveryTransferAsync(ManualResetEvent received, ManualResetEventSlim flushed, ManualResetEvent closed)
            {
                await Task.Yield();
                bool signaled = received.WaitOne(4000);
                Assert.True(signaled, "not every transfer arrived");
                bool done;
                done = flushed.Wait(TimeSpan.FromSeconds(5));
                done.Should().BeTrue();

                // Kept but only logged, or unbounded: still a blocking wait.
                var logged = {|ASYNC102:closed.WaitOne(4000)|};
                Console.WriteLine(logged);
                var forever = {|ASYNC102:closed.WaitOne(Timeout.Infinite)|};
                Assert.True(forever);
            }
        }

        """ + Assertions);
}
