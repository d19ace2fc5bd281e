using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC104_105AsyncTwinCodeFix>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// XmlReader and XmlWriter block like any reader, but their XAsync methods throw InvalidOperationException unless the
/// reader or writer was created with <c>Async = true</c>: the rewrite would compile and then fail, so none is offered.
/// </summary>
public sealed class ASYNC104SnippetNoFixTests
{
    [Fact]
    public Task No_fix_for_an_XmlReader_or_XmlWriter_created_without_async_settings() => VerifyFix.NoCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;
        using System.Xml;

        class C
        {
            async Task CopyAsync(Stream input, Stream output)
            {
                using var reader = XmlReader.Create(input);
                using var writer = XmlWriter.Create(output);
                while ({|ASYNC104:reader.Read()|})
                {
                    {|ASYNC104:writer.WriteString(reader.Value)|};
                }

                {|ASYNC104:writer.Flush()|};
                await Task.Yield();
            }
        }
        """);
}
