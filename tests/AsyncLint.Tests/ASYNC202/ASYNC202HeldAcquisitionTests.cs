using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>
/// A lock test holds a first acquisition so that the next call on the same lock contends: the held task is the fixture.
/// Outside a test, another kind of call, or a lock nobody calls again, stays reported.
/// </summary>
public sealed class ASYNC202HeldAcquisitionTests
{
    private const string Lock = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class FactAttribute : Attribute { }

        public sealed class AsyncGate
        {
            public Task<IDisposable> EnterAsync(CancellationToken token = default) => Task.FromResult<IDisposable>(null!);
            public Task SaveAsync() => Task.CompletedTask;
        }

        """;

    [Fact]
    public Task First_acquisition_held_so_the_next_contends_is_silent() => VerifyCS.AnalyzerAsync(Lock + """
        public class AsyncGateTests
        {
            private readonly AsyncGate gate = new();

            [Fact]
            public async Task Contended_enter_is_cancelled()
            {
                using var cts = new CancellationTokenSource();
                Task<IDisposable> first = this.gate.EnterAsync();
                Task<IDisposable> second = this.gate.EnterAsync(cts.Token);
                cts.Cancel();
                await Assert(second);
            }

            private static Task Assert(Task task) => task;
        }
        """);

    [Fact]
    public Task Other_calls_or_no_contention_or_no_test_are_still_told() => VerifyCS.AnalyzerAsync(Lock + """
        public class AsyncGateTests
        {
            private readonly AsyncGate gate = new();

            [Fact]
            public async Task Saves()
            {
                Task {|ASYNC202:save|} = this.gate.SaveAsync();
                await this.gate.EnterAsync();
            }

            [Fact]
            public async Task Enters_once()
            {
                Task<IDisposable> {|ASYNC202:first|} = this.gate.EnterAsync();
                await Task.Delay(1);
            }

            public async Task Helper()
            {
                Task<IDisposable> {|ASYNC202:first|} = this.gate.EnterAsync();
                await this.gate.EnterAsync();
            }
        }
        """);
}
