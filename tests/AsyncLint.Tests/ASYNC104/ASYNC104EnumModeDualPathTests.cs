using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// A dual sync/async code path whose mode is an enum (an ADO.NET driver's I/O behaviour) rather than a bool: the arm
/// the synchronous caller picks is not a blocking call in async code.
/// </summary>
public sealed class ASYNC104EnumModeDualPathTests
{
    private const string Mode = """

        enum IoMode { Asynchronous, Synchronous }
        """;

    [Fact]
    public Task Trap_if_else_on_an_enum_mode() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Gate
        {
            private readonly SemaphoreSlim slots = new(4);

            public async ValueTask EnterAsync(IoMode mode, CancellationToken token)
            {
                if (mode == IoMode.Asynchronous)
                    await slots.WaitAsync(token);
                else
                    slots.Wait(token);
            }

            public void Enter() => EnterAsync(IoMode.Synchronous, default).GetAwaiter().GetResult();
        }
        """ + Mode);

    [Fact]
    public Task Trap_inverted_test_conditional_expression_and_nested_if() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Net;
        using System.Threading.Tasks;

        class Link
        {
            async ValueTask FlushAsync(Stream stream, IoMode mode)
            {
                if (mode == IoMode.Synchronous)
                    stream.Flush();
                else
                    await stream.FlushAsync();
            }

            async ValueTask<IPAddress[]> ResolveAsync(string host, IoMode mode)
                => mode != IoMode.Synchronous
                    ? await Dns.GetHostAddressesAsync(host)
                    : Dns.GetHostAddresses(host);

            async ValueTask<int> ReadAsync(Stream stream, byte[] buffer, IoMode mode, bool whole)
            {
                if (mode is IoMode.Asynchronous)
                {
                    return await stream.ReadAsync(buffer, 0, buffer.Length);
                }
                else
                {
                    if (whole)
                    {
                        stream.ReadExactly(buffer, 0, buffer.Length);
                        return buffer.Length;
                    }

                    return stream.Read(buffer, 0, buffer.Length);
                }
            }
        }
        """ + Mode);

    [Fact]
    public Task Trap_switch_on_an_enum_mode_kept_by_the_object() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        enum Behavior { Async, Sync }

        class Channel
        {
            private readonly Behavior behavior;
            private readonly Stream stream;

            public Channel(Stream stream, Behavior behavior)
            {
                this.stream = stream;
                this.behavior = behavior;
            }

            async Task WriteAsync(byte[] data)
            {
                switch (behavior)
                {
                    case Behavior.Async:
                        await stream.WriteAsync(data, 0, data.Length);
                        break;
                    default:
                        stream.Write(data, 0, data.Length);
                        break;
                }
            }

            async Task<int> ReadAsync(byte[] data) => behavior switch
            {
                Behavior.Async => await stream.ReadAsync(data, 0, data.Length),
                _ => stream.Read(data, 0, data.Length),
            };
        }
        """);

    [Fact]
    public Task An_enum_that_is_not_the_mode_does_not_exempt() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        enum SyncState { Pending, Synced }

        class Uploader
        {
            async Task UploadAsync(Stream source, Stream target, SyncState state)
            {
                if (state == SyncState.Synced)
                {
                    await source.CopyToAsync(target);
                }
                else
                {
                    {|ASYNC104:source.CopyTo(target)|};
                }
            }
        }
        """);

    [Fact]
    public Task A_call_outside_the_mode_branches_is_reported() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class Loader
        {
            async ValueTask<byte[]> LoadAsync(string path, Stream stream, IoMode mode)
            {
                var key = {|ASYNC104:File.ReadAllBytes(path)|};
                if (mode == IoMode.Asynchronous)
                    await stream.FlushAsync();
                else
                    stream.Flush();

                return key;
            }
        }
        """ + Mode);
}
