using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A send that puts a promise on a queue for a writer and returns the promise's task hands back a receipt: whoever takes
/// the promise does the work and owns its failure, so dropping the receipt loses nothing. A promise the method completes
/// itself, a generic result, and a method that awaits stay reported.
/// </summary>
public sealed class ASYNC201QueuedReceiptTests
{
    private const string Peer = """
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Message { public int Nonce; }

        sealed class Outgoing
        {
            public Message Payload = null!;
            public TaskCompletionSource<bool> Completion = null!;
        }

        sealed class PeerConnection
        {
            private readonly BlockingCollection<Outgoing> queue = new();
            private readonly ConcurrentQueue<(Message, TaskCompletionSource<bool>)> urgent = new();
            private readonly Dictionary<int, TaskCompletionSource<object?>> pending = new();
            public bool IsConnected { get; private set; } = true;

            // A writer thread sends each message in order and completes its receipt; on failure it disconnects the peer.
            public Task SendMessageAsync(Message payload)
            {
                var completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
                if (!IsConnected)
                {
                    completion.SetException(new InvalidOperationException("The peer has been disconnected"));
                    return completion.Task;
                }

                Action enqueue = () => queue.Add(new Outgoing { Payload = payload, Completion = completion });
                enqueue();
                return completion.Task;
            }

            public Task SendUrgentAsync(Message payload)
            {
                var receipt = new TaskCompletionSource<bool>();
                urgent.Enqueue((payload, receipt));
                return receipt.Task;
            }

            public Task RequestAsync(Message payload)
            {
                var answer = new TaskCompletionSource<object?>();
                pending[payload.Nonce] = answer;
                return answer.Task;
            }

            public Message Receive(CancellationToken token) => new Message();
        }

        """;

    [Fact]
    public Task Dropped_receipt_of_a_queued_send_is_silent() => VerifyCS.AnalyzerAsync(Peer + """
        sealed class PingBehavior
        {
            public void OnPing(PeerConnection node, Message ping)
            {
                node.SendMessageAsync(new Message { Nonce = ping.Nonce });
                node.SendUrgentAsync(ping);
            }

            public Message Request(PeerConnection node, CancellationToken token)
            {
                node.RequestAsync(new Message());
                return node.Receive(token);
            }
        }
        """);

    [Fact]
    public Task A_promise_completed_by_the_method_itself_or_a_result_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        sealed class Sender
        {
            private readonly Socket socket = null!;

            // The method completes its own promise from the socket's callback: its task is the only report of the failure.
            public Task SendAsync(byte[] bytes)
            {
                var tcs = new TaskCompletionSource<bool>();
                socket.BeginSend(bytes, 0, bytes.Length, SocketFlags.None, ar =>
                {
                    try { socket.EndSend(ar); tcs.SetResult(true); }
                    catch (Exception e) { tcs.SetException(e); }
                }, null);
                return tcs.Task;
            }

            // A receipt that carries a value is an answer, not a receipt.
            public Task<int> CountAsync(System.Collections.Generic.Queue<TaskCompletionSource<int>> queue)
            {
                var answer = new TaskCompletionSource<int>();
                queue.Enqueue(answer);
                return answer.Task;
            }

            public void Send(byte[] bytes, System.Collections.Generic.Queue<TaskCompletionSource<int>> queue)
            {
                {|ASYNC201:SendAsync(bytes)|};
                {|ASYNC201:CountAsync(queue)|};
            }
        }
        """);
}
