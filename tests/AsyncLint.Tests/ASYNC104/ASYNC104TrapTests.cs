using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>Code that looks guilty and is not (a few tests keep the nearest shape that is still reported beside it).</summary>
public sealed class ASYNC104TrapTests
{
    [Fact]
    public Task Synchronous_methods_may_do_synchronous_io() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            string Load(string path) => File.ReadAllText(path);

            Task<string> NotAsyncButReturnsTask(string path) => Task.FromResult(File.ReadAllText(path));
        }
        """);

    [Fact]
    public Task Lambda_given_to_Task_Run_and_non_async_lambdas() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(string path)
            {
                var text = await Task.Run(() => File.ReadAllText(path));
                Func<string> later = () => File.ReadAllText(path);
                string Local() => File.ReadAllText(path);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Dual_sync_async_code_path_if_else() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Connector
        {
            async Task<int> ReadCore(Stream stream, byte[] buffer, bool async, CancellationToken ct)
            {
                int n;
                if (async)
                    n = await stream.ReadAsync(buffer, 0, buffer.Length, ct);
                else
                    n = stream.Read(buffer, 0, buffer.Length);
                return n;
            }
        }
        """);

    [Fact]
    public Task Dual_sync_async_code_path_conditional_and_early_exit() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class Connector
        {
            async ValueTask<int> Read(Stream stream, byte[] buffer, bool isAsync)
                => isAsync ? await stream.ReadAsync(buffer, 0, buffer.Length) : stream.Read(buffer, 0, buffer.Length);

            async Task Flush(Stream stream, bool async)
            {
                if (async)
                {
                    await stream.FlushAsync();
                    return;
                }

                stream.Flush();
            }
        }
        """);

    [Fact]
    public Task Async_implementation_calling_its_own_synchronous_half() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Packet
        {
            public int Read() => 0;
            public async Task<int> ReadAsync()
            {
                await Task.Yield();
                return Read();
            }
        }

        class CountingStream : Stream
        {
            readonly Stream inner;
            public CountingStream(Stream inner) => this.inner = inner;

            public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return Read(buffer, offset, count) + inner.Read(buffer, offset, count);
            }

            public override int Read(byte[] buffer, int offset, int count) => 0;
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => 0;
            public override long Position { get => 0; set { } }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }
        }
        """);

    [Fact]
    public Task Obsolete_twin_of_a_current_method() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class Client
        {
            public string Get() => "";
            [Obsolete("do not use")]
            public Task<string> GetAsync() => Task.FromResult("");
        }

        class C
        {
            async Task RunAsync(Client client)
            {
                var value = client.Get();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task In_memory_streams_readers_and_writers() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(MemoryStream memory, byte[] buffer, string xml)
            {
                memory.Write(buffer, 0, buffer.Length);
                memory.Flush();
                memory.CopyTo(memory);
                var reader = new StringReader(xml);
                var line = reader.ReadLine();
                var writer = new StringWriter();
                writer.Write(line);
                writer.Flush();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Readers_and_writers_wrapped_around_memory() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Text.Json;
        using System.Xml;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(byte[] bytes, string xml)
            {
                using var memory = new MemoryStream(bytes);
                Stream asStream = new MemoryStream();
                asStream.Flush();
                using var reader = new StreamReader(memory);
                var text = reader.ReadToEnd();
                var again = new StreamReader(new MemoryStream(bytes)).ReadToEnd();
                using var zip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                zip.CopyTo(memory);
                using var xmlReader = XmlReader.Create(new StringReader(xml));
                while (xmlReader.Read()) { }
                JsonSerializer.Serialize(memory, text);
                var back = JsonSerializer.Deserialize<string>(new MemoryStream(bytes));
                Stream.Null.Flush();
                TextWriter.Null.WriteLine(text);
                var synchronized = TextWriter.Synchronized(new StringWriter());
                synchronized.Write(text);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Writers_over_a_StringBuilder_or_an_ArrayBufferWriter() => VerifyCS.AnalyzerAsync("""
        using System.Buffers;
        using System.Text;
        using System.Text.Json;
        using System.Xml;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> RunAsync()
            {
                var builder = new StringBuilder();
                using (var xml = XmlWriter.Create(builder))
                {
                    xml.WriteString("text");
                    xml.Flush();
                }

                var buffer = new ArrayBufferWriter<byte>();
                using var json = new Utf8JsonWriter(buffer);
                json.WriteStringValue("x");
                json.Flush();
                await Task.Yield();
                return builder.ToString();
            }
        }
        """);

    [Fact]
    public Task Types_derived_from_MemoryStream() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class PooledStream : MemoryStream { }

        class C
        {
            async Task RunAsync(PooledStream stream, byte[] buffer)
            {
                stream.Write(buffer, 0, buffer.Length);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Dispose_and_Close_are_not_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Data.Common;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(FileStream file, StreamWriter writer, DbConnection connection)
            {
                await Task.Yield();
                writer.Close();
                file.Dispose();
                connection.Close();
                using (var other = File.OpenRead("x")) { }
            }
        }
        """);

    [Fact]
    public Task Object_members_properties_and_nameof() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> RunAsync(FileStream file)
            {
                await Task.Yield();
                var length = file.Length;
                var same = file.Equals(file);
                return nameof(File.ReadAllText) + file.ToString() + file.GetHashCode();
            }
        }
        """);

    [Fact]
    public Task Expression_tree_lambda_is_not_executed_here() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Linq.Expressions;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync()
            {
                Expression<Func<string, string>> read = path => File.ReadAllText(path);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Zero_timeout_probes_never_block() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1);

            async Task RunAsync()
            {
                if (!gate.Wait(0) && !gate.Wait(TimeSpan.Zero))
                {
                    await gate.WaitAsync();
                }
            }
        }
        """);

    [Fact]
    public Task Short_timed_probe_whose_result_is_checked() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1);

            async Task<bool> RunAsync(CancellationToken ct)
            {
                await Task.Yield();
                if (gate.Wait(10, ct))
                {
                    gate.Release();
                    return true;
                }

                var free = {|ASYNC104:gate.Wait(TimeSpan.FromSeconds(2))|};
                {|ASYNC104:gate.Wait(10)|};
                return free;
            }
        }
        """);

    [Fact]
    public Task Console_streams_are_synchronized_wrappers() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync()
            {
                Console.Out.WriteLine("hello");
                Console.Error.Flush();
                var line = Console.In.ReadLine();
                Console.WriteLine(line);
                var output = Console.Out;
                output.WriteLine("again");
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Trap_the_console_behind_an_application_abstraction() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Text;
        using System.Threading.Tasks;

        // A CLI framework's console, and a tool's own wrapper of the process's standard streams.
        interface IConsole { ConsoleWriter Output { get; } ConsoleWriter Error { get; } }
        sealed class ConsoleWriter : StreamWriter { public ConsoleWriter(Stream stream) : base(stream) { } }

        interface IStandardStreams { TextReader In { get; } TextWriter Out { get; } TextWriter Error { get; } }
        interface ICommandContext { IStandardStreams Streams { get; } }

        class Commands
        {
            async Task BannerAsync(IConsole console)
            {
                console.Output.WriteLine("Thank you for using this tool");
                console.Error.Flush();
                await Task.Yield();
            }

            async Task WarnAsync(ICommandContext context, string name)
            {
                context.Streams.Error.WriteLine($"warning: no provider named '{name}'");
                var line = context.Streams.In.ReadLine();
                await Task.Yield();
            }

            async Task ReplyAsync(string reply)
            {
                using var stdout = new StreamWriter(Console.OpenStandardOutput(), Encoding.UTF8);
                stdout.WriteLine(reply);
                Console.OpenStandardError().Write(new byte[1], 0, 1);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Output_streams_that_are_not_the_console_are_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        interface IReport { TextWriter Output { get; } }
        class Job { public TextWriter Error { get; set; } }

        class Reports
        {
            async Task WriteAsync(IReport report, Job job, string path)
            {
                {|ASYNC104:report.Output.WriteLine("total")|};
                {|ASYNC104:job.Error.WriteLine("failed")|};
                using var log = new StreamWriter(path);
                {|ASYNC104:log.WriteLine("done")|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Channel_try_methods_do_not_block() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Channels;
        using System.Threading.Tasks;

        class C
        {
            async Task PumpAsync(Channel<int> channel)
            {
                channel.Writer.TryWrite(1);
                while (channel.Reader.TryRead(out var item)) { }
                channel.Writer.Complete();
                channel.Writer.TryComplete();
                await foreach (var item in channel.Reader.ReadAllAsync()) { }
            }
        }
        """);

    [Fact]
    public Task Task_waits_belong_to_ASYNC101_and_ASYNC102() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Task task, Task<int> other)
            {
                await Task.Yield();
                task.Wait();
                Task.WaitAll(task, other);
            }
        }
        """);

    [Fact]
    public Task CancellationTokenSource_Cancel_is_a_false_twin() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(CancellationTokenSource cts)
            {
                await Task.Yield();
                cts.Cancel();
            }
        }
        """);

    [Fact]
    public Task Streams_made_from_a_buffer_in_memory() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Buffers;
        using System.IO;
        using System.Threading.Tasks;

        sealed class PooledBytes : IMemoryOwner<byte>
        {
            public Memory<byte> Memory => new byte[4];
            public Stream AsStream() => new MemoryStream(Memory.ToArray());
            public void Dispose() { }
        }

        static class BufferStreams
        {
            public static Stream AsStream(this ReadOnlyMemory<byte> memory) => new MemoryStream(memory.ToArray());
            public static Stream AsStream(this byte[] bytes, bool writable = false) => new MemoryStream(bytes, writable);
        }

        class C
        {
            async Task<string> DecodeAsync(PooledBytes lease, ReadOnlyMemory<byte> memory, byte[] bytes)
            {
                using var view = lease.AsStream();
                using var reader = new StreamReader(view);
                var text = reader.ReadToEnd();
                var count = memory.AsStream().Read(new byte[4], 0, 4);
                using var copy = new StreamReader(bytes.AsStream());
                var rest = copy.ReadToEnd();
                await Task.Yield();
                return text + count + rest;
            }
        }
        """);

    [Fact]
    public Task Receiver_overrides_the_sync_method_and_only_inherits_the_twin() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        abstract class RowSource
        {
            public virtual bool Next() => false;
            public virtual Task<bool> NextAsync(CancellationToken token = default) => Task.FromResult(Next());
        }

        // Walks rows that are already in memory: only the synchronous step is its own.
        sealed class BufferedRows : RowSource
        {
            private readonly object[] rows;
            private int position = -1;

            public BufferedRows(object[] rows) => this.rows = rows;

            public override bool Next() => ++position < rows.Length;
        }

        sealed class LineSource : System.IO.TextReader
        {
            public override string ReadLine() => "row";
        }

        class C
        {
            async Task<int> CountAsync(BufferedRows rows, LineSource lines)
            {
                var count = 0;
                while (rows.Next())
                {
                    count++;
                }

                var first = lines.ReadLine();
                await Task.Yield();
                return count + first.Length;
            }
        }
        """);

    [Fact]
    public Task Receiver_declares_the_sync_method_under_a_framework_default_twin() => VerifyCS.AnalyzerAsync("""
        using System.Collections.ObjectModel;
        using System.Data.Common;
        using System.Threading.Tasks;

        // Like a provider's reader: its own GetColumnSchema(), while GetColumnSchemaAsync is DbDataReader's virtual
        // default, which can only call the synchronous one.
        abstract class ProviderReader : DbDataReader, IDbColumnSchemaGenerator
        {
            public ReadOnlyCollection<DbColumn> GetColumnSchema() => new ReadOnlyCollection<DbColumn>(new DbColumn[0]);
        }

        class C
        {
            async Task<int> RunAsync(ProviderReader reader)
            {
                await reader.ReadAsync();
                return reader.GetColumnSchema().Count;
            }
        }
        """);

    [Fact]
    public Task Data_reader_field_getters_by_name_read_the_buffered_row() => VerifyCS.AnalyzerAsync("""
        using System.Data;
        using System.Data.Common;
        using System.Threading.Tasks;

        class C
        {
            async Task<long> RunAsync(DbCommand command)
            {
                await using var reader = await command.ExecuteReaderAsync();
                if (!await reader.ReadAsync())
                {
                    return 0;
                }

                return reader.IsDBNull("id") ? 0 : reader.GetFieldValue<long>("id");
            }
        }
        """);

    [Fact]
    public Task Data_reader_field_getters_read_the_buffered_row() => VerifyCS.AnalyzerAsync("""
        using System.Data.Common;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(DbDataReader reader)
            {
                await reader.ReadAsync();
                return reader.IsDBNull(0) ? 0 : reader.GetFieldValue<int>(0);
            }
        }
        """);

    [Fact]
    public Task Span_arguments_have_no_Memory_twin() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Stream stream, byte[] buffer)
            {
                await Task.Yield();
                var n = stream.Read(buffer.AsSpan(0, 4));
                stream.Write(new ReadOnlySpan<byte>(buffer));
            }
        }
        """);

    [Fact]
    public Task Static_helpers_without_a_twin_of_the_same_shape() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(string path, object value)
            {
                await Task.Yield();
                var exists = File.Exists(path);
                var json = JsonSerializer.Serialize(value);
                var info = new FileInfo(path);
                Directory.CreateDirectory(path);
            }
        }
        """);

    [Fact]
    public Task Completing_a_pipe_reader_has_nothing_to_flush_unlike_a_writer() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Pipelines;
        using System.Threading.Tasks;

        class Pump
        {
            async Task FillAsync(Stream stream)
            {
                var writer = PipeWriter.Create(stream);
                await writer.WriteAsync(new byte[] { 1 });
                {|ASYNC104:writer.Complete()|};
            }

            async Task DrainAsync(Stream stream)
            {
                var reader = PipeReader.Create(stream);
                try
                {
                    var result = await reader.ReadAsync();
                    reader.AdvanceTo(result.Buffer.End);
                }
                finally
                {
                    reader.Complete();
                }
            }
        }
        """);

    [Fact]
    public Task Completing_the_writer_of_an_in_memory_pipe_writes_nothing() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Pipelines;
        using System.Threading.Tasks;

        class PipeTests
        {
            private readonly Pipe pipe = new();
            private readonly PipeWriter output;

            PipeTests(Stream stream) => output = PipeWriter.Create(stream);

            async Task EndsTheMessageAsync(IDuplexPipe transport, PipeWriter handedIn)
            {
                var local = new Pipe();
                await local.Writer.WriteAsync(new byte[] { 1 });
                local.Writer.Complete();
                pipe.Writer.Complete();
                transport.Output.Complete();
                handedIn.Complete();

                // The same call on a stream's writer flushes its buffer to the stream.
                {|ASYNC104:output.Complete()|};
                var writer = stream(transport) is { } s ? PipeWriter.Create(s) : handedIn;
                {|ASYNC104:writer.Complete()|};
            }

            static Stream stream(IDuplexPipe transport) => transport.Output.AsStream();
        }
        """);

    [Fact]
    public Task A_stream_detached_from_a_buffer_writer() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Buffers;
        using System.IO;
        using System.Threading.Tasks;

        sealed class PooledWriter : IBufferWriter<byte>
        {
            private byte[] buffer = new byte[16];
            public void Advance(int count) { }
            public Memory<byte> GetMemory(int sizeHint = 0) => buffer;
            public Span<byte> GetSpan(int sizeHint = 0) => buffer;
            public Stream DetachStream() => new MemoryStream(buffer);
        }

        class WriterTests
        {
            async Task<int> ReadsBackAsync(PooledWriter writer)
            {
                using var stream = writer.DetachStream();
                var buffer = new byte[16];
                var read = stream.Read(buffer, 0, buffer.Length);
                await Task.Yield();
                return read;
            }
        }
        """);

    [Fact]
    public Task A_framework_object_saved_into_a_memory_stream() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using System.Xml.Linq;

        class C
        {
            async Task CopyAsync(XElement element, Stream destination)
            {
                using (var memory = new MemoryStream())
                {
                    element.Save(memory, SaveOptions.DisableFormatting);
                    await destination.WriteAsync(memory.ToArray());
                }
            }
        }
        """);

    [Fact]
    public Task The_entries_of_a_zip_archive_over_downloaded_bytes() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.IO.Compression;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Loader
        {
            async Task<Dictionary<string, byte[]>> UnpackAsync(HttpClient http, string url)
            {
                var files = new Dictionary<string, byte[]>();
                var zip = await http.GetByteArrayAsync(url);
                using var archive = new ZipArchive(new MemoryStream(zip));
                foreach (var entry in archive.Entries)
                {
                    using var ms = new MemoryStream();
                    entry.Open().CopyTo(ms);
                    files[entry.FullName] = ms.ToArray();
                }

                var manifest = archive.GetEntry("manifest.json");
                using var reader = new StreamReader(manifest!.Open());
                files["manifest"] = System.Text.Encoding.UTF8.GetBytes(reader.ReadToEnd());

                using var first = archive.Entries[0].Open();
                using var readme = System.Linq.Enumerable.First(archive.Entries, e => e.Name == "README").Open();
                using var firstReader = new StreamReader(first);
                files["first"] = System.Text.Encoding.UTF8.GetBytes(firstReader.ReadToEnd());
                return files;
            }
        }
        """);

    [Fact]
    public Task The_test_runners_output_writers_are_its_console() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        namespace NUnit.Framework
        {
            public static class TestContext
            {
                public static TextWriter Out { get; } = TextWriter.Null;
                // NUnit declares Progress and Error as fields.
                public static readonly TextWriter Progress = TextWriter.Null;
                public static TextWriter Error = TextWriter.Null;
            }
        }

        namespace Tests
        {
            public static class Reports { public static TextWriter Out { get; } = TextWriter.Null; }

            public class ContainerTests
            {
                public async Task StartsAsync()
                {
                    await Task.Yield();
                    NUnit.Framework.TestContext.Out.WriteLine("starting the container");
                    NUnit.Framework.TestContext.Progress.WriteLine("waiting for the health check");
                    NUnit.Framework.TestContext.Error.Flush();
                    // Another type's writer named Out is a writer like any other.
                    {|ASYNC104:Reports.Out.WriteLine("started")|};
                }
            }
        }
        """);
}
