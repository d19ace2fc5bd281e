using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A private method's (or local function's) writer parameter that every call fills with the console is the console, which
/// ASYNC104 leaves alone when it is written directly. One call with a file writer, a public method, or the method handed on
/// as a delegate keeps the report.
/// </summary>
public sealed class ASYNC104ConsoleParameterTests
{
    [Fact]
    public Task A_private_writer_parameter_every_call_fills_with_the_console() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Pump
        {
            public static void Start(StreamReader output, StreamReader error, CancellationToken ct)
            {
                _ = CopyToConsole(output, Console.Out, ct);
                _ = CopyToConsole(error, writer: Console.Error, ct);
                _ = Echo(Console.Out);

                async Task Echo(TextWriter to)
                {
                    await Task.Yield();
                    to.WriteLine("started");
                }
            }

            private static async Task CopyToConsole(StreamReader from, TextWriter writer, CancellationToken ct)
            {
                string? line;
                while ((line = await from.ReadLineAsync(ct)) != null)
                {
                    writer.WriteLine(line);
                }
            }
        }
        """);

    [Fact]
    public Task A_file_writer_in_one_call_a_public_method_or_a_method_group_keeps_the_report() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class Pump
        {
            public static void Start(StreamReader output, CancellationToken ct)
            {
                _ = CopyTo(output, Console.Out, ct);
                _ = CopyTo(output, new StreamWriter(File.Create("log.txt")), ct);
                Func<TextWriter, Task> echo = Echo;
                _ = echo(Console.Out);
                _ = Echo(Console.Out);
            }

            private static async Task CopyTo(StreamReader from, TextWriter writer, CancellationToken ct)
            {
                string? line;
                while ((line = await from.ReadLineAsync(ct)) != null)
                {
                    {|ASYNC104:writer.WriteLine(line)|};
                }
            }

            private static async Task Echo(TextWriter to)
            {
                await Task.Yield();
                {|ASYNC104:to.WriteLine("started")|};
            }

            public static async Task CopyPublic(StreamReader from, TextWriter writer)
            {
                await Task.Yield();
                {|ASYNC104:writer.WriteLine({|ASYNC104:from.ReadToEnd()|})|};
            }
        }
        """);
}
