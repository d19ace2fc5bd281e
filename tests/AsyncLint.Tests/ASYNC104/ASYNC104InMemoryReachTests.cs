using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// Streams that live in memory, reached in ways the receiver's type does not show: a stream class of the project whose
/// own method does no I/O, a wrapper from a factory given only memory, a helper of this file returning memory, an
/// embedded resource, an in-memory stream handed to an object that does no I/O itself, and a local declared empty that
/// every branch sets to memory.
/// </summary>
public sealed class ASYNC104InMemoryReachTests
{
    private const string BlockStream = """

        sealed class BlockStream : System.IO.Stream
        {
            private readonly System.Collections.Generic.List<byte[]> blocks = new();
            private long length;

            public override bool CanRead => true;
            public override bool CanSeek => true;
            public override bool CanWrite => true;
            public override long Length => length;
            public override long Position { get; set; }
            public override void Flush() { }
            public override int Read(byte[] buffer, int offset, int count)
            {
                if (blocks.Count == 0)
                {
                    return 0;
                }

                var n = System.Math.Min(count, blocks[0].Length);
                System.Array.Copy(blocks[0], 0, buffer, offset, n);
                blocks.RemoveAt(0);
                return n;
            }
            public override long Seek(long offset, System.IO.SeekOrigin origin) => Position = offset;
            public override void SetLength(long value) => length = value;

            public override System.Threading.Tasks.Task WriteAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
            {
                try
                {
                    Write(buffer, offset, count);
                    return System.Threading.Tasks.Task.CompletedTask;
                }
                catch (System.Exception ex)
                {
                    return System.Threading.Tasks.Task.FromException(ex);
                }
            }

            public override void Write(byte[] buffer, int offset, int count)
            {
                if (length + count > int.MaxValue)
                {
                    throw new System.IO.IOException(string.Format("Cannot exceed {0} bytes", int.MaxValue));
                }

                var block = new byte[count];
                System.Array.Copy(buffer, offset, block, 0, count);
                blocks.Add(block);
                length += count;
            }
        }
        """;

    [Fact]
    public Task Trap_in_memory_streams_reached_indirectly() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Security.Cryptography;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        class Payloads
        {
            private static Stream OpenCompressor(Stream target) => new DeflateStream(target, CompressionLevel.Fastest, leaveOpen: true);

            private static Stream Resource(string name) => typeof(Payloads).Assembly.GetManifestResourceStream(name)!;

            private static async Task<Stream> BufferAsync(Stream content, CancellationToken ct)
            {
                var memory = new MemoryStream();
                await content.CopyToAsync(memory, ct);
                memory.Position = 0;
                return memory;
            }

            async Task<byte[]> CompressAsync(Stream content, CancellationToken ct)
            {
                var memory = new MemoryStream();
                var buffer = new byte[4096];
                using (var compressed = OpenCompressor(memory))
                {
                    int n;
                    while ((n = await content.ReadAsync(buffer, 0, buffer.Length, ct)) > 0)
                    {
                        compressed.Write(buffer, 0, n);
                    }
                }

                return memory.ToArray();
            }

            async Task<int> CountAsync(Stream content, CancellationToken ct, bool keep)
            {
                Stream? copy = keep ? new MemoryStream() : null;
                copy?.Write(new byte[1], 0, 1);
                using var buffered = await BufferAsync(content, ct).ConfigureAwait(false);
                var buffer = new byte[4096];
                int n, total = 0;
                while ((n = buffered.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += n;
                }

                return total;
            }

            async Task<int[]?> SettingsAsync()
            {
                await Task.Yield();
                using var stream = Resource("app.settings.json");
                using var inline = typeof(Payloads).Assembly.GetManifestResourceStream("defaults.json")!;
                return JsonSerializer.Deserialize<int[]>(stream) ?? JsonSerializer.Deserialize<int[]>(inline);
            }

            async Task<byte[]> HashAsync(byte[] payload)
            {
                await Task.Yield();
                using var image = new MemoryStream(payload);
                using var md5 = MD5.Create();
                return md5.ComputeHash(image);
            }

            async Task<long> CopyAsync(Stream network, CancellationToken ct)
            {
                var buffer = new byte[4096];
                var copy = new BlockStream();
                int n;
                while ((n = await network.ReadAsync(buffer, 0, buffer.Length, ct)) > 0)
                {
                    copy.Write(buffer, 0, n);
                }

                return copy.Length;
            }

            async Task<int> PackAsync(Stream content, CancellationToken ct)
            {
                var blocks = new BlockStream();
                var buffer = new byte[4096];
                using (var packed = OpenCompressor(blocks))
                {
                    int n;
                    while ((n = await content.ReadAsync(buffer, 0, buffer.Length, ct)) > 0)
                    {
                        packed.Write(buffer, 0, n);
                    }

                    packed.Flush();
                }

                blocks.Position = 0;
                return blocks.Read(buffer, 0, buffer.Length);
            }
        }
        """ + BlockStream);

    [Fact]
    public Task Trap_a_write_only_hashing_sink() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Security.Cryptography;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class DigestStream : Stream
        {
            private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            private long length;

            public override bool CanRead => false;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => length;
            public override long Position { get; set; }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();

            public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("write-only");

            public override void Write(byte[] buffer, int offset, int count)
            {
                CheckOpen();
                hash.AppendData(buffer, offset, count);
                length += count;
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                try
                {
                    Write(buffer, offset, count);
                    return Task.CompletedTask;
                }
                catch (Exception ex)
                {
                    return Task.FromException(ex);
                }
            }

            private void CheckOpen() { }
        }

        class Verifier
        {
            async Task<long> DigestAsync(Stream content, CancellationToken ct)
            {
                var digest = new DigestStream();
                using var buffered = new BufferedStream(digest);
                var buffer = new byte[4096];
                int n;
                while ((n = await content.ReadAsync(buffer, 0, buffer.Length, ct)) > 0)
                {
                    buffered.Write(buffer, 0, n);
                }

                buffered.Flush();
                return digest.Length;
            }
        }
        """);

    [Fact]
    public Task A_stream_class_that_forwards_to_another_stream_is_not_in_memory() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        sealed class CountingStream : Stream
        {
            private readonly Stream inner;
            public long Written;

            public CountingStream(Stream inner) => this.inner = inner;

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => true;
            public override long Length => inner.Length;
            public override long Position { get; set; }
            public override void Flush() => inner.Flush();
            public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }

            public override void Write(byte[] buffer, int offset, int count)
            {
                Written += count;
                inner.Write(buffer, offset, count);
            }

            public override Task WriteAsync(byte[] buffer, int offset, int count, System.Threading.CancellationToken cancellationToken)
            {
                Written += count;
                return inner.WriteAsync(buffer, offset, count, cancellationToken);
            }
        }

        class Logs
        {
            async Task SaveAsync(string path, byte[] data)
            {
                await Task.Yield();
                using var counting = new CountingStream(File.Create(path));
                {|ASYNC104:counting.Write(data, 0, data.Length)|};
            }
        }
        """);

    [Fact]
    public Task A_library_object_given_an_in_memory_log_writer_still_does_its_own_io() => AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class Cluster
        {
            private readonly System.Net.Sockets.Socket socket = new(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);

            public bool Reconfigure(TextWriter? log = null)
            {
                log?.WriteLine("reconfiguring");
                socket.Send(new byte[] { 1 });
                return true;
            }

            public async Task<bool> ReconfigureAsync(TextWriter? log = null)
            {
                await socket.SendAsync(new byte[] { 1 });
                return true;
            }
        }

        class Tests
        {
            async Task FailoverAsync(Cluster cluster)
            {
                await Task.Yield();
                using var writer = new StringWriter();
                {|ASYNC105:cluster.Reconfigure(writer)|};
            }
        }
        """);

    [Fact]
    public Task Streams_that_reach_a_device_are_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Security.Cryptography;
        using System.Threading.Tasks;

        class Payloads
        {
            private static Stream OpenCompressor(Stream target) => new DeflateStream(target, CompressionLevel.Fastest, leaveOpen: true);

            private static Stream OpenLog(string path) => File.OpenWrite(path);

            async Task WriteAsync(string path, byte[] data)
            {
                await Task.Yield();
                using var file = File.Create(path);
                using var compressed = OpenCompressor(file);
                {|ASYNC104:compressed.Write(data, 0, data.Length)|};

                using var log = OpenLog(path + ".log");
                {|ASYNC104:log.Write(data, 0, data.Length)|};
            }

            async Task<byte[]> HashFileAsync(string path)
            {
                await Task.Yield();
                using var file = File.OpenRead(path);
                using var md5 = MD5.Create();
                return {|ASYNC105:md5.ComputeHash(file)|};
            }
        }
        """);

    [Fact]
    public Task Trap_a_local_declared_empty_that_every_branch_sets_to_memory() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        interface IStreamPool { MemoryStream Rent(string tag); }

        class TagWriter
        {
            async Task WriteAsync(Stream target, byte[] header, byte[] body, bool script, IStreamPool? pool)
            {
                Stream? data = null;
                try
                {
                    if (script)
                    {
                        data = pool?.Rent("script") ?? new MemoryStream();
                        data.Write(header, 0, header.Length);
                    }
                    else
                    {
                        data = new MemoryStream(body.Length);
                        data.Write(body, 0, body.Length);
                    }

                    data.Seek(0, SeekOrigin.Begin);
                    await data.CopyToAsync(target);
                }
                finally
                {
                    data?.Dispose();
                }
            }
        }
        """);

    [Fact]
    public Task A_local_set_to_a_device_on_any_path_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class TagWriter
        {
            async Task WriteAsync(string path, byte[] body, bool spill)
            {
                Stream data;
                if (spill)
                {
                    data = File.Create(path);
                }
                else
                {
                    data = new MemoryStream();
                }

                {|ASYNC104:data.Write(body, 0, body.Length)|};
                await Task.Yield();
            }

            async Task OpenAsync(string path, byte[] body)
            {
                Stream? data = null;
                Open(path, out data);
                {|ASYNC104:data.Write(body, 0, body.Length)|};
                await Task.Yield();
            }

            async Task CapturedAsync(string path, byte[] body, bool spill)
            {
                Stream? data = null;
                if (spill)
                {
                    data = File.Create(path);
                }

                System.Func<Task> write = async () =>
                {
                    data = new MemoryStream();
                    {|ASYNC104:data.Write(body, 0, body.Length)|};
                    await Task.Yield();
                };
                await write();
            }

            static void Open(string path, out Stream? stream) => stream = File.OpenWrite(path);
        }
        """);
}
