using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC101BlockingTaskWaitAnalyzer>;

namespace AsyncLint.Tests.ASYNC101;

/// <summary>
/// HttpClient hands back a response whose content it has read whole (unless told ResponseHeadersRead): reading that
/// content returns a completed task. A streamed response, or one this function did not receive, keeps the report.
/// </summary>
public sealed class ASYNC101BufferedResponseContentTests
{
    [Fact]
    public Task Result_of_a_read_of_a_buffered_response_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class Client
        {
            async Task<long> FetchAsync(HttpClient client, HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var response = await client.SendAsync(request, cancellationToken);
                using Stream body = response.Content.ReadAsStreamAsync().Result;
                var page = await client.GetAsync("https://example.com/page").ConfigureAwait(false);
                var text = page.Content.ReadAsStringAsync().GetAwaiter().GetResult();
                var bytes = (await client.PostAsync("https://example.com/echo", new StringContent(text))).Content.ReadAsByteArrayAsync().Result;
                return body.Length + text.Length + bytes.Length;
            }
        }
        """);

    [Fact]
    public Task Result_of_a_read_of_a_streamed_or_unknown_response_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class Client
        {
            async Task<long> FetchAsync(HttpClient client, HttpRequestMessage request, HttpResponseMessage given, CancellationToken cancellationToken)
            {
                var streamed = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
                using Stream body = {|ASYNC101:streamed.Content.ReadAsStreamAsync().Result|};
                var text = {|ASYNC101:given.Content.ReadAsStringAsync().Result|};
                var raw = {|ASYNC101:client.GetStringAsync("https://example.com").Result|};
                return body.Length + text.Length + raw.Length;
            }
        }
        """);
}
