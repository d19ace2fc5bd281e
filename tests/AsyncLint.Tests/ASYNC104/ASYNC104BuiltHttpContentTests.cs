using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// Request content built from values and read back (a serializer's tests check the bytes it would send): HttpContent
/// buffers such content into memory, so its stream is read without I/O. So does a response HttpClient read whole
/// before returning it (its sends default to HttpCompletionOption.ResponseContentRead). A response asked for with
/// ResponseHeadersRead or sent without HttpClient, a StreamContent over a file, and content given a stream still read
/// from a device.
/// </summary>
public sealed class ASYNC104BuiltHttpContentTests
{
    private const string ProjectContent = """

        sealed class FormContent : System.Net.Http.ByteArrayContent
        {
            public FormContent(System.Collections.Generic.IDictionary<string, string> fields) : base(new byte[0]) { }
        }

        sealed class UploadContent : System.Net.Http.MultipartFormDataContent
        {
            public UploadContent(System.Collections.Generic.IDictionary<string, object> fields, string boundary) : base(boundary) { }
            public UploadContent(System.IO.Stream file, string boundary) : base(boundary) { }
        }
        """;

    [Fact]
    public Task Trap_content_built_from_values_and_read_back() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        class EncoderTests
        {
            async Task<string> FormAsync()
            {
                var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["a"] = "1" });
                var stream = await content.ReadAsStreamAsync();
                return new StreamReader(stream).ReadToEnd();
            }

            async Task<string> JsonAsync(string json)
            {
                var content = new StringContent(json);
                using var reader = new StreamReader(await content.ReadAsStreamAsync().ConfigureAwait(false));
                return reader.ReadToEnd();
            }

            async Task<string> ProjectFormAsync()
            {
                var content = new FormContent(new Dictionary<string, string>());
                var stream = content.ReadAsStream();
                await Task.Yield();
                return new StreamReader(stream).ReadToEnd();
            }

            async Task<string> MultipartAsync()
            {
                var content = new UploadContent(new Dictionary<string, object> { ["key"] = "value" }, "boundary");
                var stream = await content.ReadAsStreamAsync();
                return new StreamReader(stream).ReadToEnd();
            }

            async Task<string> StreamContentOverMemoryAsync(byte[] bytes)
            {
                var content = new StreamContent(new MemoryStream(bytes));
                var stream = await content.ReadAsStreamAsync();
                return new StreamReader(stream).ReadToEnd();
            }
        }
        """ + ProjectContent);

    [Fact]
    public Task Trap_content_from_a_builder_given_values() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        static class FormEncoder
        {
            public static HttpContent CreateHttpContent(IDictionary<string, string> options) => new FormUrlEncodedContent(options);
            public static HttpContent CreateHttpContent(Stream file) => new StreamContent(file);
        }

        class FormEncoderTests
        {
            async Task<string> EncodesAsync()
            {
                var content = FormEncoder.CreateHttpContent(new Dictionary<string, string> { ["a"] = "1" });
                var stream = await content.ReadAsStreamAsync();
                return new StreamReader(stream).ReadToEnd();
            }

            async Task<string> UploadsAsync(string path)
            {
                var content = FormEncoder.CreateHttpContent(File.OpenRead(path));
                var stream = await content.ReadAsStreamAsync();
                return {|ASYNC104:new StreamReader(stream).ReadToEnd()|};
            }
        }
        """);

    [Fact]
    public Task Received_content_and_content_over_a_device_are_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Downloads
        {
            async Task<string> ResponseAsync(HttpClient http)
            {
                using var response = await http.GetAsync("https://example.com", HttpCompletionOption.ResponseHeadersRead);
                var stream = await response.Content.ReadAsStreamAsync();
                return {|ASYNC104:new StreamReader(stream).ReadToEnd()|};
            }

            async Task<string> FileContentAsync(string path)
            {
                var content = new StreamContent(File.OpenRead(path));
                var stream = await content.ReadAsStreamAsync();
                return {|ASYNC104:new StreamReader(stream).ReadToEnd()|};
            }

            async Task<string> UploadAsync(string path)
            {
                var content = new UploadContent(File.OpenRead(path), "boundary");
                var stream = await content.ReadAsStreamAsync();
                return {|ASYNC104:new StreamReader(stream).ReadToEnd()|};
            }

            async Task<string> GivenContentAsync(HttpContent content)
            {
                var stream = await content.ReadAsStreamAsync();
                return {|ASYNC104:new StreamReader(stream).ReadToEnd()|};
            }
        }
        """ + ProjectContent);

    [Fact]
    public Task Trap_a_response_read_whole_by_HttpClient() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        class AgentClient
        {
            private readonly HttpClient http = new HttpClient();

            internal Stream ResponseStream { get; set; }

            async Task DeleteAsync(string url, CancellationToken ct)
            {
                var message = new HttpRequestMessage(HttpMethod.Delete, url);
                var response = await http.SendAsync(message, ct).ConfigureAwait(false);
                ResponseStream = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    using (var reader = new StreamReader(ResponseStream))
                    {
                        throw new InvalidOperationException("status " + response.StatusCode + ": " + reader.ReadToEnd());
                    }
                }
            }

            async Task<string> GetAsync(string url)
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
                Stream body;
                body = await response.Content.ReadAsStreamAsync();
                return new StreamReader(body).ReadToEnd();
            }

            async Task<string> PostAsync(string url, HttpContent content)
            {
                using HttpResponseMessage response = await http.PostAsync(url, content).ConfigureAwait(false);
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
                return reader.ReadToEnd();
            }

            async Task<string> SendAsync(HttpRequestMessage request)
            {
                await Task.Yield();
                // The send blocks (reported); what it returns is already read.
                var response = {|ASYNC104:http.Send(request)|};
                return new StreamReader(response.Content.ReadAsStream()).ReadToEnd();
            }
        }
        """);

    [Fact]
    public Task A_streamed_response_and_a_stream_set_twice_are_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Streaming
        {
            private readonly HttpClient http = new HttpClient();
            private readonly HttpMessageInvoker invoker = new HttpMessageInvoker(new HttpClientHandler());

            internal Stream ResponseStream { get; set; }

            async Task<string> ChosenByCallerAsync(string url, HttpCompletionOption option)
            {
                using var response = await http.GetAsync(url, option);
                var stream = await response.Content.ReadAsStreamAsync();
                return {|ASYNC104:new StreamReader(stream).ReadToEnd()|};
            }

            async Task<string> WithoutHttpClientAsync(HttpRequestMessage request)
            {
                using var response = await invoker.SendAsync(request, default);
                var stream = await response.Content.ReadAsStreamAsync();
                return {|ASYNC104:new StreamReader(stream).ReadToEnd()|};
            }

            async Task<string> StreamAsync(string url)
            {
                var stream = await http.GetStreamAsync(url);
                return {|ASYNC104:new StreamReader(stream).ReadToEnd()|};
            }

            async Task<string> SetTwiceAsync(string url, string path)
            {
                using var response = await http.GetAsync(url);
                ResponseStream = await response.Content.ReadAsStreamAsync();
                if (response.Content.Headers.ContentLength is null)
                {
                    ResponseStream = File.OpenRead(path);
                }

                return {|ASYNC104:new StreamReader(ResponseStream).ReadToEnd()|};
            }

            async Task<string> ReadBeforeSetAsync(string url)
            {
                var text = {|ASYNC104:new StreamReader(ResponseStream).ReadToEnd()|};
                using var response = await http.GetAsync(url);
                ResponseStream = await response.Content.ReadAsStreamAsync();
                return text;
            }
        }
        """);

    [Fact]
    public Task Bytes_in_memory_copied_to_a_device_are_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net.Http;
        using System.Threading.Tasks;

        class Exports
        {
            async Task SaveAsync(byte[] bytes, string path, Stream output)
            {
                using var file = File.Create(path);
                var memory = new MemoryStream(bytes);
                {|ASYNC104:memory.CopyTo(file)|};
                {|ASYNC104:new StringContent("report").CopyTo(output, null, default)|};
                memory.CopyTo(new MemoryStream());
                await Task.Yield();
            }
        }
        """);
}
