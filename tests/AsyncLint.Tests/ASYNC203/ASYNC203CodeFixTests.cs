using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC203AsyncVoidMethodCodeFix>;

namespace AsyncLint.Tests.ASYNC203;

public sealed class ASYNC203CodeFixTests
{
    [Fact]
    public Task Returns_Task_and_awaits_the_call_in_async_code_but_not_in_sync_code() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async void {|ASYNC203:SaveAsync|}()
            {
                await Task.Delay(1);
            }

            async Task RunAsync()
            {
                SaveAsync();
                await Task.Yield();
            }

            void Run()
            {
                SaveAsync();
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task SaveAsync()
            {
                await Task.Delay(1);
            }

            async Task RunAsync()
            {
                await SaveAsync();
                await Task.Yield();
            }

            void Run()
            {
                SaveAsync();
            }
        }
        """);

    [Fact]
    public Task Keeps_modifiers_attributes_and_ConfigureAwait_style() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        public class C
        {
            [Obsolete]
            public static async void {|ASYNC203:Upload|}(string path)
            {
                await Task.Delay(path.Length).ConfigureAwait(false);
            }

            public async Task RunAsync()
            {
                await Task.Delay(1).ConfigureAwait(false);
        #pragma warning disable CS0612
                this.Run(() => Upload("a"));
                Upload("b");
        #pragma warning restore CS0612
            }

            void Run(Action action) => action();
        }
        """, """
        using System;
        using System.Threading.Tasks;

        public class C
        {
            [Obsolete]
            public static async Task Upload(string path)
            {
                await Task.Delay(path.Length).ConfigureAwait(false);
            }

            public async Task RunAsync()
            {
                await Task.Delay(1).ConfigureAwait(false);
        #pragma warning disable CS0612
                this.Run(() => Upload("a"));
                await Upload("b").ConfigureAwait(false);
        #pragma warning restore CS0612
            }

            void Run(Action action) => action();
        }
        """);

    [Fact]
    public Task Local_function_and_its_call_in_an_async_lambda() => VerifyFix.CodeFixAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> Make()
            {
                return async () => Refresh();

                async void {|ASYNC203:Refresh|}()
                {
                    await Task.Delay(1);
                }
            }
        }
        """, """
        using System;
        using System.Threading.Tasks;

        class C
        {
            Func<Task> Make()
            {
                return async () => await Refresh();

                async Task Refresh()
                {
                    await Task.Delay(1);
                }
            }
        }
        """);

    [Fact]
    public Task Adds_the_Tasks_using_when_missing() => VerifyFix.CodeFixAsync("""
        class C
        {
            async void {|ASYNC203:Save|}() => await System.Threading.Tasks.Task.Delay(1);
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task Save() => await System.Threading.Tasks.Task.Delay(1);
        }
        """);

    [Fact]
    public Task FixAll_fixes_every_method_and_its_call_sites_in_the_document() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async void {|ASYNC203:Load|}()
            {
                await Task.Delay(1);
                Save();
            }

            async void {|ASYNC203:Save|}()
            {
                await Task.Delay(1);
            }

            async Task RunAsync()
            {
                Load();
                Save();
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task Load()
            {
                await Task.Delay(1);
                await Save();
            }

            async Task Save()
            {
                await Task.Delay(1);
            }

            async Task RunAsync()
            {
                await Load();
                await Save();
            }
        }
        """);

    [Fact]
    public Task No_fix_for_a_method_converted_to_Action() => VerifyFix.NoCodeFixAsync("""
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
    public Task No_fix_for_a_public_method_used_as_a_delegate_in_another_type() => new AsyncLintCodeFixTest<AsyncLint.Analyzers.Unobserved.ASYNC203AsyncVoidMethodAnalyzer, AsyncLint.CodeFixes.Unobserved.ASYNC203AsyncVoidMethodCodeFix>
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;

                public class Worker
                {
                    public async void {|ASYNC203:Run|}() => await Task.Delay(1);
                }
                """,
                """
                using System;

                class Scheduler
                {
                    Action Pick(Worker worker) => worker.Run;
                }
                """,
            },
        },
        FixedState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;

                public class Worker
                {
                    public async void {|ASYNC203:Run|}() => await Task.Delay(1);
                }
                """,
                """
                using System;

                class Scheduler
                {
                    Action Pick(Worker worker) => worker.Run;
                }
                """,
            },
        },
    }.RunAsync();

    [Fact]
    public Task No_fix_for_a_virtual_method() => VerifyFix.NoCodeFixAsync("""
        using System.Threading.Tasks;

        public class ViewModel
        {
            public virtual async void {|ASYNC203:Load|}() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task Half_typed_caller_does_not_stop_the_fix() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async void {|ASYNC203:Save|}() => await Task.Delay(1);

            async Task RunAsync()
            {
                Save();
                {|CS0103:Unknown|}(Save());
            }
        }
        """, """
        using System.Threading.Tasks;

        class C
        {
            async Task Save() => await Task.Delay(1);

            async Task RunAsync()
            {
                await Save();
                {|CS0103:Unknown|}(Save());
            }
        }
        """);
}
