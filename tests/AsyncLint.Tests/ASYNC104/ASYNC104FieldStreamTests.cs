using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// Streams kept in fields: a decompressor that inflates from a buffer it owns never touches a device, while a
/// field that holds a file (or may be set to anything later) still blocks. Seen on a real gateway client.
/// </summary>
public sealed class ASYNC104FieldStreamTests
{
    [Fact]
    public Task Trap_decompressor_field_over_a_memory_stream_field_set_in_the_constructor() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        sealed class Inflater
        {
            private readonly MemoryStream compressed;
            private readonly DeflateStream decompressor;

            public Inflater()
            {
                compressed = new MemoryStream();
                decompressor = new DeflateStream(compressed, CompressionMode.Decompress);
            }

            public async Task<byte[]> InflateAsync(byte[] frame)
            {
                await Task.Yield();
                compressed.Write(frame, 0, frame.Length);
                compressed.Position = 0;
                using var output = new MemoryStream();
                decompressor.CopyTo(output);
                return output.ToArray();
            }
        }
        """);

    [Fact]
    public Task Trap_streams_recreated_on_every_connect_stay_in_memory() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        sealed class GatewayClient
        {
            private MemoryStream? compressed;
            private DeflateStream? decompressor;

            public async Task ConnectAsync()
            {
                compressed?.Dispose();
                decompressor?.Dispose();
                compressed = new MemoryStream();
                decompressor = new DeflateStream(compressed, CompressionMode.Decompress);
                await Task.Yield();
            }

            public async Task<byte[]> ReceiveAsync(byte[] frame)
            {
                await Task.Yield();
                compressed!.Write(frame, 0, frame.Length);
                compressed.Position = 0;
                using var output = new MemoryStream();
                decompressor!.CopyTo(output);
                return output.ToArray();
            }
        }
        """);

    [Fact]
    public Task Trap_field_initializer_wrapping_a_string_reader() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        sealed class Script
        {
            private readonly TextReader lines = new StreamReader(new MemoryStream(new byte[] { 65, 10 }));

            public async Task<string?> NextAsync()
            {
                await Task.Yield();
                return lines.ReadLine();
            }
        }
        """);

    [Fact]
    public Task Field_holding_a_file_stream_still_blocks() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        sealed class Journal
        {
            private readonly FileStream file = new FileStream("journal.bin", FileMode.Append);

            public async Task AppendAsync(byte[] entry)
            {
                await Task.Yield();
                {|ASYNC104:file.Write(entry, 0, entry.Length)|};
            }
        }
        """);

    [Fact]
    public Task Field_also_assigned_a_file_stream_still_blocks() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        sealed class Sink
        {
            private Stream target = new MemoryStream();

            public void Redirect(string path) => target = File.OpenWrite(path);

            public async Task WriteAsync(byte[] data)
            {
                await Task.Yield();
                {|ASYNC104:target.Write(data, 0, data.Length)|};
            }
        }
        """);

    [Fact]
    public Task Trap_get_only_stream_property_its_type_only_sets_to_a_memory_stream() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        public sealed class BufferedResponse
        {
            public BufferedResponse(HttpResponseMessage message)
            {
                MemoryStream buffer = new();
                message.Content.ReadAsStream().CopyTo(buffer);
                buffer.Position = 0;
                Content = buffer;
            }

            public BufferedResponse(byte[] bytes) => Content = new MemoryStream(bytes);

            public BufferedResponse(BufferedResponse other) => Content = other.Content;

            /// <summary>The response body, as a resettable copy.</summary>
            public Stream Content { get; }
        }

        public sealed class LiveResponse
        {
            public LiveResponse(Stream network) => Content = network;

            public Stream Content { get; }
        }

        public sealed class Client
        {
            public async Task<string> ReadAsync(Func<Task<BufferedResponse>> send)
            {
                BufferedResponse response = await send();
                return new StreamReader(response.Content).ReadToEnd();
            }

            // Guilty look-alike: the property holds the stream it was handed, a live connection for all the code can tell.
            public async Task<string> ReadLiveAsync(Func<Task<LiveResponse>> send)
            {
                LiveResponse response = await send();
                return {|ASYNC104:new StreamReader(response.Content).ReadToEnd()|};
            }
        }
        """);
}
