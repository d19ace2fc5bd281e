using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// A twin often takes a fast path synchronously and hands the contended case to a private async method that runs the
/// synchronous core under an async lock. That method is part of the twin: suggesting the twin inside it would recurse.
/// Other async methods of the same type that the twin never reaches are still told about it.
/// </summary>
public sealed class ASYNC105TwinSlowPathTests
{
    private const string Journal = """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Journal
        {
            private readonly SemaphoreSlim gate = new(1);
            private readonly Stream segment;
            private long applied;

            public Journal(Stream segment) => this.segment = segment;

            // The synchronous core: writes the marker and flushes the segment.
            public long Apply(long upTo)
            {
                segment.WriteByte(1);
                segment.Flush();
                var count = upTo - applied;
                applied = upTo;
                return count;
            }

            private bool TryApplyUncontended(long upTo, out long count)
            {
                count = 0;
                if (!gate.Wait(0))
                {
                    return false;
                }

                count = Apply(upTo);
                gate.Release();
                return true;
            }
        """;

    [Fact]
    public Task Trap_the_slow_path_the_twin_hands_over_to() => VerifyCS.AnalyzerAsync(Journal + """

            public ValueTask<long> ApplyAsync(long upTo, CancellationToken token = default)
                => TryApplyUncontended(upTo, out var count) ? new(count) : ApplyContendedAsync(upTo, token);

            private async ValueTask<long> ApplyContendedAsync(long upTo, CancellationToken token)
            {
                await gate.WaitAsync(token);
                try
                {
                    return Apply(upTo);
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """);

    [Fact]
    public Task Trap_the_slow_path_behind_one_core_helper() => VerifyCS.AnalyzerAsync(Journal + """

            public ValueTask<long> ApplyAsync(long upTo, CancellationToken token = default)
            {
                if (upTo < 0)
                {
                    return ValueTask.FromException<long>(new ArgumentOutOfRangeException(nameof(upTo)));
                }

                return ApplyCoreAsync<int>(upTo, token);
            }

            private ValueTask<long> ApplyCoreAsync<TTag>(long upTo, CancellationToken token)
                => TryApplyUncontended(upTo, out var count) ? new(count) : ApplyContendedAsync<TTag>(upTo, token);

            private async ValueTask<long> ApplyContendedAsync<TTag>(long upTo, CancellationToken token)
            {
                await gate.WaitAsync(token);
                var count = Apply(upTo);
                gate.Release();
                return count;
            }
        }
        """);

    [Fact]
    public Task An_async_method_the_twin_never_reaches_is_still_suggested() => VerifyCS.AnalyzerAsync(Journal + """

            public ValueTask<long> ApplyAsync(long upTo, CancellationToken token = default)
                => TryApplyUncontended(upTo, out var count) ? new(count) : ApplyContendedAsync(upTo, token);

            private async ValueTask<long> ApplyContendedAsync(long upTo, CancellationToken token)
            {
                await gate.WaitAsync(token);
                var count = Apply(upTo);
                gate.Release();
                return count;
            }

            public async Task CompactAsync(long upTo, CancellationToken token)
            {
                await Task.Delay(1, token);
                {|ASYNC105:Apply(upTo)|};
            }
        }

        sealed class Replicator
        {
            public async Task<long> ReplicateAsync(Journal journal, long upTo)
            {
                await Task.Yield();
                return {|ASYNC105:journal.Apply(upTo)|};
            }
        }
        """);
}
