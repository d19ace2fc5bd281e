using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC104_105AsyncTwinCodeFix>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>The fix for the snippet positives: an upload copied to a file and a process waited for.</summary>
public sealed class ASYNC104SnippetCodeFixTests
{
    [Fact]
    public Task CopyTo_and_WaitForExit_become_awaited_twins() => VerifyFix.CodeFixAsync("""
        using System.Diagnostics;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Stream upload, string path, Process process, CancellationToken cancellationToken)
            {
                using var file = File.Create(path);
                {|ASYNC104:upload.CopyTo(file)|};
                {|ASYNC104:process.WaitForExit()|};
                await Task.Yield();
            }
        }
        """, """
        using System.Diagnostics;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Stream upload, string path, Process process, CancellationToken cancellationToken)
            {
                using var file = File.Create(path);
                await upload.CopyToAsync(file, cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Copy_guarded_by_another_objects_state_becomes_awaited() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task CopyAsync(Stream source, Stream target)
            {
                if (!source.CanSeek)
                {
                    {|ASYNC104:source.CopyTo(target)|};
                    return;
                }

                await source.CopyToAsync(target);
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task CopyAsync(Stream source, Stream target)
            {
                if (!source.CanSeek)
                {
                    await source.CopyToAsync(target);
                    return;
                }

                await source.CopyToAsync(target);
            }
        }
        """);
}
