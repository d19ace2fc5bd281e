using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC204AsyncLambdaToVoidDelegateCodeFix>;

namespace AsyncLint.Tests.ASYNC204;

public sealed class ASYNC204CodeFixTests
{
    private const string ForEachKey = "ASYNC204AsyncLambdaToVoidDelegateCodeFix.ForEach";
    private const string ParallelKey = "ASYNC204AsyncLambdaToVoidDelegateCodeFix.ParallelForEachAsync";

    [Fact]
    public Task List_ForEach_with_expression_body_becomes_foreach() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names)
            {
                names.ForEach({|ASYNC204:async name =>|} await SaveAsync(name));
            }

            Task SaveAsync(string name) => Task.CompletedTask;
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names)
            {
                foreach (var name in names)
                {
                    await SaveAsync(name);
                }
            }

            Task SaveAsync(string name) => Task.CompletedTask;
        }
        """, ForEachKey);

    [Fact]
    public Task List_ForEach_with_block_body_turns_return_into_continue_and_keeps_the_parameter_type() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names)
            {
                // save each one
                names.ForEach({|ASYNC204:async (string name) =>|}
                {
                    if (name.Length == 0)
                    {
                        return;
                    }

                    var trimmed = name.Trim();
                    await SaveAsync(trimmed);
                });
            }

            Task SaveAsync(string name) => Task.CompletedTask;
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names)
            {
                // save each one
                foreach (string name in names)
                {
                    if (name.Length == 0)
                    {
                        continue;
                    }

                    var trimmed = name.Trim();
                    await SaveAsync(trimmed);
                }
            }

            Task SaveAsync(string name) => Task.CompletedTask;
        }
        """, ForEachKey);

    [Fact]
    public Task Parallel_ForEach_becomes_ForEachAsync_and_forwards_the_token() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAllAsync(IEnumerable<int> ids, CancellationToken ct)
            {
                Parallel.ForEach(ids, {|ASYNC204:async id =>|}
                {
                    await Task.Delay(id);
                });
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAllAsync(IEnumerable<int> ids, CancellationToken ct)
            {
                await Parallel.ForEachAsync(ids, ct, async (id, cancellationToken) =>
                {
                    await Task.Delay(id);
                });
            }
        }
        """, ParallelKey);

    [Fact]
    public Task Parallel_ForEach_keeps_ParallelOptions_and_adds_the_token_to_them() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAllAsync(List<string> urls, CancellationToken cancellationToken)
            {
                Parallel.ForEach(urls, new ParallelOptions { MaxDegreeOfParallelism = 4 }, {|ASYNC204:async url =>|} await Task.Delay(url.Length));
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAllAsync(List<string> urls, CancellationToken cancellationToken)
            {
                await Parallel.ForEachAsync(urls, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (url, ct) => await Task.Delay(url.Length));
            }
        }
        """, ParallelKey);

    [Fact]
    public Task Parallel_ForEach_without_a_token_in_scope_and_ConfigureAwait_style() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAllAsync(List<int> ids)
            {
                await Task.Delay(1).ConfigureAwait(false);
                Parallel.ForEach(ids, {|ASYNC204:async (int id) =>|} await Task.Delay(id).ConfigureAwait(false));
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task FetchAllAsync(List<int> ids)
            {
                await Task.Delay(1).ConfigureAwait(false);
                await Parallel.ForEachAsync(ids, async (int id, CancellationToken cancellationToken) => await Task.Delay(id).ConfigureAwait(false)).ConfigureAwait(false);
            }
        }
        """, ParallelKey);

    [Fact]
    public Task FixAll_rewrites_every_List_ForEach_in_the_document() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names, List<int> ids)
            {
                names.ForEach({|ASYNC204:async name =>|} await Task.Delay(name.Length));
                ids.ForEach({|ASYNC204:async id =>|} await Task.Delay(id));
            }

            async Task OtherAsync(List<int> sizes)
            {
                sizes.ForEach({|ASYNC204:async size =>|} { await Task.Delay(size); });
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names, List<int> ids)
            {
                foreach (var name in names)
                {
                    await Task.Delay(name.Length);
                }
                foreach (var id in ids)
                {
                    await Task.Delay(id);
                }
            }

            async Task OtherAsync(List<int> sizes)
            {
                foreach (var size in sizes)
                { await Task.Delay(size); }
            }
        }
        """, ForEachKey);

    [Fact]
    public Task FixAll_rewrites_every_Parallel_ForEach_in_the_document() => VerifyFix.CodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<string> names, List<int> ids)
            {
                Parallel.ForEach(names, {|ASYNC204:async name =>|} await Task.Delay(name.Length));
                Parallel.ForEach(ids, {|ASYNC204:async id =>|} await Task.Delay(id));
            }
        }
        """, """
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(List<string> names, List<int> ids)
            {
                await Parallel.ForEachAsync(names, async (name, cancellationToken) => await Task.Delay(name.Length));
                await Parallel.ForEachAsync(ids, async (id, cancellationToken) => await Task.Delay(id));
            }
        }
        """, ParallelKey);

    [Fact]
    public Task No_fix_in_synchronous_code() => VerifyFix.NoCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void SaveAll(List<string> names) => names.ForEach({|ASYNC204:async name =>|} await Task.Delay(name.Length));
        }
        """);

    [Fact]
    public Task No_fix_when_a_return_sits_inside_a_loop_of_the_lambda() => VerifyFix.NoCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names)
            {
                names.ForEach({|ASYNC204:async name =>|}
                {
                    foreach (var c in name)
                    {
                        if (c == ' ') return;
                    }

                    await Task.Delay(1);
                });
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task No_fix_when_a_name_would_collide() => VerifyFix.NoCodeFixAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAllAsync(List<string> names)
            {
                names.ForEach({|ASYNC204:async name =>|} await Task.Delay(name.Length));
                var name = "done";
                await Task.Delay(name.Length);
            }
        }
        """);

    [Fact]
    public Task No_fix_for_Parallel_ForEach_on_net8_without_ForEachAsync_or_for_Parallel_For() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync()
            {
                Parallel.For(0, 10, {|ASYNC204:async i =>|} await Task.Delay(i));
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task No_fix_for_new_Thread() => VerifyFix.NoCodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync()
            {
                new Thread({|ASYNC204:async () =>|} await Task.Delay(1)).Start();
                await Task.Yield();
            }
        }
        """);
}
