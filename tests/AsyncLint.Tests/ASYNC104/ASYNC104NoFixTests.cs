using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer, AsyncLint.CodeFixes.Blocking.ASYNC104_105AsyncTwinCodeFix>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>Reported, but the rewrite would not compile or would change behavior: no fix offered.</summary>
public sealed class ASYNC104NoFixTests
{
    [Fact]
    public Task Inside_lock() => VerifyFix.NoCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            readonly object gate = new();

            async Task SaveAsync(string path)
            {
                await Task.Yield();
                lock (gate)
                {
                    {|ASYNC104:File.WriteAllText(path, "x")|};
                }
            }
        }
        """);

    [Fact]
    public Task Conditional_access_would_await_null() => VerifyFix.NoCodeFixAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string?> ReadAsync(StreamReader? reader)
            {
                await Task.Yield();
                return reader?{|ASYNC104:.ReadLine()|};
            }
        }
        """);

    [Fact]
    public Task Catch_filter_cannot_await() => VerifyFix.NoCodeFixAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(string path)
            {
                try
                {
                    await Task.Yield();
                }
                catch (Exception) when ({|ASYNC104:File.ReadAllText(path)|} == "retry")
                {
                }
            }
        }
        """);

    [Fact]
    public Task Span_local_in_the_same_function() => VerifyFix.NoCodeFixAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Stream stream, byte[] buffer)
            {
                await Task.Yield();
                Span<byte> header = stackalloc byte[4];
                header[0] = 1;
                {|ASYNC104:stream.Write(buffer, 0, 4)|};
                header[1] = 2;
            }
        }
        """);

    [Fact]
    public Task Named_argument_the_twin_does_not_have() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        class Store
        {
            public void Save(string key) { }
            public Task SaveAsync(string name) => Task.CompletedTask;
        }

        class C
        {
            async Task RunAsync(Store store)
            {
                await Task.Yield();
                {|ASYNC105:store.Save(key: "k")|};
            }
        }
        """);
}
