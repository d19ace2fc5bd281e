using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A logger's synchronous log-level method handing its line to an asynchronous writer cannot await and must not block:
/// the drop is the design. A logger's other methods, a log method of another type, and a lambda inside stay reported.
/// </summary>
public sealed class ASYNC201SynchronousLoggerTests
{
    private const string Engine = """
        using System;
        using System.Threading.Tasks;

        public interface IEngineLogger
        {
            Task DebugAsync(string message);
            Task WarnAsync(string message);
            Task FlushAsync();
        }

        public interface IOutputDevice { Task DisplayAsync(object sender, string text); }

        """;

    [Fact]
    public Task Log_level_method_of_a_logger_forwarding_to_an_async_writer_is_silent() => VerifyCS.AnalyzerAsync(Engine + """
        public static class Log
        {
            internal static IEngineLogger Engine = null!;

            public static void Debug(string message) => Engine.DebugAsync(message);

            public static void Warn(string message)
            {
                if (message.Length == 0) return;
                Engine.WarnAsync(message);
            }
        }

        public sealed class FrameworkLogger
        {
            private readonly IOutputDevice output;
            public FrameworkLogger(IOutputDevice output) => this.output = output;

            public void Log(int level, string text)
            {
                if (level < 2) return;
                output.DisplayAsync(this, text);
            }
        }
        """);

    [Fact]
    public Task Other_methods_other_types_and_lambdas_are_still_told() => VerifyCS.AnalyzerAsync(Engine + """
        public static class Log
        {
            internal static IEngineLogger Engine = null!;

            // Not a log line: the caller expects the output written.
            public static void Flush() => {|ASYNC201:Engine.FlushAsync()|};

            public static void Debug(string message, Action<Action> schedule) => schedule(() => {|ASYNC201:Engine.DebugAsync(message)|});
        }

        public sealed class FileLogger
        {
            private readonly System.IO.StreamWriter writer = null!;

            // A concrete writer shared by every line: the next line's write races this one.
            public void Log(string line) => {|ASYNC201:writer.WriteLineAsync(line)|};
        }

        public sealed class Deployment
        {
            private readonly IEngineLogger logger = null!;

            // A type not named as a logger.
            public void Warn(string message) => {|ASYNC201:logger.WarnAsync(message)|};
        }
        """);
}
