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

            [Xunit.Fact]
            public async Task Stream_steps_are_not_whole_file_steps()
            {
                using var stream = File.OpenRead("fixture.bin");
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
}
