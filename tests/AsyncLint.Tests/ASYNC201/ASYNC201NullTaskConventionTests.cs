using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Older dual sync/async code returns a null Task when the work finished synchronously or was queued for a later flush
/// that observes it: callers drop the result by contract, and could not await it blindly anyway.
/// </summary>
public sealed class ASYNC201NullTaskConventionTests
{
    private const string Writer = """
        #nullable disable
        sealed class PacketWriter
        {
            private readonly byte[] buffer = new byte[4096];
            private int used;
            private int pending;

            internal Task WriteText(string text, bool canQueue = true) => WriteText(text, 0, text.Length, canQueue);

            internal Task WriteText(string text, int offset, int length, bool canQueue = true)
            {
                if (length < buffer.Length - used)
                {
                    used += length;
                    return null;
                }

                return Flush(canQueue);
            }

            internal Task Flush(bool canQueue)
            {
                Task sent = null;
                if (!canQueue)
                {
                    sent = Task.Delay(1);
                }
                else
                {
                    pending++;
                }

                return sent;
            }

            internal Task<int> MaybeCount(bool ready) => ready ? null : Task.FromResult(used);

            internal Task SendAsync() => Task.Delay(used);

            internal Task ForwardSend() => SendAsync();
        }
        """;

    [Fact]
    public Task Trap_dropping_a_project_task_that_is_null_when_done_synchronously() => VerifyCS.AnalyzerAsync($$"""
        using System.Threading.Tasks;

        {{Writer}}

        sealed class Login
        {
            public void Send(PacketWriter writer, string user)
            {
                writer.WriteText(user);
                writer.WriteText(user, 0, 2);
                writer.Flush(canQueue: true);
                writer.MaybeCount(true);
            }
        }
        """);

    [Fact]
    public Task Project_tasks_that_are_never_null_are_reported() => VerifyCS.AnalyzerAsync($$"""
        using System.Threading.Tasks;

        {{Writer}}

        sealed class Login
        {
            public void Send(PacketWriter writer)
            {
                {|ASYNC201:writer.SendAsync()|};
                {|ASYNC201:writer.ForwardSend()|};
            }
        }
        """);
}
