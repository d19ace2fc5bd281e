using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A shared private body whose mode is the presence of a <c>CancellationToken?</c>: the synchronous callers pass
/// <c>null</c>, the async ones a token. A public method with the same branch can be reached in async mode with <c>null</c>.
/// </summary>
public sealed class ASYNC104TokenModeDualPathTests
{
    [Fact]
    public Task Private_body_whose_mode_is_a_nullable_token_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class FramingStream
        {
            private readonly Stream inner;

            public FramingStream(Stream inner) => this.inner = inner;

            public void Write(byte[] data) => WriteSyncOrAsync(data, null).GetAwaiter().GetResult();

            public Task WriteAsync(byte[] data, CancellationToken token) => WriteSyncOrAsync(data, token);

            public Task FlushAsync(CancellationToken token) => FlushSyncOrAsync(token);

            private async Task WriteSyncOrAsync(byte[] data, CancellationToken? ct)
            {
                if (ct.HasValue)
                {
                    await inner.WriteAsync(data, 0, data.Length, ct.Value).ConfigureAwait(false);
                }
                else
                {
                    inner.Write(data, 0, data.Length);
                }
            }

            internal async Task FlushSyncOrAsync(CancellationToken? ct)
            {
                if (ct is null)
                {
                    inner.Flush();
                    return;
                }

                await inner.FlushAsync(ct.Value).ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task Public_method_or_a_token_that_only_decides_cancellation_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class SloppyStream
        {
            private readonly Stream inner;

            public SloppyStream(Stream inner) => this.inner = inner;

            public async Task WriteAsync(byte[] data, CancellationToken? ct)
            {
                if (ct.HasValue)
                {
                    await inner.WriteAsync(data, 0, data.Length, ct.Value).ConfigureAwait(false);
                }
                else
                {
                    {|ASYNC104:inner.Write(data, 0, data.Length)|};
                }
            }

            private async Task CopyAsync(Stream target, CancellationToken token)
            {
                if (token.CanBeCanceled)
                {
                    await inner.CopyToAsync(target, token);
                }
                else
                {
                    {|ASYNC104:inner.CopyTo(target)|};
                }
            }
        }
        """);
}
