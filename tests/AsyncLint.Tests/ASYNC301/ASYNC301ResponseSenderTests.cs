using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// A web endpoint's response written through a sender named for the verb (FastEndpoints' <c>await Send.OkAsync(ct)</c>):
/// it must follow the work it reports, so it never joins a group. The reads before it are still a group of their own.
/// </summary>
public sealed class ASYNC301ResponseSenderTests
{
    private const string Endpoint = """

        public readonly struct ResponseSender
        {
            public Task OkAsync(CancellationToken token = default) => Task.CompletedTask;
            public Task OkAsync(object body, CancellationToken token = default) => Task.CompletedTask;
            public Task NotFoundAsync(CancellationToken token = default) => Task.CompletedTask;
        }

        public abstract class EndpointBase
        {
            public ResponseSender Send => default;
        }

        public interface ITenantService { Task RefreshAsync(CancellationToken token); }
        public interface IQuotes { Task<decimal> GetQuoteAsync(string symbol, CancellationToken token); }
        """;

    [Fact]
    public Task Response_written_through_the_sender_after_the_work_is_silent() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class RefreshEndpoint(ITenantService tenants) : EndpointBase
        {
            public async Task HandleAsync(CancellationToken token)
            {
                await tenants.RefreshAsync(token);
                await Send.OkAsync(token);
            }
        }
        """ + Endpoint);

    [Fact]
    public Task Independent_reads_before_the_response_are_still_told() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class QuoteEndpoint(IQuotes quotes) : EndpointBase
        {
            public async Task HandleAsync(CancellationToken token)
            {
                var a = {|ASYNC301:await quotes.GetQuoteAsync("A", token)|};
                var b = await quotes.GetQuoteAsync("B", token);
                await Send.OkAsync(new { a, b }, token);
            }
        }
        """ + Endpoint);
}
