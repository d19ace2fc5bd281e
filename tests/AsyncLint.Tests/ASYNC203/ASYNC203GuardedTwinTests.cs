using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>
/// A public <c>async void Connect()</c> that only awaits its public <c>ConnectAsync</c>, which catches everything: a
/// fire-and-forget convenience beside its awaitable form. A twin that may throw, a less accessible twin, or a forwarder
/// to a differently named method stays reported.
/// </summary>
public sealed class ASYNC203GuardedTwinTests
{
    [Fact]
    public Task Convenience_forwarder_to_its_fully_guarded_twin_is_silent() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class RealtimeSocket
        {
            private readonly ConcurrentQueue<Action> events = new();
            public event Action<Exception>? OnError;

            public async void Connect() => await ConnectAsync().ConfigureAwait(false);

            public async Task ConnectAsync(CancellationToken cancellationToken = default)
            {
                try
                {
                    await Task.Delay(10, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    switch (e)
                    {
                        case OperationCanceledException:
                            break;
                        default:
                            Console.WriteLine(e);
                            events.Enqueue(() => OnError?.Invoke(e));
                            break;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Forwarders_whose_twin_may_throw_or_is_hidden_are_still_told() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        public sealed class RealtimeSession
        {
            private bool open;

            // The twin throws when the socket is closed: the exception would end the process.
            public async void {|ASYNC203:Send|}(string message) => await SendAsync(message);

            public async Task SendAsync(string message)
            {
                if (!open) throw new InvalidOperationException("Websocket connection is not open!");
                await Task.Delay(message.Length);
            }

            // Guarded, but the caller who wants to wait cannot reach the twin.
            public async void {|ASYNC203:Close|}() => await CloseAsync();

            private async Task CloseAsync()
            {
                try { await Task.Delay(1); open = false; }
                catch (Exception e) { Console.WriteLine(e); }
            }

            // Guarded callee, but not this method's awaitable form.
            public async void {|ASYNC203:Reconnect|}() => await ResetAsync();

            public async Task ResetAsync()
            {
                try { await Task.Delay(1); }
                catch (Exception e) { Console.WriteLine(e); }
            }
        }
        """);
}
