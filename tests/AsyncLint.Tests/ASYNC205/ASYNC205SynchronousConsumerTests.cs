using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// <c>using var stream = File.OpenRead(path); return DecodeAsync(stream, token);</c> where <c>DecodeAsync</c> is a sibling
/// of the project that reads the stream synchronously and then returns <c>Task.FromResult(...)</c>: the stream is done with
/// when the task comes back. A callee that is <c>async</c>, a one-line stub, or a virtual member another class may replace,
/// is still told.
/// </summary>
public sealed class ASYNC205SynchronousConsumerTests
{
    [Fact]
    public Task Sibling_that_reads_the_stream_and_returns_a_completed_task_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class TextDecoder
        {
            public Task<string> DecodeAsync(string path, CancellationToken token)
            {
                using var stream = File.OpenRead(path);
                return DecodeAsync(stream, token);
            }

            public Task<string> DecodeAsync(Stream data, CancellationToken token)
            {
                using var reader = new StreamReader(data);
                var text = reader.ReadToEnd();
                return Task.FromResult(text.Trim());
            }
        }
        """);

    [Fact]
    public Task Callees_that_may_still_use_the_stream_are_told() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public class Decoders
        {
            public Task<string> ReadAllAsync(string path, CancellationToken token)
            {
                using var stream = File.OpenRead(path);
                {|ASYNC205:return ReadAsync(stream, token);|}
            }

            public Task<string> StubAsync(string path)
            {
                using var stream = File.OpenRead(path);
                {|ASYNC205:return Stub(stream);|}
            }

            public Task<string> OverridableAsync(string path)
            {
                using var stream = File.OpenRead(path);
                {|ASYNC205:return Decode(stream);|}
            }

            private static async Task<string> ReadAsync(Stream data, CancellationToken token)
            {
                using var reader = new StreamReader(data);
                return await reader.ReadToEndAsync(token);
            }

            private static Task<string> Stub(Stream data) => Task.FromResult("");

            protected virtual Task<string> Decode(Stream data)
            {
                var length = data.Length;
                return Task.FromResult(length.ToString());
            }
        }
        """);
}
