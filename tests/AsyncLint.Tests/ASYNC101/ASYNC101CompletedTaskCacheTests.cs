using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// A private <c>Task</c>-valued cache filled only through <c>GetOrAdd</c> with factories that return completed tasks: what it
/// hands back is complete. A cache that also takes real async work, or is written another way, stays reported.
/// </summary>
public sealed class ASYNC101CompletedTaskCacheTests
{
    [Fact]
    public Task Read_from_a_cache_of_completed_tasks_is_silent() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public sealed class Definition { public string Name = ""; }

        public sealed class DefinitionProvider
        {
            private readonly ConcurrentDictionary<string, Task<Definition>> _definitions;
            private readonly ConcurrentDictionary<string, Task<int>> _sizes = new();
            private readonly Func<string, Task<Definition>> _read;
            private readonly string[] _names = { "a", "b" };

            public DefinitionProvider()
            {
                _definitions = new ConcurrentDictionary<string, Task<Definition>>();
                _read = name => Task.FromResult(Read(name));
            }

            private static Definition Read(string name) => new Definition { Name = name };

            public Task<Definition> GetAsync(string name) => _definitions.GetOrAdd(name, _read);

            public void Reload() => _definitions.Clear();

            public async IAsyncEnumerable<Definition> GetAllAsync()
            {
                await Task.Yield();
                foreach (var name in _names)
                {
                    var definition = _definitions.GetOrAdd(name, _read).Result;
                    var size = this._sizes.GetOrAdd(name, n => { return Task.FromResult(n.Length); }).Result;
                    if (size > 0) yield return definition;
                }
            }
        }
        """);

    [Fact]
    public Task Cache_that_holds_real_work_or_is_written_otherwise_is_still_told() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading.Tasks;

        public sealed class Definition { public string Name = ""; }

        public sealed class DefinitionProvider
        {
            private readonly ConcurrentDictionary<string, Task<Definition>> _loaded = new();
            private readonly ConcurrentDictionary<string, Task<Definition>> _mixed = new();
            private readonly Func<string, Task<Definition>> _load;

            public DefinitionProvider() => _load = LoadAsync;

            private static async Task<Definition> LoadAsync(string name)
            {
                await Task.Delay(10);
                return new Definition { Name = name };
            }

            public void Prime(string name, Task<Definition> pending) => _mixed[name] = pending;

            public async Task<string> NamesAsync(string name)
            {
                await Task.Yield();
                var loaded = {|ASYNC101:_loaded.GetOrAdd(name, _load).Result|};
                var mixed = {|ASYNC101:_mixed.GetOrAdd(name, n => Task.FromResult(new Definition { Name = n })).Result|};
                return loaded.Name + mixed.Name;
            }
        }
        """);
}
