using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>
/// A test that starts an operation only to watch it arrive at the other end (a fake peer that never answers, a server
/// method that signals it was reached) and asserts what that end saw.
/// </summary>
public sealed class ASYNC202WatchedFromTheOtherEndTests
{
    private const string Rig = """
        using System;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        namespace Xunit
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class FactAttribute : Attribute { }
        }

        public interface IClient
        {
            Task NotifyAsync(string method, object? argument = null);
            Task<T> InvokeAsync<T>(string method, CancellationToken token = default);
        }

        public sealed class Server
        {
            public TaskCompletionSource<bool> MethodReached { get; } = new();
            public SemaphoreSlim Signal { get; } = new(0);
        }

        """;

    [Fact]
    public Task Request_started_then_received_or_reached_at_the_other_end_is_silent() => VerifyCS.AnalyzerAsync(Rig + """
        public class InteropTests
        {
            private readonly IClient client = null!;
            private readonly Server server = new();
            private readonly Channel<string> wire = Channel.CreateUnbounded<string>();

            private Task<string> ReceiveAsync() => wire.Reader.ReadAsync().AsTask();

            [Xunit.Fact]
            public async Task Notify_sends_its_argument_as_an_array()
            {
                Task notifyTask = client.NotifyAsync("test", new { Bar = "value" });
                string request = await ReceiveAsync();
                if (!request.Contains("Bar")) throw new Exception(request);
            }

            [Xunit.Fact]
            public async Task Dispose_cancels_a_request_in_flight()
            {
                Task request = client.InvokeAsync<string>("slow", CancellationToken.None);
                await server.MethodReached.Task.WaitAsync(TimeSpan.FromSeconds(5));
            }

            [Xunit.Fact]
            public async Task Signal_reached()
            {
                Task call = client.InvokeAsync<int>("work");
                await server.Signal.WaitAsync();
            }
        }
        """);

    [Fact]
    public Task Other_awaits_next_or_outside_a_test_is_reported() => VerifyCS.AnalyzerAsync(Rig + """
        public class InteropTests
        {
            private readonly IClient client = null!;
            private readonly Channel<string> wire = Channel.CreateUnbounded<string>();

            [Xunit.Fact]
            public async Task Forgets_the_operation_under_test()
            {
                Task {|ASYNC202:save|} = client.NotifyAsync("save");
                await Task.Delay(100);
            }

            public async Task SendThenReadAsync()
            {
                Task {|ASYNC202:send|} = client.NotifyAsync("ping");
                await wire.Reader.ReadAsync();
            }
        }
        """);
}
