using Microsoft.CodeAnalysis.CSharp;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A plain <c>using</c> of a writer that still has something to write when it is disposed (a buffering writer not
/// flushed with an await, a compressing or encrypting stream's final block), in async code that wrote through it with
/// awaits: the dispose at the closing brace writes synchronously. Writers over memory, writers written synchronously
/// (those calls have their own reports) and writers flushed with an await first stay silent.
/// </summary>
public sealed class ASYNC104SynchronousDisposeTests
{
    [Fact]
    public Task Writer_over_a_response_stream_disposed_without_an_awaited_flush() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class Endpoint
        {
            async Task HelloAsync(Stream responseBody)
            {
                {|ASYNC104:using (var writer = new StreamWriter(responseBody))|}
                {
                    await writer.WriteAsync("Hello World");
                }
            }

            async Task LinesAsync(Stream responseBody, string[] lines)
            {
                {|ASYNC104:using var writer = new StreamWriter(responseBody, leaveOpen: true)|};
                foreach (var line in lines)
                {
                    await writer.WriteLineAsync(line).ConfigureAwait(false);
                }
            }
        }
        """);

    [Fact]
    public Task The_message_names_the_writer_and_await_using() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
    {
        TestCode = """
            using System.IO;
            using System.Threading.Tasks;

            class Report
            {
                async Task SaveAsync(string path, string text)
                {
                    using var writer = new StreamWriter(path);
                    await writer.WriteAsync(text);
                }
            }
            """,
        ExpectedDiagnostics =
        {
            VerifyCS.Diagnostic("ASYNC104").WithSpan(8, 9, 8, 50)
                .WithArguments("StreamWriter.Dispose", "method 'SaveAsync'", "await using"),
        },
    }.RunAsync();

    [Fact]
    public Task Compressing_and_encrypting_streams_write_their_final_block_on_dispose_even_after_FlushAsync() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Security.Cryptography;
        using System.Text.Json;
        using System.Threading.Tasks;
        using System.Xml;

        class Exporter
        {
            async Task ExportAsync(Stream output, object value)
            {
                {|ASYNC104:using var gzip = new GZipStream(output, CompressionLevel.Fastest)|};
                await JsonSerializer.SerializeAsync(gzip, value);
                await gzip.FlushAsync();
            }

            async Task ZipTextAsync(Stream output, string text)
            {
                {|ASYNC104:using var deflate = new DeflateStream(output, CompressionMode.Compress, leaveOpen: true)|};
                {|ASYNC104:using var writer = new StreamWriter(deflate)|};
                await writer.WriteAsync(text);
            }

            async Task FeedAsync(Stream responseBody, System.Xml.Linq.XDocument document, System.Threading.CancellationToken token)
            {
                {|ASYNC104:using var xml = XmlWriter.Create(responseBody, new XmlWriterSettings { Async = true, Indent = true })|};
                await document.SaveAsync(xml, token);
            }

            async Task EncryptAsync(Stream output, Stream plain, ICryptoTransform encryptor)
            {
                {|ASYNC104:using (var crypto = new CryptoStream(output, encryptor, CryptoStreamMode.Write))|}
                {
                    await plain.CopyToAsync(crypto);
                }
            }
        }
        """);

    [Fact]
    public Task Awaited_flush_memory_sinks_reading_modes_and_await_using_are_silent() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Security.Cryptography;
        using System.Text;
        using System.Text.Json;
        using System.Threading.Tasks;
        using System.Xml;

        class Quiet
        {
            // The async guidance's good example: the buffer is written by the awaited flush, the dispose has nothing left.
            async Task FlushedAsync(Stream responseBody)
            {
                using (var writer = new StreamWriter(responseBody))
                {
                    await writer.WriteAsync("Hello World");
                    await writer.FlushAsync();
                }
            }

            async Task AwaitUsingAsync(Stream responseBody)
            {
                await using var writer = new StreamWriter(responseBody);
                await writer.WriteAsync("Hello World");
            }

            async Task<byte[]> InMemoryAsync(string text)
            {
                var memory = new MemoryStream();
                using (var gzip = new GZipStream(memory, CompressionLevel.Optimal, leaveOpen: true))
                using (var writer = new StreamWriter(gzip))
                {
                    await writer.WriteAsync(text);
                }

                return memory.ToArray();
            }

            async Task<string> JsonToMemoryAsync(object value)
            {
                var builder = new StringBuilder();
                using var xml = XmlWriter.Create(builder, new XmlWriterSettings { Async = true });
                await xml.WriteStringAsync("x");
                return builder.ToString();
            }

            async Task<string> DecompressAsync(Stream input)
            {
                using var gzip = new GZipStream(input, CompressionMode.Decompress);
                using var reader = new StreamReader(gzip);
                return await reader.ReadToEndAsync();
            }

            async Task DecryptAsync(Stream input, Stream output, ICryptoTransform decryptor)
            {
                using var crypto = new CryptoStream(input, decryptor, CryptoStreamMode.Read);
                await crypto.CopyToAsync(output);
            }

            async Task FinalBlockWrittenAsync(Stream output, byte[] data, ICryptoTransform encryptor)
            {
                using var crypto = new CryptoStream(output, encryptor, CryptoStreamMode.Write);
                await crypto.WriteAsync(data);
                await crypto.FlushFinalBlockAsync();
            }

            async Task XmlWithoutAsyncSettingsAsync(Stream output, System.Xml.Linq.XDocument document)
            {
                using var xml = XmlWriter.Create(output);
                await Task.Run(() => document.Save(xml));
            }

            async Task AutoFlushAsync(Stream output, string text)
            {
                using var writer = new StreamWriter(output) { AutoFlush = true };
                await writer.WriteLineAsync(text);
                using var other = new StreamWriter(output);
                other.AutoFlush = true;
                await other.WriteLineAsync(text);
            }

            async Task ClosedExplicitlyAsync(Stream output, string text)
            {
                using var writer = new StreamWriter(output);
                await writer.WriteAsync(text);
                writer.Close();
            }

            async Task ConsoleAsync(string text)
            {
                using var writer = new StreamWriter(System.Console.OpenStandardOutput());
                await writer.WriteAsync(text);
            }

            async Task BufferWriterAsync(System.Buffers.ArrayBufferWriter<byte> buffer, Stream output)
            {
                using var json = new Utf8JsonWriter(buffer);
                json.WriteStringValue("x");
                await output.WriteAsync(buffer.WrittenMemory);
            }
        }
        """);

    [Fact]
    public Task Writers_written_synchronously_or_only_inside_a_later_lambda_keep_only_their_own_reports() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class Mixed
        {
            async Task SyncWritesAsync(Stream output, string text)
            {
                await Task.Yield();
                using var writer = new StreamWriter(output);
                {|ASYNC104:writer.Write(text)|};
            }

            async Task<Func<Task>> DeferredAsync(Stream output, string text)
            {
                await Task.Yield();
                using var writer = new StreamWriter(output);
                return async () => await writer.WriteAsync(text);
            }

            void Synchronous(Stream output, string text)
            {
                using var writer = new StreamWriter(output);
                writer.Write(text);
            }
        }
        """);

    [Fact]
    public Task A_test_writing_its_fixture_file_is_silent_but_a_helper_writing_a_stream_is_not() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        namespace Xunit
        {
            [AttributeUsage(AttributeTargets.Method)] public class FactAttribute : Attribute { }
        }

        public class ImportTests
        {
            [Xunit.Fact]
            public async Task Imports_the_file()
            {
                var path = Path.GetTempFileName();
                using (var writer = new StreamWriter(path))
                {
                    await writer.WriteLineAsync("a,b");
                }

                await Task.Yield();
            }

            private static async Task WriteAsync(Stream target)
            {
                {|ASYNC104:using var writer = new StreamWriter(target)|};
                await writer.WriteLineAsync("a,b");
            }
        }
        """);

    [Fact]
    public Task Before_CSharp_8_there_is_no_await_using() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>
    {
        TestCode = """
            using System.IO;
            using System.Threading.Tasks;

            class Old
            {
                async Task SaveAsync(Stream output, string text)
                {
                    using (var writer = new StreamWriter(output))
                    {
                        await writer.WriteAsync(text);
                    }
                }
            }
            """,
        LanguageVersionOverride = LanguageVersion.CSharp7_3,
    }.RunAsync();
}
