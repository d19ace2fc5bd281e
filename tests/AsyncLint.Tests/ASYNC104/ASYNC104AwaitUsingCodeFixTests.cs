using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC104AwaitUsingCodeFix>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>The fix for a plain using whose dispose writes: <c>await using</c>, keeping a function's ConfigureAwait(false).</summary>
public sealed class ASYNC104AwaitUsingCodeFixTests
{
    [Fact]
    public Task Using_statements_and_declarations_become_await_using() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class Endpoint
        {
            async Task HelloAsync(Stream responseBody)
            {
                // the greeting
                {|ASYNC104:using (var writer = new StreamWriter(responseBody))|}
                {
                    await writer.WriteAsync("Hello World");
                }
            }

            async Task ZipAsync(Stream output, string text)
            {
                {|ASYNC104:using var gzip = new GZipStream(output, CompressionLevel.Fastest)|};
                {|ASYNC104:using var writer = new StreamWriter(gzip)|};
                await writer.WriteAsync(text);
            }
        }
        """, """
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class Endpoint
        {
            async Task HelloAsync(Stream responseBody)
            {
                // the greeting
                await using (var writer = new StreamWriter(responseBody))
                {
                    await writer.WriteAsync("Hello World");
                }
            }

            async Task ZipAsync(Stream output, string text)
            {
                await using var gzip = new GZipStream(output, CompressionLevel.Fastest);
                await using var writer = new StreamWriter(gzip);
                await writer.WriteAsync(text);
            }
        }
        """);

    [Fact]
    public Task A_function_that_awaits_with_ConfigureAwait_false_keeps_it_on_the_dispose() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class Library
        {
            async Task HelloAsync(Stream output)
            {
                {|ASYNC104:using (var writer = new StreamWriter(output))|}
                {
                    await writer.WriteAsync("Hello").ConfigureAwait(false);
                }
            }

            async Task ZipAsync(Stream output, string text)
            {
                _ = text.Length;
                {|ASYNC104:using var gzip = new GZipStream(output, CompressionLevel.Fastest)|};
                {|ASYNC104:using var writer = new StreamWriter(gzip)|};
                await writer.WriteAsync(text).ConfigureAwait(false);
            }

            async Task ExistingAsync(Stream output)
            {
                var writer = new StreamWriter(output);
                {|ASYNC104:using (writer)|}
                {
                    await writer.WriteAsync("x").ConfigureAwait(false);
                }
            }
        }
        """, """
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        class Library
        {
            async Task HelloAsync(Stream output)
            {
                var writer = new StreamWriter(output);
                await using (writer.ConfigureAwait(false))
                {
                    await writer.WriteAsync("Hello").ConfigureAwait(false);
                }
            }

            async Task ZipAsync(Stream output, string text)
            {
                _ = text.Length;
                var gzip = new GZipStream(output, CompressionLevel.Fastest);
                await using var gzipDisposal = gzip.ConfigureAwait(false);
                var writer = new StreamWriter(gzip);
                await using var writerDisposal = writer.ConfigureAwait(false);
                await writer.WriteAsync(text).ConfigureAwait(false);
            }

            async Task ExistingAsync(Stream output)
            {
                var writer = new StreamWriter(output);
                await using (writer.ConfigureAwait(false))
                {
                    await writer.WriteAsync("x").ConfigureAwait(false);
                }
            }
        }
        """);

    [Fact]
    public Task A_hoisted_name_used_later_in_the_block_gets_a_block_of_its_own() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class Library
        {
            async Task TwiceAsync(Stream first, Stream second)
            {
                {|ASYNC104:using (var writer = new StreamWriter(first))|}
                {
                    await writer.WriteAsync("a").ConfigureAwait(false);
                }

                {|ASYNC104:using (var writer = new StreamWriter(second))|}
                {
                    await writer.WriteAsync("b").ConfigureAwait(false);
                }
            }

            async Task DeclarationAsync(Stream output)
            {
                {|ASYNC104:using var writer = new StreamWriter(output)|};
                await writer.WriteAsync("c").ConfigureAwait(false);
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class Library
        {
            async Task TwiceAsync(Stream first, Stream second)
            {
                {
                    var writer = new StreamWriter(first);
                    await using (writer.ConfigureAwait(false))
                    {
                        await writer.WriteAsync("a").ConfigureAwait(false);
                    }
                }

                {
                    var writer = new StreamWriter(second);
                    await using (writer.ConfigureAwait(false))
                    {
                        await writer.WriteAsync("b").ConfigureAwait(false);
                    }
                }
            }

            async Task DeclarationAsync(Stream output)
            {
                var writer = new StreamWriter(output);
                await using var _ = writer.ConfigureAwait(false);
                await writer.WriteAsync("c").ConfigureAwait(false);
            }
        }
        """);

    [Fact]
    public Task A_resource_typed_as_IDisposable_gets_no_fix() => VerifyFix.NoCodeFixAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class Odd
        {
            async Task SaveAsync(Stream output)
            {
                {|ASYNC104:using (IDisposable writer = new StreamWriter(output))|}
                {
                    await ((StreamWriter)writer).WriteAsync("a");
                }
            }
        }
        """);
}
