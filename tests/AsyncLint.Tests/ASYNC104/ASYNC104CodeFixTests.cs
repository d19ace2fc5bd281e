using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC104_105AsyncTwinCodeFix>;

namespace AsyncLint.Tests.ASYNC104;

public sealed class ASYNC104CodeFixTests
{
    [Fact]
    public Task ReadAllText_becomes_awaited_twin_with_the_token_in_scope() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(string path, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return {|ASYNC104:File.ReadAllText(path)|};
            }
        }
        """, """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(string path, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return await File.ReadAllTextAsync(path, cancellationToken);
            }
        }
        """);

    [Fact]
    public Task Without_a_token_in_scope_the_optional_token_is_left_out() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(string path, string text)
            {
                {|ASYNC104:File.WriteAllText(path, text)|};
                await Task.Yield();
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(string path, string text)
            {
                await File.WriteAllTextAsync(path, text);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Member_access_on_the_result_is_parenthesized() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string?> FirstAsync(StreamReader reader)
            {
                await Task.Yield();
                return {|ASYNC104:reader.ReadLine()|}?.Trim();
            }

            async Task<int> LengthAsync(StreamReader reader)
            {
                await Task.Yield();
                return {|ASYNC104:reader.ReadToEnd()|}.Trim().Length;
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string?> FirstAsync(StreamReader reader)
            {
                await Task.Yield();
                return (await reader.ReadLineAsync())?.Trim();
            }

            async Task<int> LengthAsync(StreamReader reader)
            {
                await Task.Yield();
                return (await reader.ReadToEndAsync()).Trim().Length;
            }
        }
        """);

    [Fact]
    public Task Named_arguments_are_kept_and_the_token_is_named_too() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(string file, CancellationToken ct)
            {
                {|ASYNC104:File.WriteAllText(contents: "x", path: file)|};
                await Task.Yield();
            }
        }
        """, """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync(string file, CancellationToken ct)
            {
                await File.WriteAllTextAsync(contents: "x", path: file, cancellationToken: ct);
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task ConfigureAwait_false_is_kept_where_the_method_uses_it() => VerifyFix.CodeFixAsync("""
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<object?> ScalarAsync(DbCommand command, CancellationToken ct)
            {
                await Task.Yield();
                {|ASYNC104:command.Connection!.Open()|};
                var value = {|ASYNC104:command.ExecuteScalar()|};
                await Task.Delay(1, ct).ConfigureAwait(false);
                return value;
            }
        }
        """, """
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<object?> ScalarAsync(DbCommand command, CancellationToken ct)
            {
                await Task.Yield();
                await command.Connection!.OpenAsync(ct).ConfigureAwait(false);
                var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                await Task.Delay(1, ct).ConfigureAwait(false);
                return value;
            }
        }
        """);

    [Fact]
    public Task Semaphore_Wait_picks_the_overload_for_the_token_in_scope() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1);

            async Task WithTokenAsync(CancellationToken ct)
            {
                {|ASYNC104:gate.Wait()|};
                gate.Release();
                await Task.Yield();
            }

            async Task WithoutTokenAsync()
            {
                {|ASYNC104:gate.Wait()|};
                gate.Release();
                await Task.Yield();
            }
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1);

            async Task WithTokenAsync(CancellationToken ct)
            {
                await gate.WaitAsync(ct);
                gate.Release();
                await Task.Yield();
            }

            async Task WithoutTokenAsync()
            {
                await gate.WaitAsync();
                gate.Release();
                await Task.Yield();
            }
        }
        """);

    [Fact]
    public Task Using_declaration_and_generic_deserialize_with_a_token_source() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Data.Common;
        using System.IO;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int[]?> RunAsync(DbCommand command, Stream stream)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var reader = {|ASYNC104:command.ExecuteReader()|};
                await Task.Yield();
                return {|ASYNC104:JsonSerializer.Deserialize<int[]>(stream)|};
            }
        }
        """, """
        using System;
        using System.Data.Common;
        using System.IO;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int[]?> RunAsync(DbCommand command, Stream stream)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                using var reader = await command.ExecuteReaderAsync(cts.Token);
                await Task.Yield();
                return await JsonSerializer.DeserializeAsync<int[]>(stream, cancellationToken: cts.Token);
            }
        }
        """);

    [Fact]
    public Task Array_argument_goes_to_the_Memory_overload() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> CopyAsync(Stream source, Stream target, byte[] buffer, CancellationToken ct)
            {
                var n = {|ASYNC104:source.Read(buffer)|};
                {|ASYNC104:target.Write(buffer, 0, n)|};
                await Task.Yield();
                return n;
            }
        }
        """, """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> CopyAsync(Stream source, Stream target, byte[] buffer, CancellationToken ct)
            {
                var n = await source.ReadAsync(buffer, ct);
                await target.WriteAsync(buffer, 0, n, ct);
                await Task.Yield();
                return n;
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_async_lambda() => VerifyFix.CodeFixAsync("""
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Func<string, CancellationToken, Task<string>> Load => async (path, token) => {|ASYNC104:File.ReadAllText(path)|};
        }
        """, """
        using System;
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            Func<string, CancellationToken, Task<string>> Load => async (path, token) => await File.ReadAllTextAsync(path, token);
        }
        """);

    [Fact]
    public Task Works_on_net8() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(string path)
            {
                await Task.Yield();
                return {|ASYNC104:File.ReadAllText(path)|};
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(string path)
            {
                await Task.Yield();
                return await File.ReadAllTextAsync(path);
            }
        }
        """, framework: TargetFramework.Net80);

    [Fact]
    public Task FixAll_rewrites_every_call_including_nested_ones() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task EchoAsync(StreamReader reader, StreamWriter writer, CancellationToken ct)
            {
                {|ASYNC104:writer.WriteLine({|ASYNC104:reader.ReadLine()|})|};
                {|ASYNC104:writer.Flush()|};
                await Task.Yield();
            }

            async Task SaveAsync(string path, string text)
            {
                {|ASYNC104:File.WriteAllText(path, text)|};
                {|ASYNC104:File.AppendAllText(path, {|ASYNC104:File.ReadAllText(path)|})|};
                await Task.Yield();
            }
        }
        """, """
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task EchoAsync(StreamReader reader, StreamWriter writer, CancellationToken ct)
            {
                await writer.WriteLineAsync(await reader.ReadLineAsync(ct));
                await writer.FlushAsync(ct);
                await Task.Yield();
            }

            async Task SaveAsync(string path, string text)
            {
                await File.WriteAllTextAsync(path, text);
                await File.AppendAllTextAsync(path, await File.ReadAllTextAsync(path));
                await Task.Yield();
            }
        }
        """);
}
