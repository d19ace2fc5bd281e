using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// Held-out-style snippets for framework calls with an async twin: in-memory arguments, CPU-bound work and
/// helpers without a twin of the same shape (roslyn-analyzers #6684, #7318, #7420; dotnet/runtime #57145; vs-threading #1003, #1662).
/// </summary>
public sealed class ASYNC104SnippetTests
{
    [Fact]
    public Task Trap_serializer_over_a_memory_stream_argument() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Text.Json;
        using System.Threading.Tasks;

        class Item { public int Id { get; set; } }

        class C
        {
            async Task<Item?> RoundTripAsync(Item item)
            {
                using var buffer = new MemoryStream();
                JsonSerializer.Serialize(buffer, item);
                buffer.Position = 0;
                var copy = JsonSerializer.Deserialize<Item>(buffer);
                await Task.Yield();
                return copy;
            }
        }
        """);

    [Fact]
    public Task Trap_crypto_and_buffered_streams_over_memory() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Security.Cryptography;
        using System.Threading.Tasks;

        class C
        {
            async Task<byte[]> HashAsync(byte[] data, ICryptoTransform transform)
            {
                using var output = new MemoryStream();
                using (var crypto = new CryptoStream(output, transform, CryptoStreamMode.Write))
                {
                    crypto.Write(data, 0, data.Length);
                    crypto.FlushFinalBlock();
                }

                using var buffered = new BufferedStream(new MemoryStream(data));
                buffered.ReadByte();
                buffered.Flush();
                await Task.Yield();
                return output.ToArray();
            }
        }
        """);

    [Fact]
    public Task Trap_linq_parallel_and_helpers_without_a_same_shape_twin() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Linq;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Task ProcessAsync(int item) => Task.CompletedTask;

            async Task<string> RunAsync(IEnumerable<int> items, string path, CancellationTokenSource cts, Timer timer)
            {
                await Task.WhenAll(items.Select(ProcessAsync));
                var list = items.Where(i => i > 0).ToList();
                var first = items.First();
                Parallel.ForEach(list, item => Console.WriteLine(item));
                var json = JsonSerializer.Serialize(list);
                var exists = File.Exists(path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                cts.Dispose();
                timer.Dispose();
                return json + first + exists;
            }
        }
        """);

    [Fact]
    public Task Trap_registration_disposed_in_a_synchronous_callback() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(CancellationToken token)
            {
                var registration = token.Register(() => { });
                await Task.Yield();
                registration.Dispose();
                Cleanup(registration);

                void Cleanup(CancellationTokenRegistration r) => r.Dispose();
            }
        }
        """);

    [Fact]
    public Task Stream_copied_to_a_file_and_process_wait_in_an_async_handler() => VerifyCS.AnalyzerAsync("""
        using System.Diagnostics;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(Stream upload, string path, Process process)
            {
                using var file = File.Create(path);
                {|ASYNC104:upload.CopyTo(file)|};
                {|ASYNC104:process.WaitForExit()|};
                await Task.Yield();
            }
        }
        """);
}
