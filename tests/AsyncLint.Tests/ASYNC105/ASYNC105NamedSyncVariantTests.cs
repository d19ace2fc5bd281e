using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// A non-public async variant whose name says which half is synchronous (<c>…SyncWritingAsync</c>) calls its own type's
/// synchronous methods on purpose: it exists for in-memory targets. Public variants, other receivers and names where "Sync"
/// means "synchronize" stay reported.
/// </summary>
public sealed class ASYNC105NamedSyncVariantTests
{
    private const string Writer = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public abstract class TokenSource
        {
            public abstract string Current { get; }
            public abstract ValueTask<bool> MoveNextAsync(CancellationToken ct);
        }

        public class TokenWriter
        {
            private readonly TextWriter output;
            public TokenWriter(TextWriter output) => this.output = output;
            public void WriteToken(string token) => output.Write(token);
            public Task WriteTokenAsync(string token, CancellationToken ct = default) => output.WriteAsync(token.AsMemory(), ct);

        """;

    [Fact]
    public Task An_internal_variant_named_SyncWriting_calls_its_own_sync_half() => VerifyAnalyzer.AnalyzerAsync(Writer + """
            internal async Task CopySyncWritingAsync(TokenSource source, CancellationToken ct)
            {
                while (await source.MoveNextAsync(ct).ConfigureAwait(false))
                {
                    WriteToken(source.Current);
                    this.WriteToken(" ");
                }
            }

            public static async Task<string> CreateAsync(TokenSource source, CancellationToken ct)
            {
                using var text = new StringWriter();
                await new TokenWriter(text).CopySyncWritingAsync(source, ct).ConfigureAwait(false);
                return text.ToString();
            }
        }
        """);

    [Fact]
    public Task Public_variants_other_receivers_and_synchronize_names_stay_reported() => VerifyAnalyzer.AnalyzerAsync(Writer + """
            public async Task CopySyncWritingAsync(TokenSource source, CancellationToken ct)
            {
                while (await source.MoveNextAsync(ct)) {|ASYNC105:WriteToken(source.Current)|};
            }

            internal async Task CopyToSyncWritingAsync(TokenWriter other, TokenSource source, CancellationToken ct)
            {
                while (await source.MoveNextAsync(ct)) {|ASYNC105:other.WriteToken(source.Current)|};
            }

            private async Task SyncDataAsync(TokenSource source, CancellationToken ct)
            {
                while (await source.MoveNextAsync(ct)) {|ASYNC105:WriteToken(source.Current)|};
            }
        }
        """);
}
