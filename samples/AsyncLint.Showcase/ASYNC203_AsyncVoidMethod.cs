namespace AsyncLint.Showcase;

/// <summary>ASYNC203: an async void method cannot be awaited, and an exception in it crashes the process.</summary>
public sealed class ASYNC203_AsyncVoidMethod
{
    private readonly string path = Path.Combine(Path.GetTempPath(), "asynclint-settings.json");

    public event EventHandler? Saved;

    // ASYNC203 → public async Task SaveSettings(string json), and `await SaveSettings(json)` below.
    public async void SaveSettings(string json)
    {
        await File.WriteAllTextAsync(path, json);
        Saved?.Invoke(this, EventArgs.Empty);
    }

    public async Task ApplyAsync(string json)
    {
        SaveSettings(json); // returns at its first await: the read below may see the old file
        await File.ReadAllTextAsync(path);
    }

    // Not flagged: an event handler, the one place async void belongs.
    public async void OnRefreshClicked(object? sender, EventArgs e)
        => await File.ReadAllTextAsync(path);
}
