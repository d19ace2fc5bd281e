using AsyncLint.Tests.Verifiers;
using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

/// <summary>
/// An async void method that a test project only names (<c>nameof</c>, or its name as a string) to hand it by reflection to
/// the code under test, which has to refuse or cope with async void: the method is the test's input. Called, made a
/// delegate, a test itself, or in a project without a test framework, it stays reported.
/// </summary>
public sealed class ASYNC203TestSpecimenTests
{
    /// <summary>A test framework declared in the test code: the compilation then counts as a test project.</summary>
    private const string Xunit = """

        namespace Xunit
        {
            [System.AttributeUsage(System.AttributeTargets.Method)] public class FactAttribute : System.Attribute { }
        }
        """;

    /// <summary>The code under test: a binder of scenario steps that refuses a step it could not wait for.</summary>
    private const string Binder = """

        public sealed class StepBinder
        {
            public void Bind(System.Reflection.MethodInfo step)
            {
                if (step is null) throw new System.ArgumentNullException(nameof(step));
                if (step.ReturnType == typeof(void) && step.IsDefined(typeof(System.Runtime.CompilerServices.AsyncStateMachineAttribute), false))
                {
                    throw new System.NotSupportedException("async void steps are not supported; return Task");
                }
            }
        }
        """;

    [Fact]
    public Task Trap_async_void_steps_a_test_names_only_to_see_them_refused() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Xunit;

        public class CheckoutSteps
        {
            public async void PaysWithoutWaiting() { await Task.Yield(); }

            internal async void ShipsWithoutWaiting(int parcels) => await Task.Delay(parcels);

            private async void ArchivesWithoutWaiting() { await Task.Delay(1); }
        }

        public class StepBinderTests
        {
            private static void Refused(Action bind)
            {
                try { bind(); }
                catch (NotSupportedException) { return; }
                throw new Exception("the binder accepted an async void step");
            }

            [Fact]
            public void Refuses_a_public_async_void_step()
                => Refused(() => new StepBinder().Bind(typeof(CheckoutSteps).GetMethod(nameof(CheckoutSteps.PaysWithoutWaiting))));

            [Fact]
            public void Refuses_an_internal_step_found_by_its_written_name()
                => Refused(() => new StepBinder().Bind(typeof(CheckoutSteps).GetMethod("ShipsWithoutWaiting",
                    System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)));

            [Fact]
            public void Refuses_a_private_step_named_through_an_instance()
            {
                var steps = new CheckoutSteps();
                Refused(() => new StepBinder().Bind(steps.GetType().GetMethod(@"ArchivesWithoutWaiting",
                    System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)));
                Console.WriteLine($"checked {nameof(steps.PaysWithoutWaiting)} and {nameof(CheckoutSteps)}");
            }
        }
        """ + Xunit + Binder);

    [Fact]
    public Task Specimens_that_run_become_a_delegate_or_are_tests_themselves_are_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;
        using Xunit;

        public class RefundSteps
        {
            // Named for the binder, and also run by a test: the run's failure would escape.
            public async void {|ASYNC203:RefundsWithoutWaiting|}() { await Task.Yield(); }

            // Named, and also made a delegate.
            public async void {|ASYNC203:VoidsWithoutWaiting|}() { await Task.Yield(); }

            // Never named: no test hands it to anything.
            public async void {|ASYNC203:ForgottenStep|}() { await Task.Yield(); }
        }

        public class RefundTests
        {
            [Fact]
            public void Binds_and_runs()
            {
                var steps = new RefundSteps();
                new StepBinder().Bind(typeof(RefundSteps).GetMethod(nameof(RefundSteps.RefundsWithoutWaiting)));
                steps.RefundsWithoutWaiting();
            }

            [Fact]
            public void Binds_and_keeps_a_delegate()
            {
                var steps = new RefundSteps();
                new StepBinder().Bind(typeof(RefundSteps).GetMethod("VoidsWithoutWaiting"));
                Action later = steps.VoidsWithoutWaiting;
                later();
            }

            // A test the framework runs, whatever else names it.
            [Fact]
            public async void {|ASYNC203:Refunds_twice|}() => await Task.Delay(1);

            [Fact]
            public void Names_a_test() => Console.WriteLine(nameof(Refunds_twice));
        }
        """ + Xunit + Binder);

    [Fact]
    public Task A_call_in_another_file_of_the_test_project_keeps_the_report() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>
    {
        TestState =
        {
            Sources =
            {
                """
                    using System.Threading.Tasks;
                    using Xunit;

                    public class TransferSteps
                    {
                        public async void {|ASYNC203:TransfersWithoutWaiting|}() { await Task.Yield(); }
                    }

                    public class TransferTests
                    {
                        [Fact]
                        public void Refuses() => new StepBinder().Bind(typeof(TransferSteps).GetMethod(nameof(TransferSteps.TransfersWithoutWaiting)));
                    }
                    """ + Xunit + Binder,
                """
                    public static class Warmup
                    {
                        public static void Run(TransferSteps steps) => steps.TransfersWithoutWaiting();
                    }
                    """,
            },
        },
    }.RunAsync();

    [Fact]
    public Task The_same_named_specimen_outside_a_test_project_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        public class PayrollSteps
        {
            public async void {|ASYNC203:PaysWithoutWaiting|}() { await Task.Yield(); }
        }

        public static class SelfCheck
        {
            public static void Run() => new StepBinder().Bind(typeof(PayrollSteps).GetMethod(nameof(PayrollSteps.PaysWithoutWaiting)));
        }
        """ + Binder);

    [Fact]
    public Task Half_typed_specimens_do_not_crash() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;
        using Xunit;

        public class Steps
        {
            public async void Unbound() { await Task.Yield(); }

            public async void {|ASYNC203:Misbound|}({|CS0246:Missing|} value) { await Task.Yield(); }
        }

        public class StepTests
        {
            [Fact]
            public void Names() => {|CS0103:Binder|}.Bind(nameof(Steps.Unbound), "Unbound");

            [Fact]
            public void Calls() => {|CS0103:Binder|}.Bind(new Steps().Misbound);
        }
        """ + Xunit);
}
