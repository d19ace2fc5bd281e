using AsyncLint.Analyzers.FanOut;
using AsyncLint.CodeFixes.FanOut;
using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer, AsyncLint.CodeFixes.FanOut.ASYNC302SequentialAwaitInLoopCodeFix>;

namespace AsyncLint.Tests.ASYNC302;

public sealed class ASYNC302CodeFixTests
{
    private const string Services = ASYNC302PositiveTests.Services;

    [Fact]
    public Task TaskList_keeps_the_body_in_order() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> LoadAsync(IUsers users, int[] ids)
            {
                var names = new List<string>();
                foreach (var id in ids)
                {
                    var user = {|ASYNC302:await users.GetUserAsync(id)|};
                    names.Add(user);
                    Console.WriteLine(id);
                }

                return names;
            }
        }
        """ + Services, """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> LoadAsync(IUsers users, int[] ids)
            {
                var names = new List<string>();
                var userTasks = ids.Select(id => (id, userTask: users.GetUserAsync(id))).ToList();
                await Task.WhenAll(userTasks.Select(started => started.userTask));
                foreach (var (id, userTask) in userTasks)
                {
                    var user = await userTask;
                    names.Add(user);
                    Console.WriteLine(id);
                }

                return names;
            }
        }
        """ + Services, ASYNC302SequentialAwaitInLoopCodeFix.TaskListKey);

    [Fact]
    public Task TaskList_with_a_local_computed_first_ValueTask_and_ConfigureAwait() => VerifyFix.CodeFixAsync("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, int[] ids)
            {
                var total = 0;
                foreach (var id in ids)
                {
                    var key = id * 10;
                    total += {|ASYNC302:await users.GetScoreAsync(key).ConfigureAwait(false)|};
                }

                return total;
            }
        }
        """ + Services, """
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, int[] ids)
            {
                var total = 0;
                var getScoreTasks = ids.Select(id => { var key = id * 10; return (id, getScoreTask: users.GetScoreAsync(key).AsTask()); }).ToList();
                await Task.WhenAll(getScoreTasks.Select(started => started.getScoreTask)).ConfigureAwait(false);
                foreach (var (id, getScoreTask) in getScoreTasks)
                {
                    var key = id * 10;
                    total += await getScoreTask.ConfigureAwait(false);
                }

                return total;
            }
        }
        """ + Services, ASYNC302SequentialAwaitInLoopCodeFix.TaskListKey);

    [Fact]
    public Task TaskList_for_loop() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string[]> LoadAsync(IPages pages, string[] urls)
            {
                var results = new string[urls.Length];
                for (var i = 0; i < urls.Length; i++)
                {
                    results[i] = {|ASYNC302:await pages.GetPageAsync(urls[i])|};
                }

                return results;
            }
        }
        """ + Services, """
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<string[]> LoadAsync(IPages pages, string[] urls)
            {
                var results = new string[urls.Length];
                var getPageTasks = Enumerable.Range(0, urls.Length).Select(i => (i, getPageTask: pages.GetPageAsync(urls[i]))).ToList();
                await Task.WhenAll(getPageTasks.Select(started => started.getPageTask));
                foreach (var (i, getPageTask) in getPageTasks)
                {
                    results[i] = await getPageTask;
                }

                return results;
            }
        }
        """ + Services, ASYNC302SequentialAwaitInLoopCodeFix.TaskListKey);

    [Fact]
    public Task AsCompleted_with_WhenEach_on_Net100() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task<HashSet<string>> LoadAsync(IUsers users, int[] ids)
            {
                var names = new HashSet<string>();
                foreach (var id in ids)
                {
                    var user = {|ASYNC302:await users.GetUserAsync(id)|};
                    names.Add(user);
                }

                return names;
            }
        }
        """ + Services, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<HashSet<string>> LoadAsync(IUsers users, int[] ids)
            {
                var names = new HashSet<string>();
                var userTasks = ids.Select(async id => (id, user: await users.GetUserAsync(id))).ToList();
                await foreach (var userTask in Task.WhenEach(userTasks))
                {
                    var (id, user) = await userTask;
                    names.Add(user);
                }

                return names;
            }
        }
        """ + Services, ASYNC302SequentialAwaitInLoopCodeFix.AsCompletedKey);

    [Fact]
    public Task AsCompleted_with_a_WhenAny_loop_on_Net80() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, int[] ids)
            {
                var total = 0;
                foreach (var id in ids)
                {
                    total += {|ASYNC302:await users.GetScoreAsync(id)|};
                }

                return total;
            }
        }
        """ + Services, """
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, int[] ids)
            {
                var total = 0;
                var getScoreTasks = ids.Select(async id => (id, getScore: await users.GetScoreAsync(id))).ToList();
                while (getScoreTasks.Count > 0)
                {
                    var getScoreTask = await Task.WhenAny(getScoreTasks);
                    getScoreTasks.Remove(getScoreTask);
                    var (id, getScore) = await getScoreTask;
                    total += getScore;
                }

                return total;
            }
        }
        """ + Services, ASYNC302SequentialAwaitInLoopCodeFix.AsCompletedKey, TargetFramework.Net80);

    [Fact]
    public Task Bounded_with_the_token_in_scope() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task WarmAllAsync(IUsers users, int[] ids, CancellationToken ct)
            {
                foreach (var id in ids)
                {
                    {|ASYNC302:await Cache.WarmAsync(id)|};
                }
            }
        }
        """ + Services, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task WarmAllAsync(IUsers users, int[] ids, CancellationToken ct)
            {
                await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (id, token) =>
                {
                    await Cache.WarmAsync(id);
                });
            }
        }
        """ + Services, ASYNC302SequentialAwaitInLoopCodeFix.BoundedKey);

    [Fact]
    public Task Bounded_reads_the_degree_from_editorconfig() => new AsyncLintCodeFixTest<ASYNC302SequentialAwaitInLoopAnalyzer, ASYNC302SequentialAwaitInLoopCodeFix>
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;

                class C
                {
                    async Task WarmAllAsync(IUsers users, int[] ids)
                    {
                        foreach (var id in ids) {|ASYNC302:await Cache.WarmAsync(id)|};
                    }
                }
                """ + Services,
            },
            AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nasynclint.max_degree_of_parallelism = 3\n") },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;

                class C
                {
                    async Task WarmAllAsync(IUsers users, int[] ids)
                    {
                        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (id, token) =>
                        {
                            await Cache.WarmAsync(id);
                        });
                    }
                }
                """ + Services,
            },
        },
        CodeActionEquivalenceKey = ASYNC302SequentialAwaitInLoopCodeFix.BoundedKey,
    }.RunAsync();

    [Fact]
    public Task FixAll_task_list_over_two_loops() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, IPages pages, int[] ids, string[] urls)
            {
                var n = 0;
                foreach (var id in ids) n += ({|ASYNC302:await users.GetUserAsync(id)|}).Length;
                foreach (var url in urls) n += ({|ASYNC302:await pages.GetPageAsync(url)|}).Length;
                return n;
            }
        }
        """ + Services, """
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, IPages pages, int[] ids, string[] urls)
            {
                var n = 0;
                var getUserTasks = ids.Select(id => (id, getUserTask: users.GetUserAsync(id))).ToList();
                await Task.WhenAll(getUserTasks.Select(started => started.getUserTask));
                foreach (var (id, getUserTask) in getUserTasks) n += (await getUserTask).Length;
                var getPageTasks = urls.Select(url => (url, getPageTask: pages.GetPageAsync(url))).ToList();
                await Task.WhenAll(getPageTasks.Select(started2 => started2.getPageTask));
                foreach (var (url, getPageTask) in getPageTasks) n += (await getPageTask).Length;
                return n;
            }
        }
        """ + Services, ASYNC302SequentialAwaitInLoopCodeFix.TaskListKey);

    [Fact]
    public Task No_as_completed_or_bounded_fix_when_order_matters() => new AsyncLintCodeFixTest<ASYNC302SequentialAwaitInLoopAnalyzer, ASYNC302SequentialAwaitInLoopCodeFix>
    {
        TestCode = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<List<string>> LoadAsync(IUsers users, int[] ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids) names.Add({|ASYNC302:await users.GetUserAsync(id)|});
                    return names;
                }
            }
            """ + Services,
        FixedCode = """
            using System.Collections.Generic;
            using System.Threading.Tasks;

            class C
            {
                async Task<List<string>> LoadAsync(IUsers users, int[] ids)
                {
                    var names = new List<string>();
                    foreach (var id in ids) names.Add({|ASYNC302:await users.GetUserAsync(id)|});
                    return names;
                }
            }
            """ + Services,
        CodeActionEquivalenceKey = ASYNC302SequentialAwaitInLoopCodeFix.AsCompletedKey,
    }.RunAsync();

    [Fact]
    public Task No_fix_when_the_collection_is_not_generic() => VerifyFix.NoCodeFixAsync("""
        using System.Collections;
        using System.Text;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IPages pages, ArrayList urls)
            {
                var all = new StringBuilder();
                foreach (string url in urls)
                {
                    all.Append({|ASYNC302:await pages.GetPageAsync(url)|});
                }

                return all.ToString();
            }
        }
        """ + Services);

    [Fact]
    public Task TaskList_enumerates_an_IQueryable_instead_of_composing_the_query() => VerifyFix.CodeFixAsync("""
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, IQueryable<int> ids)
            {
                var n = 0;
                foreach (var id in ids)
                {
                    n += ({|ASYNC302:await users.GetUserAsync(id)|}).Length;
                }

                return n;
            }
        }
        """ + Services, """
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IUsers users, IQueryable<int> ids)
            {
                var n = 0;
                var getUserTasks = ids.AsEnumerable().Select(id => (id, getUserTask: users.GetUserAsync(id))).ToList();
                await Task.WhenAll(getUserTasks.Select(started => started.getUserTask));
                foreach (var (id, getUserTask) in getUserTasks)
                {
                    n += (await getUserTask).Length;
                }

                return n;
            }
        }
        """ + Services, ASYNC302SequentialAwaitInLoopCodeFix.TaskListKey);
}
