using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC204AsyncLambdaToVoidDelegateAnalyzer>;

namespace AsyncLint.Tests.ASYNC204;

/// <summary>
/// A fire-and-forget callback whose every step sits in a catch-all of its own, some taken only on a quiet condition:
/// nothing can escape it. A step outside the guards, or a condition that can throw, keeps the report.
/// </summary>
public sealed class ASYNC204GuardedStepsTests
{
    [Fact]
    public Task Trap_callback_of_guarded_steps_under_quiet_conditions() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Service
        {
            bool restartWeb, restartDns;

            Task StopWebAsync() => Task.CompletedTask;
            Task StartDnsAsync() => Task.CompletedTask;
            void Log(Exception e) { }

            void Restart()
            {
                ThreadPool.QueueUserWorkItem(async delegate (object? state)
                {
                    if (restartWeb)
                    {
                        try { await StopWebAsync(); }
                        catch (Exception ex) { Log(ex); }
                    }

                    if (restartDns)
                    {
                        try { await StartDnsAsync(); }
                        catch (Exception ex) { Log(ex); }
                    }
                    else
                    {
                        try { await StopWebAsync(); }
                        catch (Exception ex) { Log(ex); }
                    }
                });
            }
        }
        """);

    [Fact]
    public Task Callback_with_a_step_outside_the_guards_is_reported() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        class Service
        {
            bool restartWeb;

            Task StopWebAsync() => Task.CompletedTask;
            Task StartDnsAsync() => Task.CompletedTask;
            bool ShouldRestart() => true;
            void Log(Exception e) { }

            void Restart()
            {
                ThreadPool.QueueUserWorkItem({|ASYNC204:async delegate|} (object? state)
                {
                    if (restartWeb)
                    {
                        try { await StopWebAsync(); }
                        catch (Exception ex) { Log(ex); }
                    }

                    await StartDnsAsync();
                });

                ThreadPool.QueueUserWorkItem({|ASYNC204:async delegate|} (object? state)
                {
                    if (ShouldRestart())
                    {
                        try { await StopWebAsync(); }
                        catch (Exception ex) { Log(ex); }
                    }
                });
            }
        }
        """);
}
