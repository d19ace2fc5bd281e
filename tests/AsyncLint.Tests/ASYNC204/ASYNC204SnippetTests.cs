using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

/// <summary>
/// Held-out-style snippets for async lambdas converted to void delegates (AsyncFixer #2: a user method taking
/// <c>Action&lt;int&gt;</c>; microsoft/testfx #4613: an assertion on an async delegate).
/// </summary>
public sealed class ASYNC204SnippetTests
{
    [Fact]
    public Task Assertion_delegate_observer_callback_and_token_registration_are_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        delegate void TestDelegate();

        static class Assert
        {
            public static T Throws<T>(TestDelegate code) where T : Exception => null!;
        }

        static class ObservableExtensions
        {
            public static IDisposable Subscribe<T>(this IObservable<T> source, Action<T> onNext) => null!;
        }

        class C
        {
            Task FailAsync() => Task.FromException(new InvalidOperationException());

            void Run(IObservable<int> source, CancellationToken token)
            {
                Assert.Throws<InvalidOperationException>({|ASYNC204:async () =>|} await FailAsync());
                source.Subscribe({|ASYNC204:async value =>|} await Task.Delay(value));
                token.Register({|ASYNC204:async () =>|} await FailAsync());
            }
        }
        """);

    [Fact]
    public Task Trap_Action_typed_event_subscription_and_task_returning_delegates() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class Source
        {
            public event Action? Changed;
            public event Action<string>? Renamed;
        }

        class C
        {
            Task ReloadAsync() => Task.CompletedTask;

            async Task RunAsync(Source source, IEnumerable<int> items)
            {
                source.Changed += async () => await ReloadAsync();
                source.Renamed += async name => await ReloadAsync();
                var lazy = new Lazy<Task>(async () => await ReloadAsync());
                await Task.WhenAll(items.Select(async i => await Task.Delay(i)));
                await Parallel.ForEachAsync(items, async (i, ct) => await Task.Delay(i, ct));
            }
        }
        """);
}
