using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// A using resource consulted before the return (members read to decide what to do), never handed on, and nothing
/// taken from it but plain values reaches the returned call: disposing it early changes nothing that call can see.
/// </summary>
public sealed class ASYNC205ConsultedResourceTests
{
    private const string Types = """
        public sealed class RetryPlan : IDisposable
        {
            public RetryPlan(string message) { }
            public int Attempts => 3;
            public bool CanRetry(Exception e, out TimeSpan delay) { delay = TimeSpan.FromSeconds(1); return true; }
            public RetryPlan Next() => this;
            public Stream Log { get; } = new MemoryStream();
            public void Dispose() { }
        }

        public sealed class QueueLock : IDisposable
        {
            public bool Held => true;
            public void Dispose() { }
        }

        public interface IPipe
        {
            Task Deliver(string message);
            Task Redeliver(string message, TimeSpan delay);
            Task Attach(RetryPlan plan);
            Task Record(Stream log);
        }
        """;

    [Fact]
    public Task Resource_read_to_choose_the_returned_call() => VerifyAnalyzer.AnalyzerAsync($$"""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        {{Types}}

        public sealed class Redelivery
        {
            private readonly IPipe next;
            public Redelivery(IPipe next) => this.next = next;

            public Task Send(string message)
            {
                using var plan = new RetryPlan(message);
                var error = new InvalidOperationException(message);
                if (!plan.CanRetry(error, out var delay))
                {
                    return next.Deliver(message);
                }

                return next.Redeliver(message, delay + TimeSpan.FromSeconds(plan.Attempts));
            }

            public Task SendAgain(string message)
            {
                using (var plan = new RetryPlan(message))
                {
                    var attempts = plan.Attempts;
                    return attempts > 0 ? next.Deliver(message) : Task.CompletedTask;
                }
            }
        }
        """);

    [Fact]
    public Task Resource_or_what_came_from_it_reaching_the_returned_call_is_reported() => VerifyAnalyzer.AnalyzerAsync($$"""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        {{Types}}

        public sealed class Redelivery
        {
            private readonly IPipe next;
            private RetryPlan? last;
            public Redelivery(IPipe next) => this.next = next;

            public Task HandsItOn(string message)
            {
                using var plan = new RetryPlan(message);
                if (plan.Attempts == 0) return Task.CompletedTask;
                {|ASYNC205:return next.Attach(plan);|}
            }

            public Task UsesWhatCameFromIt(string message)
            {
                using var plan = new RetryPlan(message);
                var log = plan.Next().Log;
                {|ASYNC205:return next.Record(log);|}
            }

            public Task StoresIt(string message)
            {
                using var plan = new RetryPlan(message);
                last = plan;
                {|ASYNC205:return next.Deliver(message);|}
            }

            public Task CapturesIt(string message)
            {
                using var plan = new RetryPlan(message);
                Func<int> attempts = () => plan.Attempts;
                {|ASYNC205:return next.Deliver(message + attempts());|}
            }

            public Task NeverConsulted(string message)
            {
                using var plan = new RetryPlan(message);
                {|ASYNC205:return next.Deliver(message);|}
            }

            public Task UnderALock(string message, QueueLock gate)
            {
                using var held = new QueueLock();
                if (!held.Held) return Task.CompletedTask;
                {|ASYNC205:return next.Deliver(message);|}
            }
        }
        """);
}
