using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// Held-out-style snippets for third-party twins: synchronous assertions whose Async sibling takes a task-returning
/// delegate (vs-threading #1661, #1620), and parameterless getters beside an overload with required parameters (vs-threading #1610).
/// </summary>
public sealed class ASYNC105SnippetTests
{
    [Fact]
    public Task Trap_synchronous_xunit_assertions_in_an_async_test() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        namespace Xunit
        {
            public static class Assert
            {
                public static T Throws<T>(Action testCode) where T : Exception => null!;
                public static T Throws<T>(Func<object?> testCode) where T : Exception => null!;
                public static Task<T> ThrowsAsync<T>(Func<Task> testCode) where T : Exception => Task.FromResult<T>(null!);
                public static T ThrowsAny<T>(Action testCode) where T : Exception => null!;
                public static Task<T> ThrowsAnyAsync<T>(Func<Task> testCode) where T : Exception => Task.FromResult<T>(null!);
            }

            public static class Record
            {
                public static Exception? Exception(Action testCode) => null;
                public static Task<Exception?> ExceptionAsync(Func<Task> testCode) => Task.FromResult<Exception?>(null);
            }
        }

        namespace Tests
        {
            using Xunit;

            public class ParserTests
            {
                static int Parse(string text) => int.Parse(text);

                public async Task Rejects_garbage()
                {
                    await Task.Yield();
                    Assert.Throws<FormatException>(() => Parse("x"));
                    Assert.ThrowsAny<Exception>(() => { Parse("y"); });
                    var error = Record.Exception(() => Parse("z"));
                }
            }
        }
        """);

    [Fact]
    public Task Trap_parameterless_query_beside_a_lookup_by_id() => VerifyCS.AnalyzerAsync("""
        using System.Linq;
        using System.Threading.Tasks;

        interface IThings
        {
            IQueryable<string> Get();
            Task<string> GetAsync(int id);
        }

        class Consumer
        {
            async Task<int> CountAsync(IThings things)
            {
                await Task.Yield();
                return things.Get().Count();
            }
        }
        """);
}
