using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

/// <summary>
/// A delegate kept in a slot whose name says async void is a fixture built on purpose (a test that async void delegates are
/// refused). The same lambda in a slot named for its work stays reported.
/// </summary>
public sealed class ASYNC204NamedFixtureTests
{
    [Fact]
    public Task A_field_local_or_property_named_async_void_is_a_deliberate_fixture() => VerifyAnalyzer.AnalyzerAsync(
        """
        using System;
        using System.Threading.Tasks;

        public static class Runner
        {
            public static void RunGuarded(Action work) => throw new ArgumentException("async void is not supported", nameof(work));
        }

        public class RunnerTests
        {
            private readonly Action _asyncVoid = async () => await Task.Delay(1);
            private Action AsyncVoidLambda { get; } = async () => await Task.Delay(1);

            public void AsyncVoidIsRejected()
            {
                Action asyncVoidWork = async () => await Task.Delay(1);
                Action? otherAsyncVoid;
                otherAsyncVoid = async () => await Task.Delay(1);
                foreach (var work in new[] { _asyncVoid, AsyncVoidLambda, asyncVoidWork, otherAsyncVoid })
                {
                    try { Runner.RunGuarded(work); throw new Exception("expected a rejection"); }
                    catch (ArgumentException) { }
                }
            }
        }
        """);

    [Fact]
    public Task The_same_lambda_in_a_slot_named_for_its_work_stays_reported() => VerifyAnalyzer.AnalyzerAsync(
        """
        using System;
        using System.Threading.Tasks;

        public class Jobs
        {
            private readonly Action _refresh = {|ASYNC204:async () =>|} await Task.Delay(1);
            private readonly Action _voidable = {|ASYNC204:async () =>|} await Task.Delay(1);

            public void Run()
            {
                Action work = {|ASYNC204:async () =>|} { await Task.Delay(1); throw new InvalidOperationException(); };
                work();
                _refresh();
                _voidable();
            }
        }
        """);
}
