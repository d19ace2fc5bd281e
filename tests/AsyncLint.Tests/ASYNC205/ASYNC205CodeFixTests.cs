using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC205TaskReturnedFromUsingOrTryCodeFix>;

namespace AsyncLint.Tests.ASYNC205;

public sealed class ASYNC205CodeFixTests
{
    [Fact]
    public Task Task_of_T_in_a_using_statement_becomes_return_await() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            public Task<string> ReadAsync(string path)
            {
                using (var reader = new StreamReader(path))
                {
                    {|ASYNC205:return reader.ReadToEndAsync();|}
                }
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            public async Task<string> ReadAsync(string path)
            {
                using (var reader = new StreamReader(path))
                {
                    return await reader.ReadToEndAsync();
                }
            }
        }
        """);

    [Fact]
    public Task Every_return_of_the_method_is_rewritten() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task<int> ReadAsync(Stream stream, byte[] buffer)
            {
                if (buffer.Length == 0)
                    return Task.FromResult(0);

                if (!stream.CanRead)
                {
                    return Task.FromException<int>(new IOException("closed"));
                }

                using (stream)
                {
                    {|ASYNC205:return stream.ReadAsync(buffer, 0, buffer.Length);|}
                }
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadAsync(Stream stream, byte[] buffer)
            {
                if (buffer.Length == 0)
                    return 0;

                if (!stream.CanRead)
                {
                    throw new IOException("closed");
                }

                using (stream)
                {
                    return await stream.ReadAsync(buffer, 0, buffer.Length);
                }
            }
        }
        """);

    [Fact]
    public Task Non_generic_Task_awaits_then_returns_and_completed_returns_become_plain_returns() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task CopyAsync(Stream source, string path)
            {
                if (source.Length == 0)
                {
                    return Task.CompletedTask;
                }

                using var target = File.Create(path);
                if (source.CanSeek)
                    {|ASYNC205:return source.CopyToAsync(target);|}

                {|ASYNC205:return target.FlushAsync();|}
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task CopyAsync(Stream source, string path)
            {
                if (source.Length == 0)
                {
                    return;
                }

                using var target = File.Create(path);
                if (source.CanSeek)
                {
                    await source.CopyToAsync(target);
                    return;
                }

                await target.FlushAsync();
            }
        }
        """);

    [Fact]
    public Task ValueTask_in_try_finally_with_return_in_the_middle_of_a_block() => VerifyFix.CodeFixAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1);

            ValueTask SaveAsync(bool skip)
            {
                gate.Wait();
                try
                {
                    if (skip)
                    {
                        {|ASYNC205:return WriteAsync();|}
                    }

                    {|ASYNC205:return WriteAsync();|}
                }
                finally
                {
                    gate.Release();
                }
            }

            ValueTask WriteAsync() => default;
        }
        """, """
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1);

            async ValueTask SaveAsync(bool skip)
            {
                gate.Wait();
                try
                {
                    if (skip)
                    {
                        await WriteAsync();
                        return;
                    }

                    await WriteAsync();
                    return;
                }
                finally
                {
                    gate.Release();
                }
            }

            ValueTask WriteAsync() => default;
        }
        """);

    [Fact]
    public Task Lambda_and_local_function_become_async() => VerifyFix.CodeFixAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Func<Task<int>> Make(string path) => () =>
            {
                using var stream = File.OpenRead(path);
                {|ASYNC205:return stream.ReadAsync(new byte[1], 0, 1);|}
            };

            Task Local(string path)
            {
                return Copy();

                static Task Copy()
                {
                    try
                    {
                        {|ASYNC205:return Task.Delay(1);|}
                    }
                    catch (TimeoutException)
                    {
                        return Task.CompletedTask;
                    }
                }
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Func<Task<int>> Make(string path) => async () =>
            {
                using var stream = File.OpenRead(path);
                return await stream.ReadAsync(new byte[1], 0, 1);
            };

            Task Local(string path)
            {
                return Copy();

                static async Task Copy()
                {
                    try
                    {
                        await Task.Delay(1);
                        return;
                    }
                    catch (TimeoutException)
                    {
                        return;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task FixAll_makes_each_method_async_once() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task<string> FirstAsync(string path)
            {
                using var reader = new StreamReader(path);
                if (reader.Peek() < 0)
                {
                    {|ASYNC205:return reader.ReadLineAsync();|}
                }

                {|ASYNC205:return reader.ReadToEndAsync();|}
            }

            Task<string> SecondAsync(string path)
            {
                using (var reader = new StreamReader(path))
                {
                    {|ASYNC205:return reader.ReadToEndAsync();|}
                }
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> FirstAsync(string path)
            {
                using var reader = new StreamReader(path);
                if (reader.Peek() < 0)
                {
                    return await reader.ReadLineAsync();
                }

                return await reader.ReadToEndAsync();
            }

            async Task<string> SecondAsync(string path)
            {
                using (var reader = new StreamReader(path))
                {
                    return await reader.ReadToEndAsync();
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_custom_awaitable_return_type() => VerifyFix.NoCodeFixAsync("""
        using System;
        using System.IO;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        class Job
        {
            public TaskAwaiter GetAwaiter() => Task.CompletedTask.GetAwaiter();
        }

        class C
        {
            Job Start(string path)
            {
                using var stream = File.OpenRead(path);
                {|ASYNC205:return Run(stream);|}
            }

            Job Run(Stream stream) => new Job();
        }
        """);

    [Fact]
    public Task No_fix_with_a_ref_parameter_or_a_null_return() => VerifyFix.NoCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task CountAsync(Stream stream, ref int count)
            {
                using (stream)
                {
                    count++;
                    {|ASYNC205:return stream.FlushAsync();|}
                }
            }

            Task? MaybeAsync(Stream stream)
            {
                using (stream)
                {
                    if (!stream.CanWrite)
                    {
                        return null;
                    }

                    {|ASYNC205:return stream.FlushAsync();|}
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_inside_a_lock() => VerifyFix.NoCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            readonly object sync = new();

            Task FlushAsync(Stream stream)
            {
                lock (sync)
                {
                    using (stream)
                    {
                        {|ASYNC205:return stream.FlushAsync();|}
                    }
                }
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_property_getter() => VerifyFix.NoCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Stream stream = Stream.Null;

            Task Flushed
            {
                get
                {
                    try
                    {
                        {|ASYNC205:return stream.FlushAsync();|}
                    }
                    finally
                    {
                        stream = Stream.Null;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Returns_in_switch_sections() => VerifyFix.CodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task WriteAsync(Stream stream, int mode)
            {
                using (stream)
                {
                    switch (mode)
                    {
                        case 0:
                            {|ASYNC205:return stream.FlushAsync();|}
                        default:
                            {|ASYNC205:return stream.WriteAsync(new byte[1], 0, 1);|}
                    }
                }
            }
        }
        """, """
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task WriteAsync(Stream stream, int mode)
            {
                using (stream)
                {
                    switch (mode)
                    {
                        case 0:
                            await stream.FlushAsync();
                            return;
                        default:
                            await stream.WriteAsync(new byte[1], 0, 1);
                            return;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task FixAll_handles_a_lambda_nested_in_a_method_that_is_fixed_too() => VerifyFix.CodeFixAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task<int> RunAsync(string path)
            {
                using var stream = File.OpenRead(path);
                Func<Task> flush = () =>
                {
                    try
                    {
                        {|ASYNC205:return stream.FlushAsync();|}
                    }
                    finally
                    {
                        Console.WriteLine("flushed");
                    }
                };
                {|ASYNC205:return stream.ReadAsync(new byte[1], 0, 1);|}
            }
        }
        """, """
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> RunAsync(string path)
            {
                using var stream = File.OpenRead(path);
                Func<Task> flush = async () =>
                {
                    try
                    {
                        await stream.FlushAsync();
                        return;
                    }
                    finally
                    {
                        Console.WriteLine("flushed");
                    }
                };
                return await stream.ReadAsync(new byte[1], 0, 1);
            }
        }
        """);

    [Fact]
    public Task Half_typed_code_gets_no_fix_and_does_not_crash() => VerifyFix.NoCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task<int> ReadAsync(Stream stream)
            {
                using (stream)
                {
                    if (stream.Length == 0)
                    {
                        return {|CS0103:Pending|};
                    }

                    {|ASYNC205:return stream.ReadAsync(new byte[1], 0, 1);|}
                }
            }
        }
        """);
}
