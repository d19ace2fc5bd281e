using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>Held-out-style locals that ASYNC201 would accept as a dropped statement must not be reported as a local either.</summary>
public sealed class ASYNC202SnippetConsistencyTests
{
    [Fact]
    public Task Trap_observers_exchanges_and_dispatcher_operations_kept_in_locals() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Concurrent;
        using System.Runtime.CompilerServices;
        using System.Threading;
        using System.Threading.Tasks;

        namespace System.Windows.Threading
        {
            public class DispatcherOperation
            {
                public TaskAwaiter GetAwaiter() => Task.CompletedTask.GetAwaiter();
            }

            public class Dispatcher
            {
                public DispatcherOperation InvokeAsync(Action callback) => new DispatcherOperation();
            }
        }

        class C
        {
            private Task current = Task.CompletedTask;
            private readonly ConcurrentDictionary<int, Task<int>> cache = new ConcurrentDictionary<int, Task<int>>();

            Task<int> LoadAsync(int id) => Task.FromResult(id);

            void Run(Task next, Task first, System.Windows.Threading.Dispatcher dispatcher)
            {
                var previous = Interlocked.Exchange(ref current, next);
                var cached = cache.GetOrAdd(1, id => LoadAsync(id));
                var logged = first.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                var operation = dispatcher.InvokeAsync(() => { });
                var completed = Task.FromResult(1);
            }
        }
        """);
}
