namespace AsyncLint.Timing.Variants;

/// <summary>One request, the blocking way and the non-blocking way.</summary>
public static class Fetch
{
    /// <summary>Blocking: the calling thread waits for the whole round trip (<c>HttpClient.Send</c>, a sync read).</summary>
    public static string Blocking(HttpClient client, Uri url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        using var response = client.Send(request);
        response.EnsureSuccessStatusCode();
        using var reader = new StreamReader(response.Content.ReadAsStream());
        return reader.ReadToEnd();
    }

    /// <summary>Non-blocking: the thread is free while the request is in flight.</summary>
    public static Task<string> NonBlockingAsync(HttpClient client, Uri url, CancellationToken cancellationToken = default)
        => client.GetStringAsync(url, cancellationToken);
}
