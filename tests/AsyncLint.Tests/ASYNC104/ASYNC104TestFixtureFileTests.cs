using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A test method's own whole-file steps (write a fixture, read the output back) are not what it tests, and nothing waits
/// for the thread that runs them; the same calls in a test helper or in the code under test stay reported.
/// </summary>
public sealed class ASYNC104TestFixtureFileTests
{
    private const string Frameworks = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Xunit
        {
            [AttributeUsage(AttributeTargets.Method)] public class FactAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Method)] public sealed class TheoryAttribute : FactAttribute { }
        }

        namespace NUnit.Framework
        {
            [AttributeUsage(AttributeTargets.Method)] public sealed class TestAttribute : Attribute { }
        }

        public interface IOrphanMover { Task<int> MoveAsync(string folder, CancellationToken cancellationToken); }

        """;

    [Fact]
    public Task Arrange_and_check_steps_on_fixture_files_in_test_methods_are_silent() => VerifyCS.AnalyzerAsync(Frameworks + """
        public class OrphanTests
        {
            private readonly string root = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"));
            private readonly IOrphanMover mover = null!;

            [Xunit.Fact]
            public async Task Orphan_is_moved()
            {
                Directory.CreateDirectory(root);
                File.WriteAllText(Path.Combine(root, "orphan.mkv"), "x");
                File.WriteAllBytes(Path.Combine(root, "other.bin"), new byte[] { 1, 2 });
                var moved = await mover.MoveAsync(root, CancellationToken.None);
                if (moved != 1 || File.ReadAllText(Path.Combine(root, "moved", "orphan.mkv")) != "x")
                {
                    throw new Exception("not moved");
                }
            }

            [NUnit.Framework.Test]
            public async Task Log_lists_the_move()
            {
                await mover.MoveAsync(root, CancellationToken.None);
                var lines = File.ReadAllLines(Path.Combine(root, "moves.log"));
                File.AppendAllText(Path.Combine(root, "moves.log"), "checked");
                await Task.Run(() => File.ReadAllBytes(Path.Combine(root, "moves.log")));
                if (lines.Length == 0) throw new Exception();
            }
        }
        """);

    [Fact]
    public Task The_same_calls_in_a_test_helper_the_code_under_test_or_other_io_in_a_test_are_reported() => VerifyCS.AnalyzerAsync(Frameworks + """
        public class OrphanTests
        {
            private readonly IOrphanMover mover = null!;

            // A helper runs wherever it is called from; it is reported like any async method.
            private static async Task<string> LoadFixtureAsync(string path)
            {
                var text = {|ASYNC104:File.ReadAllText(path)|};
                await Task.Yield();
                return text;
            }

            // A stream the test did not open on a local file (a socket here) is I/O the test waits on like any other.
            [Xunit.Fact]
            public async Task Socket_stream_steps_are_not_fixture_file_steps()
            {
                using var stream = new System.Net.Sockets.NetworkStream(new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp));
                var buffer = new byte[16];
                {|ASYNC104:stream.Read(buffer, 0, buffer.Length)|};
                await mover.MoveAsync("root", CancellationToken.None);
            }
        }

        public class OrphanMover : IOrphanMover
        {
            public async Task<int> MoveAsync(string folder, CancellationToken cancellationToken)
            {
                await Task.Yield();
                {|ASYNC104:File.WriteAllText(Path.Combine(folder, "moves.log"), "moved")|};
                return 1;
            }
        }
        """);

    private const string Payloads = """

        public sealed class Payload
        {
            public static Payload FromStream(Stream stream) { stream.CopyTo(Stream.Null); return new Payload(); }
            public static async Task<Payload> FromStreamAsync(Stream stream, CancellationToken cancellationToken = default)
            {
                await stream.CopyToAsync(Stream.Null, cancellationToken);
                return new Payload();
            }
        }

        public interface IDeployClient
        {
            Task DeployAsync(Payload payload);
            Task<Stream> DownloadAsync(string name);
        }

        """;

    [Fact]
    public Task A_fixture_file_opened_inline_and_read_whole_in_a_test_method_is_silent() => VerifyCS.AnalyzerAsync(Frameworks + Payloads + """
        public class DeploymentTests
        {
            private readonly string processPath = "Resources/demo-process.bpmn";
            private readonly IDeployClient client = null!;

            [NUnit.Framework.Test]
            public async Task Sends_the_resource_file()
            {
                var expected = Payload.FromStream(File.OpenRead(processPath));
                var other = Payload.FromStream(new FileStream(processPath, FileMode.Open, FileAccess.Read));
                var text = new StreamReader(processPath).ReadToEnd();
                await client.DeployAsync(expected);
                if (text.Length == 0 || other is null) throw new Exception();
            }
        }
        """);

    [Fact]
    public Task A_stream_from_the_code_under_test_or_the_same_read_in_a_helper_is_reported() => VerifyCS.AnalyzerAsync(Frameworks + Payloads + """
        public class DeploymentTests
        {
            private readonly IDeployClient client = null!;

            [NUnit.Framework.Test]
            public async Task Download_round_trips()
            {
                var body = await client.DownloadAsync("demo");
                var content = {|ASYNC105:Payload.FromStream(body)|};
                using var copy = File.Create("copy.bin");
                {|ASYNC104:body.CopyTo(copy)|};
                await client.DeployAsync(content);
            }

            private async Task DeployFixtureAsync(string path)
            {
                await client.DeployAsync({|ASYNC105:Payload.FromStream(File.OpenRead(path))|});
            }
        }
        """);

    [Fact]
    public Task A_test_reading_back_its_output_through_a_reader_local_or_a_file_helper_is_silent() => VerifyCS.AnalyzerAsync(Frameworks + """
        public class RollingFileTests
        {
            private readonly string directory = Path.Combine(Path.GetTempPath(), "rolling");

            [Xunit.Fact]
            public async Task Rolls_by_interval()
            {
                var path = Path.Combine(directory, "log-0.log");
                await Task.Delay(100);
                using (var reader = OpenFile(path))
                {
                    if (reader.ReadLine() != "foo") throw new Exception();
                }

                using var second = new StreamReader(Path.Combine(directory, "log-1.log"));
                if (second.ReadToEnd().Length == 0) throw new Exception();
            }

            [Xunit.Fact]
            public async Task Reads_from_the_server()
            {
                await Task.Yield();
                using var client = new System.Net.Sockets.TcpClient("localhost", 5000);
                using var reader = new StreamReader(client.GetStream());
                if ({|ASYNC104:reader.ReadLine()|} != "hello") throw new Exception();
            }

            private static StreamReader OpenFile(string path)
                => new StreamReader(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read));
        }
        """);
}
