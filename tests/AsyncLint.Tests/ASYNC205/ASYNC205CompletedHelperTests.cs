using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>A project helper that only returns completed tasks (an error task) is like <c>Task.FromException</c> inline.</summary>
public sealed class ASYNC205CompletedHelperTests
{
    [Fact]
    public Task Trap_helper_returns_only_a_failed_task() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class Journal
        {
            private bool closed;

            private static Task Failed(string message)
            {
                var error = new InvalidOperationException(message);
                Console.Error.WriteLine(error.Message);
                return Task.FromException(error);
            }

            private static Task<int> Canceled() => Task.FromCanceled<int>(new System.Threading.CancellationToken(true));

            public Task AppendAsync(string path, string line)
            {
                using (var log = new StreamWriter(path, append: true))
                {
                    if (closed)
                    {
                        return Failed("The journal is closed.");
                    }

                    log.WriteLine(line);
                    return Task.CompletedTask;
                }
            }

            public Task<int> CountAsync(string path)
            {
                using var reader = new StreamReader(path);
                return Canceled();
            }
        }
        """);

    [Fact]
    public Task A_helper_that_may_start_work_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class Journal
        {
            private static Task FailOrFlush(bool failed, StreamWriter log)
            {
                if (failed)
                {
                    return Task.FromException(new InvalidOperationException());
                }

                return log.FlushAsync();
            }

            private static Task SaveAsync(StreamWriter log) => Task.CompletedTask;

            public Task SaveAllAsync(string path)
            {
                using var log = new StreamWriter(path);
                {|ASYNC205:return SaveAsync(log);|}
            }

            public Task AppendAsync(string path, bool failed)
            {
                using (var log = new StreamWriter(path, append: true))
                {
                    {|ASYNC205:return FailOrFlush(failed, log);|}
                }
            }
        }
        """);
}
