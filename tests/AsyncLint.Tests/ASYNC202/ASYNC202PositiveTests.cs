using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>A task started by a call, kept in a local and never read again.</summary>
public sealed class ASYNC202PositiveTests
{
    private const string Repository = """

        class Repository
        {
            public System.Threading.Tasks.Task SaveAsync() => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task<int> CountAsync() => System.Threading.Tasks.Task.FromResult(1);
            public System.Threading.Tasks.ValueTask FlushAsync() => default;
            public System.Threading.Tasks.ValueTask<int> ReadAsync() => default;
        }
        """;

    [Fact]
    public Task Task_locals_never_read_in_an_async_method() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                Task<int> {|ASYNC202:count|} = repo.CountAsync();
                var {|ASYNC202:flush|} = repo.FlushAsync();
                ValueTask<int> {|ASYNC202:read|} = repo.ReadAsync();
                Task {|ASYNC202:widened|} = repo.CountAsync();
                await Task.Yield();
            }
        }
        """ + Repository);

    [Fact]
    public Task Task_locals_never_read_in_a_sync_method() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                var {|ASYNC202:background|} = Task.Run(() => repo.SaveAsync());
                var {|ASYNC202:configured|} = repo.SaveAsync().ConfigureAwait(false);
                var {|ASYNC202:maybe|} = repo?.SaveAsync();
            }
        }
        """ + Repository);

    [Fact]
    public Task Lambdas_local_functions_and_switch_sections() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo, int kind)
            {
                Func<Task> later = async () =>
                {
                    var {|ASYNC202:t|} = repo.SaveAsync();
                    await Task.Yield();
                };
                Local();
                switch (kind)
                {
                    case 1:
                        var {|ASYNC202:one|} = repo.SaveAsync();
                        break;
                }

                await later();

                void Local()
                {
                    var {|ASYNC202:t|} = repo.FlushAsync();
                }
            }
        }
        """ + Repository);

    [Fact]
    public Task Only_assigned_again_or_named_in_nameof() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void Run(Repository repo)
            {
                var {|ASYNC202:save|} = repo.SaveAsync();
                save = repo.SaveAsync();
                var {|ASYNC202:count|} = repo.CountAsync();
                Console.WriteLine(nameof(count));
            }
        }
        """ + Repository);

    [Fact]
    public Task One_of_several_started_tasks_is_forgotten() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<bool> RunAsync(Repository repo)
            {
                var {|ASYNC202:first|} = repo.CountAsync();
                var second = repo.CountAsync();
                var third = repo.CountAsync();
                await repo.SaveAsync();
                return second.Status == TaskStatus.Canceled && second.IsCompleted && third.Status == TaskStatus.Canceled;
            }
        }
        """ + Repository);

    [Fact]
    public Task Top_level_statements() => VerifyCS.ProgramAsync("""
        using System.Threading.Tasks;

        var {|ASYNC202:delay|} = Task.Delay(100);
        await Task.Yield();
        """);
}
