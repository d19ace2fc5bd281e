using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A zip entry just created is opened for writing without any I/O at the open: its OpenAsync hands the same stream back in
/// a completed task. Opening an entry that is already in the archive reads it, and stays reported.
/// </summary>
public sealed class ASYNC104NewZipEntryTests
{
    [Fact]
    public Task Trap_opening_an_entry_the_archive_just_created() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class Backup
        {
            async Task WriteAsync(Stream output, Stream settings, Stream log)
            {
                using var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
                var entry = archive.CreateEntry("settings.json");
                using (var target = entry.Open())
                {
                    await settings.CopyToAsync(target);
                }

                await using var logTarget = archive.CreateEntry("log.txt").Open();
                await log.CopyToAsync(logTarget);
            }
        }
        """);

    [Fact]
    public Task Opening_an_entry_read_from_the_archive_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class Restore
        {
            async Task ReadAsync(Stream input, Stream settings)
            {
                using var archive = new ZipArchive(input, ZipArchiveMode.Update, leaveOpen: true);
                var entry = archive.GetEntry("settings.json")!;
                using var source = {|ASYNC104:entry.Open()|};
                await source.CopyToAsync(settings);
            }
        }
        """);
}
