using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A dropped call whose comment says it is not waited for on purpose is the author's decision, as a discard would be.
/// A comment that mentions waiting without deciding against it, or marks the drop as a problem to fix, is not.
/// </summary>
public sealed class ASYNC201NoWaitCommentTests
{
    private const string Receiver = """
        using System.Threading.Tasks;

        sealed class Pump
        {
            public Task CloseAsync() => Task.CompletedTask;
            public Task FlushAsync() => Task.CompletedTask;
        }

        """;

    [Fact]
    public Task Trap_a_drop_whose_comment_says_it_is_not_waited_for_on_purpose() => VerifyCS.AnalyzerAsync(Receiver + """
        sealed class Receiver
        {
            private readonly object gate = new();

            public void Unregister(Pump pump)
            {
                lock (gate)
                {
                    // Do not wait, as it could block, which would still match the previous behavior.
                    pump.CloseAsync();
                }
            }

            public void Tick(Pump pump)
            {
                pump.FlushAsync(); // fire-and-forget: the next tick flushes again
                /* Fire and forget. */
                pump.FlushAsync();
                // No need to await the close here; the pump reports its own failures.
                pump.CloseAsync();
                // We intentionally don't wait for it.
                pump.CloseAsync();
                // The close is deliberately not awaited.
                pump.CloseAsync();
            }
        }
        """);

    [Fact]
    public Task A_comment_that_does_not_decide_against_waiting_keeps_the_report() => VerifyCS.AnalyzerAsync(Receiver + """
        sealed class Receiver
        {
            public void Tick(Pump pump)
            {
                // TODO: this is not awaited; exceptions are lost.
                {|ASYNC201:pump.FlushAsync()|};
                // Wait for the flush before closing.
                {|ASYNC201:pump.FlushAsync()|};
                {|ASYNC201:pump.CloseAsync()|}; // closes the pump
                // The pump must not be closed before the flush completes, so we wait.
                {|ASYNC201:pump.CloseAsync()|};
                // FIXME: fire and forget loses the error
                {|ASYNC201:pump.FlushAsync()|};
            }
        }
        """);
}
