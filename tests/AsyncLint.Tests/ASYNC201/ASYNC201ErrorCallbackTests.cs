using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A callback-style API handed the function it calls with the operation's exception delivers the failure there: the task
/// it returns is for composition. A callback for something else, or no handler at all, leaves the task the only trace.
/// </summary>
public sealed class ASYNC201ErrorCallbackTests
{
    private const string Channel = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        public interface IChannel
        {
            Task Send(byte[] data, Action sent, Action<Exception> error);
            Task Receive(byte[] buffer, Action<int> received, Action<Exception> onError);
            Task Retry(Func<Task> work, Action<Exception> onRetry);
            Task Report(Func<Task> work, Action<string> error);
        }

        public static class Callbacks
        {
            public static Task Error(this Task task, Action<Exception> fn)
            {
                task.ContinueWith(t => fn(t.Exception!.GetBaseException()), TaskContinuationOptions.OnlyOnFaulted);
                return task;
            }

            public static Task Success(this Task task, Action fn)
            {
                task.ContinueWith(_ => fn(), TaskContinuationOptions.OnlyOnRanToCompletion);
                return task;
            }
        }

        public sealed class Connection
        {
            private readonly IChannel channel;
            private readonly Action<Exception> onFault;
            public Connection(IChannel channel, Action<Exception> onFault) { this.channel = channel; this.onFault = onFault; }
            private void Close() { }
            private void Closed(Exception e) { }

        """;

    [Fact]
    public Task A_call_handed_its_error_callback_is_silent() => VerifyAnalyzer.AnalyzerAsync(Channel + """
            public void Reply(byte[] frame)
            {
                channel.Send(frame, Close, e => Close());
                channel.Send(frame, Close, Closed);
                channel.Send(frame, Close, error: onFault);
                channel.Receive(frame, n => Reply(frame), onError: e => { Console.WriteLine(e); Close(); });
            }

            public void Beat(Func<Task> post) => post().Success(Close).Error(ex => Console.WriteLine(ex.Message));
        }
        """);

    [Fact]
    public Task A_callback_for_something_else_or_no_handler_is_reported() => VerifyAnalyzer.AnalyzerAsync(Channel + """
            public void Reply(byte[] frame, Func<Task> work)
            {
                {|ASYNC201:channel.Send(frame, Close, null!)|};
                {|ASYNC201:channel.Retry(work, onRetry: e => Console.WriteLine(e))|};
                {|ASYNC201:channel.Report(work, error: m => Console.WriteLine(m))|};
            }

            public void Beat(Func<Task> post) => {|ASYNC201:post().Success(Close)|};
        }
        """);
}
