namespace AsyncLint.Showcase;

/// <summary>ASYNC205: returning a task from inside using/try leaves the block before the task completes.</summary>
public sealed class ASYNC205_TaskReturnedFromUsingOrTry
{
    private readonly SemaphoreSlim gate = new(1);

    public Task<string> ReadConfigAsync(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadToEndAsync(); // ASYNC205: the reader is disposed while it reads → async + return await
    }

    public Task WriteLockedAsync(Stream stream, byte[] data)
    {
        gate.Wait();
        try
        {
            return stream.WriteAsync(data, 0, data.Length); // ASYNC205: the finally releases the gate at once
        }
        finally
        {
            gate.Release();
        }
    }

    // Not flagged: an already-completed task does not outlive the using block.
    public Task<long> LengthAsync(string path)
    {
        using var stream = File.OpenRead(path);
        return Task.FromResult(stream.Length);
    }
}
