using System.Diagnostics;

namespace AsyncLint.Showcase;

/// <summary>ASYNC106: a synchronous method of the project blocks; async code that calls it blocks just the same (a suggestion).</summary>
public sealed class ASYNC106_BlockingProjectMethod
{
    private static void ExtractArchive(string archive, string target)
    {
        using var tar = Process.Start("tar", ["-xf", archive, "-C", target])!;
        tar.WaitForExit(); // the thread waits here for the whole extraction
    }

    public async Task InstallAsync(string archive, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        ExtractArchive(archive, "/opt/tool"); // ASYNC106 → give it an async version (await tar.WaitForExitAsync(cancellationToken))
    }

    // Not flagged: the wait awaited (what an async ExtractArchiveAsync would do), and the synchronous method run on the
    // thread pool on purpose.
    public async Task InstallFixedAsync(string archive, CancellationToken cancellationToken)
    {
        await Task.Delay(10, cancellationToken);
        using var tar = Process.Start("tar", ["-xf", archive, "-C", "/opt/tool"])!;
        await tar.WaitForExitAsync(cancellationToken);
    }

    public Task InstallOnThePoolAsync(string archive) => Task.Run(() => ExtractArchive(archive, "/opt/tool"));
}
