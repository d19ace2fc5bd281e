using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>Held-out-style dual sync/async paths chosen by a flag that is a field, a property or a negated local.</summary>
public sealed class ASYNC104SnippetDualPathTests
{
    [Fact]
    public Task Trap_flag_in_a_field_property_or_switch() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class Writer
        {
            private readonly bool useAsync;
            private readonly Stream stream;

            public Writer(Stream stream, bool useAsync)
            {
                this.stream = stream;
                this.useAsync = useAsync;
            }

            public bool IsAsync { get; set; }

            async ValueTask FlushAsync()
            {
                if (useAsync)
                {
                    await stream.FlushAsync();
                }
                else
                {
                    stream.Flush();
                }

                if (!IsAsync)
                {
                    stream.Flush();
                    return;
                }

                await stream.FlushAsync();
            }

            async ValueTask<int> ReadAsync(byte[] buffer, bool async)
            {
                switch (async)
                {
                    case true:
                        return await stream.ReadAsync(buffer, 0, buffer.Length);
                    default:
                        return stream.Read(buffer, 0, buffer.Length);
                }
            }
        }
        """);

    [Fact]
    public Task State_of_another_object_is_not_a_mode_flag() => VerifyCS.AnalyzerAsync("""
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
        """);

    [Fact]
    public Task A_member_flag_that_is_not_the_mode_is_not_a_dual_path() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class ReaderTests
        {
            bool IsSequential { get; }
            bool isConnected;

            async Task SecondStreamAsync(Func<Task<Stream>> open)
            {
                using var stream = await open();
                var buffer = new byte[8];
                if (IsSequential)
                {
                    await open();
                }
                else
                {
                    {|ASYNC104:stream.Read(buffer)|};
                }

                if (isConnected)
                    await stream.FlushAsync();
                else
                    {|ASYNC104:stream.Flush()|};
            }
        }
        """);
}
