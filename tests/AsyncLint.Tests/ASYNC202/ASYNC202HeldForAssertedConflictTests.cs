using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC202UnobservedTaskLocalAnalyzer>;

namespace AsyncLint.Tests.ASYNC202;

/// <summary>
/// A test leaves an operation running to put an object in the state under test, then asserts that another call on the same
/// object throws: <c>var pending = client.OpenAsync(); await Assert.ThrowsAsync&lt;…&gt;(() =&gt; client.ConnectAsync());</c>.
/// An assertion on another object or of anything else, and the same code outside a test, stay reported.
/// </summary>
public sealed class ASYNC202HeldForAssertedConflictTests
{
    private const string Types = """
        using System;
        using System.Threading.Tasks;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class FactAttribute : Attribute { }

        static class Assert
        {
            public static async Task<T> ThrowsAsync<T>(Func<Task> test) where T : Exception { try { await test(); } catch (T e) { return e; } throw new Exception(); }
            public static void Equal(int expected, int actual) { }
            public static T Throws<T>(Action test) where T : Exception { try { test(); } catch (T e) { return e; } throw new Exception(); }
        }

        public sealed class Handler
        {
            public void VerifyNoOutstandingRequest() { }
        }

        public sealed class WrappingClient
        {
            public WrappingClient(Handler handler) { }
            public Task<string> GetAsync(string url) => Task.FromResult(url);
        }

        public sealed class Client
        {
            public int Count;
            public Task OpenAsync() => Task.Delay(1000);
            public Task ConnectAsync() => Task.CompletedTask;
        }

        """;

    [Fact]
    public Task An_operation_held_so_the_asserted_call_on_the_same_object_throws_is_silent() => VerifyCS.AnalyzerAsync(Types + """
        public class ClientTests
        {
            [Fact]
            public async Task Explicit_connect_after_an_implicit_one_throws()
            {
                var client = new Client();
                var pending = client.OpenAsync();
                await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync());
            }
        }
        """);

    [Fact]
    public Task Another_object_another_assertion_or_no_test_is_reported() => VerifyCS.AnalyzerAsync(Types + """
        public class ClientTests
        {
            [Fact]
            public async Task Other_object_throws()
            {
                var client = new Client();
                var other = new Client();
                var {|ASYNC202:pending|} = client.OpenAsync();
                await Assert.ThrowsAsync<InvalidOperationException>(() => other.ConnectAsync());
            }

            [Fact]
            public void Count_is_checked()
            {
                var client = new Client();
                var {|ASYNC202:save|} = client.OpenAsync();
                Assert.Equal(1, client.Count);
            }
        }

        public class Service
        {
            public async Task RunAsync(Client client)
            {
                var {|ASYNC202:pending|} = client.OpenAsync();
                await Assert.ThrowsAsync<InvalidOperationException>(() => client.ConnectAsync());
            }
        }
        """);

    [Fact]
    public Task An_assertion_on_the_object_the_receiver_wraps_is_silent_and_on_another_reported() => VerifyCS.AnalyzerAsync(Types + """
        public class HandlerTests
        {
            [Fact]
            public void Verify_throws_while_a_request_is_pending()
            {
                var handler = new Handler();
                var client = new WrappingClient(handler);
                var pending = client.GetAsync("http://example.invalid/x");
                Assert.Throws<InvalidOperationException>(() => handler.VerifyNoOutstandingRequest());
            }

            [Fact]
            public void Parse_rejects_empty_input()
            {
                var handler = new Handler();
                var client = new WrappingClient(new Handler());
                var {|ASYNC202:pending|} = client.GetAsync("http://example.invalid/x");
                Assert.Throws<InvalidOperationException>(() => handler.VerifyNoOutstandingRequest());
            }
        }
        """);
}
