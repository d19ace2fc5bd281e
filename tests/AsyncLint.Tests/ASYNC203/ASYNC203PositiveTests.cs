using AsyncLint.Tests.Verifiers;
using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>;

namespace AsyncLint.Tests.ASYNC203;

public sealed class ASYNC203PositiveTests
{
    [Fact]
    public Task Private_async_void_method() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async void {|ASYNC203:SaveAsync|}()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Public_static_async_void_method_with_parameters() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        public static class Uploader
        {
            public static async void {|ASYNC203:Upload|}(string path, int retries)
            {
                await Task.Delay(retries);
            }
        }
        """);

    [Fact]
    public Task Async_void_local_function() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            void Run()
            {
                Fire();

                async void {|ASYNC203:Fire|}()
                {
                    await Task.Delay(1);
                }
            }
        }
        """);

    [Fact]
    public Task Expression_bodied_async_void_method() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async void {|ASYNC203:Ping|}() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task Object_sender_without_event_args_name_is_not_enough_when_the_first_parameter_is_no_sender() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async void {|ASYNC203:Process|}(object item, int count)
            {
                await Task.Delay(count);
            }
        }
        """);

    [Fact]
    public Task Method_converted_to_Action_is_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Action Callback => Refresh;

            async void {|ASYNC203:Refresh|}()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Guarded_method_others_can_call_or_rethrowing_callback_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task StartAsync()
            {
                await Task.Yield();
                Refresh();
                new Timer(OnTick);
            }

            // Internal: callers outside this type, not all in sight, cannot await it.
            internal async void {|ASYNC203:Refresh|}()
            {
                try { await Task.Delay(1); }
                catch (Exception) { }
            }

            async void {|ASYNC203:OnTick|}(object? state)
            {
                try { await Task.Delay(1); }
                catch (Exception ex) { Console.WriteLine(ex); throw; }
            }
        }
        """);

    [Fact]
    public Task Async_void_method_in_a_nested_and_a_generic_type() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Outer<T>
        {
            async void {|ASYNC203:Load|}(T value)
            {
                await Task.Delay(1);
            }

            class Inner
            {
                async void {|ASYNC203:Save|}()
                {
                    await Task.Delay(1);
                }
            }
        }
        """);

    [Fact]
    public Task Virtual_async_void_method_is_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        public class ViewModel
        {
            public virtual async void {|ASYNC203:Load|}()
            {
                await Task.Delay(1);
            }
        }
        """);

    [Fact]
    public Task Async_void_test_method_on_net8() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Threading.Tasks;

        public class Tests
        {
            public async void {|ASYNC203:Loads_the_page|}()
            {
                await Task.Delay(1);
            }
        }
        """, TargetFramework.Net80);

    [Fact]
    public Task Message_names_the_kind_and_the_method() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>
    {
        TestCode = """
            using System.Threading.Tasks;

            class C
            {
                async void {|#0:Save|}()
                {
                    await Task.Delay(1);
                    Local();

                    async void {|#1:Local|}() => await Task.Delay(1);
                }
            }
            """,
        ExpectedDiagnostics =
        {
            VerifyAnalyzer.Diagnostic("ASYNC203").WithLocation(0).WithArguments("method", "Save", EscapeHarm),
            VerifyAnalyzer.Diagnostic("ASYNC203").WithLocation(1).WithArguments("local function", "Local", EscapeHarm),
        },
    }.RunAsync();

    private const string EscapeHarm = "is not an event handler: callers cannot await it, and an exception thrown in it escapes to the synchronization context or the thread pool, usually ending the process";

    [Fact]
    public Task A_test_method_is_told_what_its_framework_does_with_it() => new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer>
    {
        TestCode = """
            using System.Threading.Tasks;

            namespace Xunit
            {
                public class FactAttribute : System.Attribute { }
                public class TheoryAttribute : FactAttribute { }
            }

            // Test attributes of a helper library or of the project, derived from the framework's.
            public sealed class SkippableFactAttribute : Xunit.FactAttribute { }
            public sealed class MonoTheoryAttribute : Xunit.TheoryAttribute { }

            public class OrderTests
            {
                [Xunit.Fact]
                public async void {|#0:Places_an_order|}() => await Task.Delay(1);

                [Xunit.Theory]
                public async void {|#1:Cancels_an_order|}() => await Task.Delay(1);

                [SkippableFact]
                public async void {|#2:Ships_an_order|}() => await Task.Delay(1);

                [MonoTheory]
                public async void {|#3:Returns_an_order|}() => await Task.Delay(1);
            }
            """,
        ExpectedDiagnostics =
        {
            VerifyAnalyzer.Diagnostic("ASYNC203").WithLocation(0).WithArguments("test method", "Places_an_order", TestHarm),
            VerifyAnalyzer.Diagnostic("ASYNC203").WithLocation(1).WithArguments("test method", "Cancels_an_order", TestHarm),
            VerifyAnalyzer.Diagnostic("ASYNC203").WithLocation(2).WithArguments("test method", "Ships_an_order", TestHarm),
            VerifyAnalyzer.Diagnostic("ASYNC203").WithLocation(3).WithArguments("test method", "Returns_an_order", TestHarm),
        },
    }.RunAsync();

    private const string TestHarm = "cannot be awaited by its test framework: NUnit and xUnit v3 reject it, MSTest does not wait for it, and xUnit 2 only tolerates it through its synchronization context";
}
