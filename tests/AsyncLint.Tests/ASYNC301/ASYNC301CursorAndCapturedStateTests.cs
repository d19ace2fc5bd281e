using Verify301 = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// Two reads of one cursor (a type named for a reader, read with nothing but a token) or two writes to one writer are in
/// order; a primary-constructor parameter is state the object keeps, like a field. Different readers, a reader asked for
/// different things, and unrelated parameters stay reported.
/// </summary>
public sealed class ASYNC301CursorAndCapturedStateTests
{
    [Fact]
    public Task Reads_of_one_cursor_and_writes_to_one_writer_are_ordered() => Verify301.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public interface ITokenReader { Task<string> ReadTokenAsync(); }
        public interface IPairReader { Task<string> ReadNameAsync(); Task<string> ReadValueAsync(CancellationToken ct = default); }
        public interface IRecordWriter { Task WriteNameAsync(string name); Task WriteValueAsync(string value); }

        public static class TokenReaderExtensions
        {
            public static Task<string> ReadNameAsync(this ITokenReader r) => r.ReadTokenAsync();
            public static Task<string> ReadValueAsync(this ITokenReader r) => r.ReadTokenAsync();
        }

        public static class Parser
        {
            public static async Task<KeyValuePair<string, string>> ReadPairAsync(ITokenReader reader)
            {
                string name = await reader.ReadNameAsync();
                string value = await reader.ReadValueAsync();
                return new(name, value);
            }

            public static async Task<string> PairAsync(IPairReader reader, CancellationToken ct)
            {
                string a = await reader.ReadNameAsync();
                string b = await reader.ReadValueAsync(ct);
                return a + b;
            }

            public static async Task WriteAsync(IRecordWriter writer, string name, string value)
            {
                await writer.WriteNameAsync(name);
                await writer.WriteValueAsync(value);
            }
        }
        """);

    [Fact]
    public Task Two_readers_or_a_reader_asked_for_different_things_stay_reported() => Verify301.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface ITokenReader { Task<string> ReadNameAsync(); }
        public interface IFeedReader { Task<string> ReadFeedAsync(string url); }

        public static class Parser
        {
            public static async Task<(string, string)> ReadTwoAsync(ITokenReader left, ITokenReader right)
            {
                string a = {|ASYNC301:await left.ReadNameAsync()|};
                string b = await right.ReadNameAsync();
                return (a, b);
            }

            public static async Task<(string, string)> FeedsAsync(IFeedReader feeds)
            {
                string a = {|ASYNC301:await feeds.ReadFeedAsync("https://a.example/rss")|};
                string b = await feeds.ReadFeedAsync("https://b.example/rss");
                return (a, b);
            }
        }
        """);

    [Fact]
    public Task A_primary_constructor_parameter_is_state_the_object_keeps() => Verify301.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IGateService
        {
            Task<Dictionary<string, object>> GetStaticAsync();
            Task<Dictionary<string, object>> GetExperimentsAsync(CancellationToken ct);
        }

        public sealed class Consolidator(IGateService service)
        {
            public async Task<Dictionary<string, object>> GetAllAsync(CancellationToken ct)
            {
                var experiments = await LoadExperimentsAsync(ct);
                var all = await service.GetStaticAsync();
                foreach (var kv in experiments) all[kv.Key] = kv.Value;
                return all;
            }

            private async Task<Dictionary<string, object>> LoadExperimentsAsync(CancellationToken ct)
                => await service.GetExperimentsAsync(ct);
        }
        """);

    [Fact]
    public Task Two_unrelated_services_in_a_primary_constructor_stay_reported() => Verify301.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface IPrices { Task<decimal> GetPriceAsync(string sku); }
        public interface IStock { Task<int> GetStockAsync(string sku); }

        public sealed class Catalog(IPrices prices, IStock stock)
        {
            public async Task<string> DescribeAsync(string sku)
            {
                var price = {|ASYNC301:await prices.GetPriceAsync(sku)|};
                var count = await stock.GetStockAsync(sku);
                return $"{price} ({count})";
            }
        }
        """);
}
