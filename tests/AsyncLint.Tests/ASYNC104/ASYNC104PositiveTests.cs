using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>Framework I/O and wait calls with an async twin, inside async code: ASYNC104 (warning).</summary>
public sealed class ASYNC104PositiveTests
{
    [Fact]
    public Task File_static_methods() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task LoadAsync(string path)
            {
                var text = {|ASYNC104:File.ReadAllText(path)|};
                var lines = {|ASYNC104:File.ReadAllLines(path)|};
                var bytes = {|ASYNC104:File.ReadAllBytes(path)|};
                {|ASYNC104:File.WriteAllText(path, text)|};
                {|ASYNC104:File.AppendAllText(path, text)|};
                {|ASYNC104:File.WriteAllBytes(path, bytes)|};
                {|ASYNC104:File.WriteAllLines(path, lines)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Message_names_the_api_the_function_and_the_replacement()
    {
        var test = new AsyncLintAnalyzerTest<Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
        {
            TestCode = """
                using System.IO;
                using System.Threading.Tasks;

                class C
                {
                    async Task<string> LoadAsync(string path)
                    {
                        await Task.Yield();
                        return {|#0:File.ReadAllText(path)|};
                    }
                }
                """,
        };
        test.ExpectedDiagnostics.Add(new DiagnosticResult("ASYNC104", DiagnosticSeverity.Warning)
            .WithLocation(0)
            .WithMessage("'File.ReadAllText' blocks the thread inside async method 'LoadAsync'; use 'await File.ReadAllTextAsync(...)'"));
        return test.RunAsync();
    }

    [Fact]
    public Task Stream_read_write_copy_flush() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        class C
        {
            async Task CopyAsync(FileStream source, NetworkStream target, Stream any, byte[] buffer)
            {
                var n = {|ASYNC104:source.Read(buffer, 0, buffer.Length)|};
                {|ASYNC104:target.Write(buffer, 0, n)|};
                {|ASYNC104:source.CopyTo(target)|};
                {|ASYNC104:target.Flush()|};
                {|ASYNC104:any.Flush()|};
                {|ASYNC104:any.ReadExactly(buffer, 0, 4)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Stream_read_and_write_of_an_array_bind_to_span_overloads_and_still_have_a_twin() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task CopyAsync(Stream stream, byte[] buffer)
            {
                var n = {|ASYNC104:stream.Read(buffer)|};
                {|ASYNC104:stream.Write(buffer)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Mixing_awaited_and_blocking_writes_on_one_stream_is_still_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task SendAsync(Stream stream, byte[] header, byte[] body)
            {
                await stream.WriteAsync(header, 0, header.Length);
                {|ASYNC104:stream.Write(body, 0, body.Length)|};
                await stream.FlushAsync();
                {|ASYNC104:stream.Flush()|};
            }
        }
        """);

    [Fact]
    public Task StreamReader_and_TextWriter() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task EchoAsync(StreamReader reader, TextWriter writer, StreamWriter log)
            {
                var line = {|ASYNC104:reader.ReadLine()|};
                var all = {|ASYNC104:reader.ReadToEnd()|};
                {|ASYNC104:writer.Write(all)|};
                {|ASYNC104:writer.WriteLine(line)|};
                {|ASYNC104:log.Write('x')|};
                {|ASYNC104:writer.Flush()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Readers_over_files_and_streams_of_unknown_origin_are_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(string path, Stream body)
            {
                using var file = new StreamReader(File.OpenRead(path));
                var text = {|ASYNC104:file.ReadToEnd()|};
                using var reader = new StreamReader(body);
                var line = {|ASYNC104:reader.ReadLine()|};
                var fromPath = new StreamReader(path);
                var all = {|ASYNC104:fromPath.ReadToEnd()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task HttpClient_Send_and_obsolete_WebClient() => VerifyCS.AnalyzerAsync("""
        using System.Net;
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAsync(HttpClient client, HttpRequestMessage request, string url)
            {
                using var response = {|ASYNC104:client.Send(request)|};
        #pragma warning disable SYSLIB0014
                using var web = new WebClient();
                var page = {|ASYNC104:web.DownloadString(url)|};
        #pragma warning restore SYSLIB0014
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task SemaphoreSlim_Wait_and_Process_WaitForExit() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1);

            async Task RunAsync(Process process)
            {
                {|ASYNC104:gate.Wait()|};
                var entered = {|ASYNC104:gate.Wait(1000)|};
                entered = {|ASYNC104:gate.Wait(TimeSpan.FromSeconds(1))|};
                {|ASYNC104:process.WaitForExit()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Ado_net_connection_command_and_reader() => VerifyCS.AnalyzerAsync("""
        using System.Data;
        using System.Data.Common;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> QueryAsync(DbConnection connection)
            {
                {|ASYNC104:connection.Open()|};
                using var command = connection.CreateCommand();
                command.CommandText = "select 1";
                var scalar = {|ASYNC104:command.ExecuteScalar()|};
                var count = {|ASYNC104:command.ExecuteNonQuery()|};
                using var reader = {|ASYNC104:command.ExecuteReader()|};
                using var other = {|ASYNC104:command.ExecuteReader(CommandBehavior.SequentialAccess)|};
                while ({|ASYNC104:reader.Read()|})
                {
                    count++;
                }

                {|ASYNC104:reader.NextResult()|};
                using var transaction = {|ASYNC104:connection.BeginTransaction()|};
                {|ASYNC104:transaction.Commit()|};
                await Task.Yield();
                return count;
            }
        }
        """);

    [Fact]
    public Task Socket_accept_connect_send_receive() => VerifyCS.AnalyzerAsync("""
        using System.Net;
        using System.Net.Sockets;
        using System.Threading.Tasks;

        class C
        {
            async Task ServeAsync(Socket listener, Socket client, EndPoint endPoint, byte[] buffer)
            {
                using var accepted = {|ASYNC104:listener.Accept()|};
                {|ASYNC104:client.Connect(endPoint)|};
                {|ASYNC104:client.Connect("localhost", 80)|};
                var sent = {|ASYNC104:client.Send(buffer, SocketFlags.None)|};
                var received = {|ASYNC104:client.Receive(buffer, SocketFlags.None)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task JsonSerializer_on_a_stream() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;

        record Person(string Name);

        class C
        {
            async Task<Person?> RoundTripAsync(Stream stream, Person person)
            {
                {|ASYNC104:JsonSerializer.Serialize(stream, person)|};
                var back = {|ASYNC104:JsonSerializer.Deserialize<Person>(stream)|};
                using var document = {|ASYNC104:JsonDocument.Parse(stream)|};
                var text = JsonSerializer.Serialize(person);
                await Task.Yield();
                return back;
            }
        }
        """);

    [Fact]
    public Task XmlReader_and_XmlWriter() => VerifyCS.AnalyzerAsync("""
        using System.Xml;
        using System.Threading.Tasks;

        class C
        {
            async Task CopyAsync(XmlReader reader, XmlWriter writer)
            {
                while ({|ASYNC104:reader.Read()|})
                {
                    {|ASYNC104:writer.WriteString(reader.Value)|};
                }

                {|ASYNC104:writer.Flush()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task HttpContent_ReadAsStream() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            async Task<Stream> OpenAsync(HttpResponseMessage response)
            {
                await Task.Yield();
                return {|ASYNC104:response.Content.ReadAsStream()|};
            }
        }
        """);

    [Fact]
    public Task Zip_archive_entry_open_on_net10() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class C
        {
            async Task ReadAsync(ZipArchiveEntry entry)
            {
                using var stream = {|ASYNC104:entry.Open()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Derived_driver_types_are_framework_io_through_their_base() => VerifyCS.AnalyzerAsync("""
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;

        abstract class MyCommand : DbCommand
        {
            public new MyReader ExecuteReader() => null!;
            public new Task<MyReader> ExecuteReaderAsync(CancellationToken cancellationToken = default) => null!;
        }

        abstract class MyReader : DbDataReader { }

        class C
        {
            async Task RunAsync(MyCommand command)
            {
                using var reader = {|ASYNC104:command.ExecuteReader()|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task In_async_lambda_local_function_and_top_level_code() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            void Register(string path)
            {
                Func<Task<string>> lambda = async () => {|ASYNC104:File.ReadAllText(path)|};

                async Task LocalAsync()
                {
                    {|ASYNC104:File.WriteAllText(path, "")|};
                    await Task.Yield();
                }
            }
        }
        """);

    [Fact]
    public Task Top_level_statements() => VerifyCS.ProgramAsync("""
        using System.IO;
        using System.Threading.Tasks;

        await Task.Yield();
        var text = {|ASYNC104:File.ReadAllText("a.txt")|};
        """);

    [Fact]
    public Task Inside_lock_is_reported_too() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            readonly object gate = new();

            async Task SaveAsync(string path)
            {
                await Task.Yield();
                lock (gate)
                {
                    {|ASYNC104:File.WriteAllText(path, "x")|};
                }
            }
        }
        """);

    [Fact]
    public Task Receiver_that_implements_the_twin_itself_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        sealed class SocketLines : System.IO.TextReader
        {
            public override string ReadLine() => "row";
            public override Task<string> ReadLineAsync() => Task.FromResult("row");
        }

        class C
        {
            async Task<string> FirstAsync(SocketLines lines, System.IO.TextReader any)
            {
                var first = {|ASYNC104:lines.ReadLine()|};
                var second = {|ASYNC104:any.ReadLine()|};
                await Task.Yield();
                return first + second;
            }
        }
        """);

    [Fact]
    public Task Streams_made_from_something_that_is_not_a_buffer() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        sealed class Pipe
        {
            public Stream AsStream() => Stream.Null;
        }

        static class Tee
        {
            public static Stream Through(this byte[] header, Stream device) => device;
        }

        class C
        {
            async Task<string> DecodeAsync(Pipe pipe, string path, byte[] header, Stream device)
            {
                var n = {|ASYNC104:header.Through(device).Read(header, 0, header.Length)|};
                using var reader = new StreamReader(pipe.AsStream());
                var text = {|ASYNC104:reader.ReadToEnd()|};
                using var file = new StreamReader(File.OpenRead(path));
                var rest = {|ASYNC104:file.ReadToEnd()|};
                await Task.Yield();
                return text + rest + n;
            }
        }
        """);

    [Fact]
    public Task Works_on_net8() => VerifyCS.AnalyzerAsync("""
        using System.Data.Common;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(string path, StreamReader reader, SemaphoreSlim gate, DbConnection connection)
            {
                var text = {|ASYNC104:File.ReadAllText(path)|};
                var line = {|ASYNC104:reader.ReadLine()|};
                {|ASYNC104:gate.Wait()|};
                {|ASYNC104:connection.Open()|};
                await Task.Yield();
            }
        }
        """, TargetFramework.Net80);

    [Fact]
    public Task A_stream_over_a_pipe_writer() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Buffers;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task SendAsync(System.IO.Pipelines.PipeWriter pipe, byte[] payload)
            {
                using var stream = pipe.AsStream();
                {|ASYNC104:stream.Write(payload, 0, payload.Length)|};
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task A_framework_object_saved_to_a_file_or_a_device() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using System.Xml.Linq;

        class C
        {
            async Task SaveAsync(XElement element, Stream device, string path)
            {
                await Task.Yield();
                {|ASYNC104:element.Save(device, SaveOptions.None)|};
                using var file = File.Create(path);
                {|ASYNC104:element.Save(file, SaveOptions.DisableFormatting)|};
            }
        }
        """);

    [Fact]
    public Task The_entries_of_a_zip_archive_on_disk() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class Loader
        {
            async Task UnpackAsync(string path, Stream destination)
            {
                await Task.Yield();
                using var archive = new ZipArchive(File.OpenRead(path));
                foreach (var entry in archive.Entries)
                {
                    using var source = {|ASYNC104:entry.Open()|};
                    {|ASYNC104:source.CopyTo(destination)|};
                }

                using var first = {|ASYNC104:archive.Entries[0].Open()|};
            }
        }
        """);
}
