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

    private const string GateAssertions = """
        static class Assert
        {
            public static void AreEqual(int expected, int actual) { }
            public static void True(bool condition) { }
        }

        namespace NUnit.Framework
        {
            [System.AttributeUsage(System.AttributeTargets.Method)] public sealed class TestAttribute : System.Attribute { }
        }
        """;

    [Fact]
    public Task A_bounded_gate_whose_outcome_the_test_checks_next_is_a_deadline() => Verify102.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        class RetryTests
        {
            [NUnit.Framework.Test]
            public async Task RetriesUntilItSucceeds()
            {
                var countdown = new CountdownEvent(5);
                var handled = new ConcurrentBag<int>();
                var signal = new ManualResetEvent(false);
                await Task.Yield();

                _ = countdown.Wait(TimeSpan.FromSeconds(10));
                Assert.AreEqual(0, countdown.CurrentCount);

                countdown.Wait(TimeSpan.FromSeconds(10));
                // then
                Assert.AreEqual(0, countdown.CurrentCount);

                _ = signal.WaitOne(TimeSpan.FromSeconds(5));
                Assert.AreEqual(3, handled.Count);

                using (new Timer(_ => signal.Set()))
                {
                    _ = signal.WaitOne(TimeSpan.FromSeconds(5));
                }

                Assert.AreEqual(3, handled.Count);

                using (var reset = new AutoResetEvent(false))
                {
                    using (new Timer(_ => reset.Set()))
                    {
                        _ = reset.WaitOne(TimeSpan.FromSeconds(5));
                    }
                }

                Assert.AreEqual(3, handled.Count);
            }
        }

        """ + GateAssertions);

    [Fact]
    public Task An_unbounded_gate_or_one_whose_outcome_nothing_checks_still_blocks() => Verify102.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class RetryTests
        {
            [NUnit.Framework.Test]
            public async Task RetriesUntilItSucceeds()
            {
                var countdown = new CountdownEvent(5);
                var other = new ManualResetEventSlim();
                await Task.Yield();

                {|ASYNC102:countdown.Wait()|};
                Assert.AreEqual(0, countdown.CurrentCount);

                {|ASYNC102:countdown.Wait(TimeSpan.FromSeconds(10))|};
                Console.WriteLine("done");

                // The assertion after a kept-but-ignored result is about something else.
                {|ASYNC102:other.Wait(TimeSpan.FromSeconds(1))|};
                Assert.AreEqual(0, countdown.CurrentCount);
            }
        }

        """ + GateAssertions);

    [Fact]
    public Task A_bounded_task_wait_then_a_test_of_its_status_in_a_test_is_a_deadline() => Verify101.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class LogTests
        {
            [NUnit.Framework.Test]
            public async Task CommitIsCancelledWhenSlow()
            {
                using var cts = new CancellationTokenSource();
                var writer = Task.Run(() => Thread.Sleep(10), cts.Token);
                await Task.Yield();
                writer.Wait(4000, cts.Token);
                if (writer.Status != TaskStatus.RanToCompletion)
                {
                    cts.Cancel();
                }

                var second = Task.Run(() => Thread.Sleep(10), cts.Token);
                second.Wait(4000, cts.Token);

                // A flag declared for the check is no step between.
                bool wasCanceled = false;
                if (second.Status != TaskStatus.RanToCompletion)
                {
                    wasCanceled = true;
                }

                Assert.True(!wasCanceled);
            }

            // Outside a test the same wait blocks a pool thread for up to four seconds.
            public async Task CommitAsync(CancellationTokenSource cts)
            {
                var writer = Task.Run(() => Thread.Sleep(10), cts.Token);
                await Task.Yield();
                {|ASYNC101:writer.Wait(4000, cts.Token)|};
                if (writer.Status != TaskStatus.RanToCompletion)
                {
                    cts.Cancel();
                }
            }
        }

        """ + GateAssertions);

    [Fact]
    public Task A_test_that_fails_when_a_bounded_wait_times_out_is_a_deadline_also_in_its_lambdas() => Verify102.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Xunit
        {
            [AttributeUsage(AttributeTargets.Method)] public sealed class FactAttribute : Attribute { }
            public static class Assert
            {
                public static void Fail(string message) => throw new Exception(message);
                public static async Task ThrowsAsync<T>(Func<Task> f) where T : Exception { await f(); }
            }
        }

        public class ConcurrencyTests
        {
            [Xunit.Fact]
            public async Task Handles_concurrency()
            {
                using var saved = new ManualResetEvent(false);
                var first = Task.Run(async () => { await Task.Delay(10); saved.Set(); });
                var second = Task.Run(async () =>
                {
                    await Xunit.Assert.ThrowsAsync<InvalidOperationException>(async () =>
                    {
                        await Task.Yield();
                        if (!saved.WaitOne(5000))
                        {
                            Xunit.Assert.Fail("saved timeout");
                        }

                        if (!(saved.WaitOne(TimeSpan.FromSeconds(5)))) throw new TimeoutException();
                        throw new InvalidOperationException();
                    });
                });
                await Task.WhenAll(first, second);
                if (!{|ASYNC102:saved.WaitOne(5000)|}) { Console.WriteLine("timeout"); }
            }

            public async Task NotATest(ManualResetEvent saved)
            {
                await Task.Yield();
                if (!{|ASYNC102:saved.WaitOne(5000)|}) throw new TimeoutException();
            }
        }
        """);
}
