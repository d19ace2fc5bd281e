using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A test named for the synchronous method it calls (<c>ClientShutdownTest</c> calling <c>Shutdown()</c>) tests that method,
/// when it never calls the twin; a test named for the async API, or for something else, keeps the report.
/// </summary>
public sealed class ASYNC104TestNamedForTheCallTests
{
    private const string Relay = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Xunit
        {
            [AttributeUsage(AttributeTargets.Method)] public class FactAttribute : Attribute { }
        }

        public sealed class RelayStream : Stream
        {
            public void Shutdown() { }
            public Task ShutdownAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => 0;
            public override long Position { get => 0; set { } }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count) => 0;
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }
        }

        public interface IRelay { Task<RelayStream> ConnectAsync(); }

        """;

    [Fact]
    public Task A_test_named_for_the_synchronous_method_it_calls_is_silent() => VerifyCS.AnalyzerAsync(Relay + """
        public class RunTimeTests
        {
            private readonly IRelay relay = null!;

            [Xunit.Fact]
            public async Task ClientShutdownTest()
            {
                var stream = await relay.ConnectAsync();
                await stream.WriteAsync(new byte[] { 1 }, 0, 1);
                stream.Shutdown();
                var read = await stream.ReadAsync(new byte[1], 0, 1);
            }

            [Xunit.Fact]
            public async Task listener_shutdown_closes_the_stream()
            {
                var stream = await relay.ConnectAsync();
                stream.Shutdown();
                await stream.FlushAsync();
            }
        }
        """);

    [Fact]
    public Task Tests_named_for_the_async_api_or_for_something_else_or_calling_the_twin_are_reported() => VerifyCS.AnalyzerAsync(Relay + """
        public class RunTimeTests
        {
            private readonly IRelay relay = null!;

            [Xunit.Fact]
            public async Task WriteLargeDataSetTest()
            {
                var stream = await relay.ConnectAsync();
                await stream.WriteAsync(new byte[4096], 0, 4096);
                {|ASYNC104:stream.Shutdown()|};
            }

            [Xunit.Fact]
            public async Task ShutdownAsyncTest()
            {
                var stream = await relay.ConnectAsync();
                {|ASYNC104:stream.Shutdown()|};
            }

            [Xunit.Fact]
            public async Task ShutdownBothEndsTest()
            {
                var stream = await relay.ConnectAsync();
                var other = await relay.ConnectAsync();
                await other.ShutdownAsync();
                {|ASYNC104:stream.Shutdown()|};
            }

            [Xunit.Fact]
            public async Task ShutdownsAreCounted()
            {
                var stream = await relay.ConnectAsync();
                {|ASYNC104:stream.Shutdown()|};
            }

            // Not a test: a helper so named still has its blocking calls reported.
            public async Task ShutdownHelper(RelayStream stream)
            {
                await Task.Yield();
                {|ASYNC104:stream.Shutdown()|};
            }
        }
        """);
}
