using AsyncLint.Tests.Verifiers;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// <c>var pending = new List&lt;Task&lt;T&gt;&gt;(); if (…) { pending.Add(…); await Task.WhenAll(pending); }</c>, then its
/// results: on the path that skipped the adds the list is empty, so whatever it holds is complete. Only while the list
/// stays in the function: handed to another method or filled from a lambda, it may hold anything.
/// </summary>
public sealed class ASYNC101EmptyCollectionTests
{
    [Fact]
    public Task A_list_filled_and_awaited_on_one_branch_is_complete_after_it() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            async Task<List<int>> LoadAllAsync(int[] ids, bool any)
            {
                var pending = new List<Task<int>>();
                if (any)
                {
                    foreach (var id in ids)
                    {
                        pending.Add(LoadAsync(id));
                    }

                    await Task.WhenAll(pending);
                }

                return pending.Select(t => t.Result).ToList();
            }

            async Task<int> FirstAsync(bool any)
            {
                var pending = new List<Task<int>>(4);
                if (any)
                {
                    pending.Add(LoadAsync(1));
                    await Task.WhenAll(pending).ConfigureAwait(false);
                }

                return pending.Count > 0 ? pending[0].Result : 0;
            }
        }
        """);

    [Fact]
    public Task A_list_filled_out_of_sight_or_not_awaited_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            Task<int> LoadAsync(int id) => Task.FromResult(id);

            void Fill(List<Task<int>> into) => into.Add(LoadAsync(1));

            async Task<int> HandedToAMethodAsync()
            {
                var pending = new List<Task<int>>();
                Fill(pending);
                await Task.Yield();
                return pending.Sum(t => {|ASYNC101:t.Result|});
            }

            async Task<int> FilledFromALambdaAsync(int[] ids)
            {
                var pending = new List<Task<int>>();
                Array.ForEach(ids, id => pending.Add(LoadAsync(id)));
                await Task.Yield();
                return {|ASYNC101:pending[0].Result|};
            }

            async Task<int> AddedButNotAwaitedAsync(bool any)
            {
                var pending = new List<Task<int>>();
                if (any)
                {
                    pending.Add(LoadAsync(1));
                }

                await Task.Yield();
                return {|ASYNC101:pending[0].Result|};
            }
        }
        """);
}
