using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>A test that runs both halves of an API on the same data covers the synchronous one on purpose.</summary>
public sealed class ASYNC104BothHalvesInTestTests
{
    private const string Fact = """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        namespace Xunit
        {
            [AttributeUsage(AttributeTargets.Method)]
            public sealed class FactAttribute : Attribute { }
        }

        """;

    [Fact]
    public Task Sync_half_beside_its_awaited_twin_on_the_same_data_is_silent_in_a_test() => VerifyCS.AnalyzerAsync(Fact + """
        public class BatchTests
        {
            [Xunit.Fact]
            public async Task WriteBatch()
            {
                var path = Path.GetTempFileName();
                var data = new byte[] { 1, 2, 3 };
                using (var file = new FileStream(path, FileMode.Append))
                {
                    file.Write(data, 0, data.Length);
                    await file.WriteAsync(data, 0, data.Length);
                }

                File.Delete(path);
            }
        }
        """);

    [Fact]
    public Task Different_data_or_outside_a_test_is_reported() => VerifyCS.AnalyzerAsync(Fact + """
        public class BatchTests
        {
            [Xunit.Fact]
            public async Task WriteHeaderAndBody()
            {
                var header = new byte[] { 1 };
                var body = new byte[] { 2, 3 };

                // A socket, not the test's own file (writing that would be a fixture step).
                using (var file = new System.Net.Sockets.NetworkStream(new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp)))
                {
                    {|ASYNC104:file.Write(header, 0, header.Length)|};
                    await file.WriteAsync(body, 0, body.Length);
                }
            }

            public async Task SaveTwiceAsync(Stream file, byte[] data)
            {
                {|ASYNC104:file.Write(data, 0, data.Length)|};
                await file.WriteAsync(data, 0, data.Length);
            }
        }
        """);
}
