using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A <c>Utf8JsonWriter</c> built over an <c>IBufferWriter&lt;byte&gt;</c> (a <c>PipeWriter</c>, a pooled buffer) only commits
/// its pending bytes to that buffer writer when flushed, and <c>FlushAsync</c> does exactly the same; the pipe's own
/// <c>FlushAsync</c> is the I/O. Built over a <c>Stream</c>, it writes and flushes the stream, which is still reported.
/// </summary>
public sealed class ASYNC104JsonWriterOverBufferTests
{
    [Fact]
    public Task Trap_flush_of_a_json_writer_over_a_pipe() => VerifyCS.AnalyzerAsync("""
        using System.Buffers;
        using System.IO.Pipelines;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Pricing
        {
            public decimal Amount { get; set; }
        }

        static class PricingWriter
        {
            public static async ValueTask WriteAsync(PipeWriter output, Pricing pricing, CancellationToken token)
            {
                using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true });
                JsonSerializer.Serialize(json, pricing);
                json.Flush();
                await output.FlushAsync(token);
            }

            public static async Task WriteAllAsync(IBufferWriter<byte> target, Pricing[] prices)
            {
                await Task.Yield();
                var json = new Utf8JsonWriter(target);
                json.WriteStartArray();
                foreach (var price in prices)
                {
                    json.WriteNumberValue(price.Amount);
                }

                json.WriteEndArray();
                json.Flush();
            }
        }
        """);

    [Fact]
    public Task A_json_writer_over_a_stream_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Pipelines;
        using System.Text.Json;
        using System.Threading.Tasks;

        static class PricingWriter
        {
            public static async Task WriteAsync(Stream output, PipeWriter pipe, decimal amount)
            {
                await Task.Yield();
                using var json = new Utf8JsonWriter(output);
                json.WriteNumberValue(amount);
                {|ASYNC104:json.Flush()|};

                using var piped = new Utf8JsonWriter(pipe.AsStream());
                piped.WriteNumberValue(amount);
                {|ASYNC104:piped.Flush()|};
            }
        }
        """);
}
