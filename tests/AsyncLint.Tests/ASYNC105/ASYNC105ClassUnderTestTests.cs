using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// A test class named after the type it tests (<c>AccessRulesTests</c> for <c>IAccessRules</c>) that never names a member's
/// async twin tests the synchronous member, even from an async test whose await only arranges data.
/// </summary>
public sealed class ASYNC105ClassUnderTestTests
{
    private const string Subject = """
        using System;
        using System.Threading.Tasks;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class TestAttribute : Attribute { }

        public interface IAccessRules
        {
            bool Allows(string permission, string user);
            Task<bool> AllowsAsync(string permission, string user);
        }

        public static class Seed
        {
            public static Task RoleAsync(string role, string permission) => Task.Delay(1);
        }
        """;

    [Fact]
    public Task The_synchronous_member_of_the_class_under_test_is_the_subject() => VerifyCS.AnalyzerAsync(Subject + """

        public class AccessRulesTests
        {
            private readonly IAccessRules rules = null!;

            [Test]
            public async Task Moderator_may_read()
            {
                await Seed.RoleAsync("moderator", "catalog.read");

                var allowed = rules.Allows("catalog.read", "mod");
                if (!allowed) throw new Exception("expected access");
            }
        }
        """);

    [Fact]
    public Task A_class_that_also_tests_the_twin_or_tests_something_else_is_still_told() => VerifyCS.AnalyzerAsync(Subject + """

        public class AccessRulesTests
        {
            private readonly IAccessRules rules = null!;

            [Test]
            public async Task Moderator_may_read()
            {
                await Seed.RoleAsync("moderator", "catalog.read");
                var allowed = {|ASYNC105:rules.Allows("catalog.read", "mod")|};
                if (!allowed) throw new Exception("expected access");
            }

            [Test]
            public async Task Moderator_may_write() => await rules.AllowsAsync("catalog.write", "mod");
        }

        public class CheckoutTests
        {
            private readonly IAccessRules rules = null!;

            [Test]
            public async Task Guest_checks_out()
            {
                await Seed.RoleAsync("guest", "checkout");
                _ = {|ASYNC105:rules.Allows("checkout", "guest")|};
            }
        }
        """);
}
