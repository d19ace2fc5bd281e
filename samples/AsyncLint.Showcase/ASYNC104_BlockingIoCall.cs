namespace AsyncLint.Showcase;

/// <summary>ASYNC104: a framework I/O or wait call with an async twin holds the thread while the I/O is in flight.</summary>
public sealed class ASYNC104_BlockingIoCall
{
    private readonly SemaphoreSlim gate = new(1);

    public async Task<string> LoadAsync(string path, CancellationToken cancellationToken)
    {
        gate.Wait(); // ASYNC104 → await gate.WaitAsync(cancellationToken)
        try
        {
            var text = File.ReadAllText(path); // ASYNC104 → await File.ReadAllTextAsync(path, cancellationToken)
            using var reader = new StreamReader(File.OpenRead(path + ".log"));
            var first = reader.ReadLine()?.Trim(); // ASYNC104 → (await reader.ReadLineAsync(cancellationToken))?.Trim()
            await Task.Yield();
            return text + first;
        }
        finally
        {
            gate.Release();
        }
    }

    // The plain using's Dispose writes what the writer still buffers, synchronously at the closing brace (on ASP.NET
    // Core's response body it throws: synchronous writes are disallowed).
    public async Task WriteGreetingAsync(Stream responseBody, CancellationToken cancellationToken)
    {
        using var writer = new StreamWriter(responseBody); // ASYNC104 → await using var writer = new StreamWriter(responseBody)
        await writer.WriteAsync("Hello World".AsMemory(), cancellationToken);
    }

    // Not flagged: in-memory readers and writers only copy memory.
    public async Task<string> FormatAsync(string csv)
    {
        using var reader = new StringReader(csv);
        using var writer = new StringWriter();
        writer.Write(reader.ReadLine());
        await Task.Yield();
        return writer.ToString();
    }

    // Not flagged: the deliberate dual sync/async code path of a library that offers both APIs.
    public async ValueTask<int> ReadCoreAsync(Stream stream, byte[] buffer, bool async, CancellationToken cancellationToken)
        => async ? await stream.ReadAsync(buffer, cancellationToken) : stream.Read(buffer, 0, buffer.Length);
}
