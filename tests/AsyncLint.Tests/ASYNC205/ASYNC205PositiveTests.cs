using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

public sealed class ASYNC205PositiveTests
{
    [Fact]
    public Task Return_from_a_using_statement() => VerifyAnalyzer.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task<string> ReadAsync(string path)
            {
                using (var reader = new StreamReader(path))
                {
                    {|ASYNC205:return reader.ReadToEndAsync();|}
                }
            }
        }
        """);

    [Fact]
    public Task Return_in_the_scope_of_a_using_declaration() => VerifyAnalyzer.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task CopyAsync(Stream source, string path)
            {
                using var target = File.Create(path);
                if (source.CanSeek)
                {
                    {|ASYNC205:return source.CopyToAsync(target);|}
                }

                {|ASYNC205:return target.FlushAsync();|}
            }
        }
        """);

    [Fact]
    public Task Return_from_a_try_with_catch_and_from_a_try_with_finally() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            readonly SemaphoreSlim gate = new(1);

            Task<int> LoadAsync()
            {
                try
                {
                    {|ASYNC205:return FetchAsync();|}
                }
                catch (Exception)
                {
                    return Task.FromResult(-1);
                }
            }

            ValueTask SaveAsync()
            {
                gate.Wait();
                try
                {
                    {|ASYNC205:return WriteAsync();|}
                }
                finally
                {
                    gate.Release();
                }
            }

            Task<int> FetchAsync() => Task.FromResult(1);
            ValueTask WriteAsync() => default;
        }
        """);

    [Fact]
    public Task Return_from_a_catch_of_a_try_with_finally() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Task RunAsync()
            {
                try
                {
                    Validate();
                    return Task.CompletedTask;
                }
                catch (InvalidOperationException)
                {
                    {|ASYNC205:return RecoverAsync();|}
                }
                finally
                {
                    Console.WriteLine("done");
                }
            }

            void Validate() { }
            Task RecoverAsync() => Task.CompletedTask;
        }
        """);

    [Fact]
    public Task Non_async_lambda_and_local_function() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> Make(string path) => () =>
            {
                using var stream = File.OpenRead(path);
                {|ASYNC205:return stream.CopyToAsync(Stream.Null);|}
            };

            Task Local(string path)
            {
                return Copy();

                Task Copy()
                {
                    using var stream = File.OpenRead(path);
                    {|ASYNC205:return stream.CopyToAsync(Stream.Null);|}
                }
            }
        }
        """);

    [Fact]
    public Task Conditional_with_one_completed_arm() => VerifyAnalyzer.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            Task<int> ReadAsync(Stream stream, byte[] buffer, bool cached)
            {
                using (stream)
                {
                    {|ASYNC205:return cached ? Task.FromResult(0) : stream.ReadAsync(buffer, 0, buffer.Length);|}
                }
            }
        }
        """);

    [Fact]
    public Task Message_names_the_call_the_block_and_what_is_lost() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>
    {
        TestCode = """
            using System;
            using System.IO;
            using System.Threading.Tasks;

            class C
            {
                Task<string> ReadAsync(string path)
                {
                    using var reader = new StreamReader(path);
                    {|#0:return reader.ReadToEndAsync();|}
                }

                Task SendAsync(Stream stream)
                {
                    try
                    {
                        {|#1:return stream.FlushAsync();|}
                    }
                    catch (IOException)
                    {
                        Console.Error.WriteLine("flush failed");
                        throw;
                    }
                }
            }
            """,
        ExpectedDiagnostics =
        {
            VerifyAnalyzer.Diagnostic("ASYNC205").WithLocation(0).WithArguments("ReadToEndAsync", "using", "'reader' is disposed"),
            VerifyAnalyzer.Diagnostic("ASYNC205").WithLocation(1).WithArguments("FlushAsync", "try", "the catch never sees its exceptions"),
        },
    }.RunAsync();
}
