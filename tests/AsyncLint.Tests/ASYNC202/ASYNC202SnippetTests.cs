using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>Held-out-style snippets for task locals: the shapes that observe a task without awaiting it by name.</summary>
public sealed class ASYNC202SnippetTests
{
    private const string Repository = """

        class Repository
        {
            public System.Threading.Tasks.Task SaveAsync() => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task<int> LoadAsync(int id) => System.Threading.Tasks.Task.FromResult(id);
        }
        """;

    [Fact]
    public Task Trap_explicit_discard_of_the_local() => VerifyCS.AnalyzerAsync("""
        class C
        {
            void Save(Repository repo)
            {
                var pending = repo.SaveAsync();
                _ = pending;
            }
        }
        """ + Repository);

    [Fact]
    public Task Trap_fast_path_reads_and_timeout_races() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(Repository repo, CancellationToken token)
            {
                var load = repo.LoadAsync(1);
                var timeout = Task.Delay(1000, token);
                if (await Task.WhenAny(load, timeout) == timeout)
                {
                    return -1;
                }

                return load.Result;
            }

            async Task<int> ConditionalAsync(Repository repo, bool refresh)
            {
                Task<int>? pending = null;
                if (refresh)
                {
                    pending = repo.LoadAsync(2);
                }

                return pending is null ? 0 : await pending;
            }
        }
        """ + Repository);

    [Fact]
    public Task Trap_local_handed_to_a_fire_and_forget_helper_or_a_tuple_return() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static void Forget(this Task task) { }
        }

        class C
        {
            void Start(Repository repo)
            {
                var save = repo.SaveAsync();
                save.Forget();
            }

            (Task, Task<int>) Both(Repository repo)
            {
                var save = repo.SaveAsync();
                var load = repo.LoadAsync(1);
                return (save, load);
            }
        }
        """ + Repository);

    [Fact]
    public Task Second_task_of_a_pair_never_awaited_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(Repository repo)
            {
                var first = repo.LoadAsync(1);
                var {|ASYNC202:second|} = repo.LoadAsync(2);
                return await first;
            }
        }
        """ + Repository);
}
