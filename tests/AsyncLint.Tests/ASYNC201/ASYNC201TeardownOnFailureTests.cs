using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// Closing, shutting down, disconnecting or aborting on a failure path, where the failure is already on its way: a best
/// effort whose own outcome has nowhere better to go. The same teardown on the normal path, and any other call on the
/// failure path, stay reported.
/// </summary>
public sealed class ASYNC201TeardownOnFailureTests
{
    private const string Channel = """
        interface IChannel
        {
            Task CloseAsync();
            Task WriteAsync(object message);
            Task ShutdownGracefullyAsync();
        }

        interface IPromise { bool TrySetException(Exception cause); }
        """;

    [Fact]
    public Task Teardown_in_a_catch_before_a_throw_or_in_an_error_handler_is_best_effort() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class LocalChannel
        {
            private readonly IChannel self;
            private readonly IChannel peer;

            void Deliver(object message)
            {
                try
                {
                    Console.WriteLine(message);
                }
                catch (Exception)
                {
                    // Best effort: the rethrown exception is the failure that matters.
                    self.CloseAsync();
                    peer.CloseAsync();
                    throw;
                }
            }

            public void ExceptionCaught(IChannel context, Exception cause)
            {
                Console.WriteLine(cause.Message);
                context.CloseAsync();
            }

            void Release(IChannel channel, bool closed)
            {
                if (closed)
                {
                    channel.CloseAsync();
                    throw new InvalidOperationException("the pool is closed");
                }
            }

            void Acquired(IChannel channel, IPromise promise, bool closed)
            {
                if (closed)
                {
                    promise.TrySetException(new ObjectDisposedException("pool"));
                    channel.ShutdownGracefullyAsync();
                }
            }
        }

        """ + Channel);

    [Fact]
    public Task Teardown_on_the_normal_path_and_other_calls_on_a_failure_path_are_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Handler : IDisposable
        {
            private readonly IChannel channel;

            public void Dispose() => {|ASYNC201:channel.CloseAsync()|};

            void OnCloseFrame()
            {
                {|ASYNC201:channel.CloseAsync()|};
                Console.WriteLine("closing");
            }

            void Deliver(object message)
            {
                try
                {
                    Console.WriteLine(message);
                }
                catch (Exception e)
                {
                    {|ASYNC201:channel.WriteAsync(e.Message)|};
                    throw;
                }
            }

            void Finish(bool failed)
            {
                if (failed)
                {
                    {|ASYNC201:channel.CloseAsync()|};
                    return;
                }

                // A throw before the close is not a failure the close follows.
                Console.WriteLine("done");
            }
        }

        """ + Channel);
}
