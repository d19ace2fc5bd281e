namespace AsyncLint.Showcase;

/// <summary>ASYNC201: a dropped task loses its exceptions and races the code after it. CS4014 misses these.</summary>
public sealed class ASYNC201_DroppedTask : IDisposable
{
    private readonly Func<Task> closeAsync = () => Task.Delay(10);

    public Task CloseAsync() => closeAsync();

    public void Dispose() => CloseAsync(); // ASYNC201 → _ = CloseAsync();

    public void OnSaveClicked(ASYNC201_DroppedTask? other)
    {
        other?.CloseAsync(); // ASYNC201 → _ = other?.CloseAsync();
        Task.Run(() => CloseAsync()); // ASYNC201
    }

    public async Task RefreshAsync(ASYNC201_DroppedTask? other)
    {
        other?.CloseAsync(); // ASYNC201 (CS4014 does not see '?.') → await (other?.CloseAsync() ?? Task.CompletedTask);
        await CloseAsync();
    }

    // Not flagged: an explicit discard is fire-and-forget on purpose.
    public void Detach() => _ = CloseAsync();
}
