using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// A catch that disposes what the returned call was about to own and rethrows: it covers the synchronous window of an
/// ownership hand-off, and awaiting inside the try would dispose the object a second time after an asynchronous fault.
/// A catch that does anything else before rethrowing (logging, recording) misses the asynchronous failures and is reported.
/// </summary>
public sealed class ASYNC205OwnershipCatchTests
{
    private const string Sink = """

        sealed class Lease : IDisposable
        {
            public byte[] Bytes { get; } = new byte[8];
            public void Dispose() { }
        }

        sealed class Sink
        {
            // Takes ownership of the lease once called: disposes it when the write ends, however it ends.
            public Task WriteAsync(Lease lease) => Task.CompletedTask;
        }
        """;

    [Fact]
    public Task Trap_catch_disposes_the_handed_over_object_and_rethrows() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Sender
        {
            private readonly Sink sink = new();

            public Task SendAsync(ReadOnlyMemory<byte> body)
            {
                Lease? lease = null;
                try
                {
                    lease = new Lease();
                    body.CopyTo(lease.Bytes);
                    return sink.WriteAsync(lease);
                }
                catch
                {
                    if (lease is not null)
                    {
                        lease.Dispose();
                    }

                    throw;
                }
            }

            public Task SendOwnedAsync(Lease lease)
            {
                try
                {
                    return sink.WriteAsync(lease);
                }
                catch (InvalidOperationException)
                {
                    lease?.Dispose();
                    throw;
                }
            }
        }
        """ + Sink);

    [Fact]
    public Task A_catch_that_logs_before_rethrowing_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Sender
        {
            private readonly Sink sink = new();
            public int Failures;

            public Task SendAsync(Lease lease)
            {
                try
                {
                    {|ASYNC205:return sink.WriteAsync(lease);|}
                }
                catch
                {
                    Failures++;
                    lease.Dispose();
                    throw;
                }
            }
        }
        """ + Sink);
}
