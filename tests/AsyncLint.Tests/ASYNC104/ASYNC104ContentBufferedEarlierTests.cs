using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A response whose content the method has already buffered (an awaited <c>ReadAsStringAsync</c>, <c>ReadAsByteArrayAsync</c>
/// or <c>LoadIntoBufferAsync</c> in an earlier statement): the stream read afterwards is a view of that buffer, whoever sent
/// the request. Buffered only on one branch, later, or on another response, the stream may still be the connection.
/// </summary>
public sealed class ASYNC104ContentBufferedEarlierTests
{
    [Fact]
    public Task A_stream_of_content_buffered_earlier_is_silent() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Extractor
        {
            public virtual async Task<string> GetContentAsync(HttpResponseMessage response)
            {
                var page = new Page { Bytes = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false) };
                var stream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                using (var reader = new StreamReader(stream))
                {
                    page.Text = reader.ReadToEnd();
                }

                return page.Text;
            }

            public async Task<string> LoadedAsync(HttpResponseMessage response)
            {
                await response.Content.LoadIntoBufferAsync();
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                return reader.ReadToEnd();
            }
        }

        class Page { public byte[] Bytes = new byte[0]; public string Text = ""; }
        """);

    [Fact]
    public Task Buffered_on_one_branch_later_or_on_another_response_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Extractor
        {
            public async Task<string> BranchAsync(HttpResponseMessage response, bool peek)
            {
                if (peek)
                {
                    await response.Content.ReadAsStringAsync();
                }

                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                return {|ASYNC104:reader.ReadToEnd()|};
            }

            public async Task<string> LaterAsync(HttpResponseMessage response)
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                var text = {|ASYNC104:reader.ReadToEnd()|};
                return text + await response.Content.ReadAsStringAsync();
            }

            public async Task<string> OtherAsync(HttpResponseMessage first, HttpResponseMessage second)
            {
                await first.Content.ReadAsStringAsync();
                using var reader = new StreamReader(await second.Content.ReadAsStreamAsync());
                return {|ASYNC104:reader.ReadToEnd()|};
            }
        }
        """);
}
