using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A test that rewinds the response body it captured and reads it back synchronously: only a seekable buffer rewinds, and
/// the test set it up. A read with no rewind, and the same code outside a test, stay reported.
/// </summary>
public sealed class ASYNC104RewoundCaptureTests
{
    private const string Fixture = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class FactAttribute : Attribute { }

        public sealed class Response { public Stream Body { get; set; } = new MemoryStream(); }
        public sealed class Context { public Response Response { get; } = new(); }

        public static class Adapter { public static Task ProcessAsync(Context context) => Task.CompletedTask; }

        """;

    [Fact]
    public Task Reading_back_a_rewound_capture_in_a_test_is_silent() => VerifyCS.AnalyzerAsync(Fixture + """
        public class AdapterTests
        {
            [Fact]
            public async Task Writes_the_token()
            {
                var context = new Context();
                await Adapter.ProcessAsync(context);
                context.Response.Body.Seek(0, SeekOrigin.Begin);
                var json = new StreamReader(context.Response.Body).ReadToEnd();
                if (json.Length == 0) throw new Exception("empty");
            }

            [Fact]
            public async Task Streams_lines()
            {
                var context = new Context();
                await Adapter.ProcessAsync(context);
                context.Response.Body.Position = 0;
                var reader = new StreamReader(context.Response.Body);
                string? line;
                while ((line = reader.ReadLine()) != null)
                {
                    Console.WriteLine(line);
                }
            }
        }
        """);

    [Fact]
    public Task A_read_without_a_rewind_or_outside_a_test_is_still_told() => VerifyCS.AnalyzerAsync(Fixture + """
        public class AdapterTests
        {
            [Fact]
            public async Task Writes_the_token()
            {
                var context = new Context();
                await Adapter.ProcessAsync(context);
                var json = {|ASYNC104:new StreamReader(context.Response.Body).ReadToEnd()|};
                if (json.Length == 0) throw new Exception("empty");
            }
        }

        public static class Relay
        {
            public static async Task<string> ForwardAsync(Context context, Stream upstream)
            {
                await Adapter.ProcessAsync(context);
                upstream.Seek(0, SeekOrigin.Begin);
                return {|ASYNC104:new StreamReader(upstream).ReadToEnd()|};
            }
        }
        """);
}
