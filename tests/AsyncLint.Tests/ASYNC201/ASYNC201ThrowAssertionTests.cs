using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A test that an async-looking method throws before it returns a task (eager argument validation) hands the call to a
/// synchronous throw assertion as a void lambda: the task is never meant to exist. Other lambdas given to test
/// helpers still drop a running task.
/// </summary>
public sealed class ASYNC201ThrowAssertionTests
{
    private const string Frameworks = """

        namespace NUnit.Framework
        {
            public delegate void TestDelegate();
            public interface IResolveConstraint { }
            public static class Throws { public static IResolveConstraint ArgumentNullException => null!; }
            public static class Assert
            {
                public static T Throws<T>(TestDelegate code) where T : System.Exception => null!;
                public static System.Exception Catch(TestDelegate code) => null!;
                public static void DoesNotThrow(TestDelegate code) { }
                public static void That(TestDelegate code, IResolveConstraint constraint) { }
                public static void That<T>(T actual, IResolveConstraint constraint) { }
                public static void Multiple(TestDelegate code) { }
            }
        }

        namespace Shouldly
        {
            public static class Should
            {
                public static T Throw<T>(System.Action actual) where T : System.Exception => null!;
                public static void NotThrow(System.Action action) { }
            }
        }

        public interface ILockProvider
        {
            System.Threading.Tasks.Task<System.IDisposable> AcquireAsync(string name, System.TimeSpan timeout);
        }
        """;

    [Fact]
    public Task Trap_a_call_asserted_to_throw_before_it_returns_a_task() => VerifyCS.AnalyzerAsync("""
        using System;
        using NUnit.Framework;
        using Shouldly;

        class LockTests
        {
            void RejectsBadArguments(ILockProvider locks)
            {
                Assert.Throws<ArgumentNullException>(() => locks.AcquireAsync(null!, TimeSpan.Zero));
                Assert.Catch(() => locks.AcquireAsync("name", TimeSpan.FromSeconds(-2)));
                Assert.That(() => locks.AcquireAsync(null!, TimeSpan.Zero), Throws.ArgumentNullException);
                Assert.DoesNotThrow(() => { locks.AcquireAsync("name", TimeSpan.Zero); });
                Should.Throw<ArgumentOutOfRangeException>(() => locks.AcquireAsync("name", TimeSpan.MinValue));
            }
        }
        """ + Frameworks);

    [Fact]
    public Task Other_helpers_given_a_void_lambda_drop_a_running_task() => VerifyCS.AnalyzerAsync("""
        using System;
        using NUnit.Framework;

        static class Guard
        {
            public static void Throws(Action action) => action();
        }

        class LockTests
        {
            void Runs(ILockProvider locks)
            {
                Assert.Multiple(() => {|ASYNC201:locks.AcquireAsync("a", TimeSpan.Zero)|});
                Guard.Throws(() => {|ASYNC201:locks.AcquireAsync("b", TimeSpan.Zero)|});
                Action later = () => {|ASYNC201:locks.AcquireAsync("c", TimeSpan.Zero)|};
                later();
            }
        }
        """ + Frameworks);
}
