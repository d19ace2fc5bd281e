using AsyncLint.Tests.Verifiers;
using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// <c>await reader.GetBalanceAsync(a); await reader.GetCodeAsync(a);</c> as statements: reads whose values are thrown away
/// are made for what they do to the receiver (a recording reader logging a witness, a cache being warmed), in order.
/// The same reads with their values used, or on different receivers, are still independent requests.
/// </summary>
public sealed class ASYNC301DiscardedReadsTests
{
    private const string Types = """
        public interface IStateReader
        {
            System.Threading.Tasks.Task<decimal> GetBalanceAsync(string address);
            System.Threading.Tasks.Task<byte[]> GetCodeAsync(string address);
            System.Threading.Tasks.ValueTask<long> GetNonceAsync(string address);
        }
        """;

    [Fact]
    public Task Reads_on_one_receiver_whose_values_are_dropped_are_silent() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Warmer
        {
            async Task WarmAsync(IStateReader witness, string address)
            {
                await witness.GetBalanceAsync(address).ConfigureAwait(false);
                await witness.GetNonceAsync(address);
                await witness.GetCodeAsync(address).ConfigureAwait(false);
            }
        }
        """ + Types);

    [Fact]
    public Task Reads_whose_values_are_used_or_on_different_receivers_are_reported() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Loader
        {
            async Task<decimal> LoadAsync(IStateReader reader, string address)
            {
                var balance = {|ASYNC301:await reader.GetBalanceAsync(address)|};
                var code = await reader.GetCodeAsync(address);
                return balance + code.Length;
            }

            async Task WarmBothAsync(IStateReader left, IStateReader right, string address)
            {
                {|ASYNC301:await left.GetBalanceAsync(address)|};
                await right.GetBalanceAsync(address);
            }
        }
        """ + Types);
}
