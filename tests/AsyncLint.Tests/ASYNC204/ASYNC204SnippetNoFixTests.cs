using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC204AsyncLambdaToVoidDelegateCodeFix>;

namespace AsyncLint.Tests.ASYNC204;

/// <summary>The snippet positives whose target is not List.ForEach or Parallel.ForEach: reported, with no rewrite offered.</summary>
public sealed class ASYNC204SnippetNoFixTests
{
    [Fact]
    public Task No_fix_for_assertion_observer_registration_and_Task_constructor() => VerifyFix.NoCodeFixAsync("""
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

            void Run(IObservable<int> source, CancellationToken token, int[] items)
            {
                Assert.Throws<InvalidOperationException>({|ASYNC204:async () =>|} await FailAsync());
                source.Subscribe({|ASYNC204:async value =>|} await Task.Delay(value));
                token.Register({|ASYNC204:async () =>|} await FailAsync());
                var task = new Task({|ASYNC204:async () =>|} await FailAsync());
                Array.ForEach(items, {|ASYNC204:async item =>|} await Task.Delay(item));
            }
        }
        """);
}
