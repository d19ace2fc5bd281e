using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// A throw inside a <c>catch</c> clause only turns the failure of the <c>try</c>'s own steps into another exception:
/// it says nothing new about what the method does, so a signalling method that translates <c>ObjectDisposedException</c>
/// still has a body without a blocking step. A throw anywhere else (a validation before a round trip) keeps the body unknown.
/// </summary>
public sealed class ASYNC105CatchTranslationTests
{
    [Fact]
    public Task Trap_signal_that_translates_the_disposed_exception() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class NotOwnerException : Exception
        {
            public NotOwnerException(Exception inner) : base("not the owner", inner) { }
        }

        sealed class Pump
        {
            private readonly ManualResetEventSlim wakeUp = new();
            private readonly SemaphoreSlim round = new(0);

            // Only wakes the pump; the async twin waits for the round it starts.
            internal void Nudge()
            {
                try
                {
                    wakeUp.Set();
                }
                catch (ObjectDisposedException e)
                {
                    throw new NotOwnerException(e);
                }
            }

            internal async Task NudgeAsync(CancellationToken token)
            {
                Nudge();
                await round.WaitAsync(token);
            }
        }

        sealed class Coordinator
        {
            public async Task OnEntryAddedAsync(Pump pump)
            {
                await Task.Yield();
                pump.Nudge();
            }
        }
        """);

    [Fact]
    public Task A_check_that_throws_before_the_work_still_leaves_the_body_unknown() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        interface IScriptHost
        {
            byte[] Upload(string script);
            Task<byte[]> UploadAsync(string script);
        }

        sealed class PreparedScript
        {
            public PreparedScript(byte[] digest) => Digest = digest;
            public byte[] Digest { get; }
        }

        sealed class Script
        {
            private readonly string text;
            public Script(string text) => this.text = text;

            // Validates its options, then uploads the script: a round trip no name here gives away.
            public PreparedScript Prepare(IScriptHost host, int options)
            {
                if ((options & 0x4) != 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(options));
                }

                return new PreparedScript(host.Upload(text));
            }

            public async Task<PreparedScript> PrepareAsync(IScriptHost host, int options)
                => new PreparedScript(await host.UploadAsync(text));
        }

        sealed class Caller
        {
            public async Task<PreparedScript> RunAsync(Script script, IScriptHost host)
            {
                await Task.Yield();
                return {|ASYNC105:script.Prepare(host, 0)|};
            }
        }
        """);

    [Fact]
    public Task A_try_whose_own_step_blocks_is_still_suggested() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Gate
        {
            private readonly SemaphoreSlim entry = new(1);

            public void Enter()
            {
                try
                {
                    entry.Wait();
                }
                catch (ObjectDisposedException e)
                {
                    throw new InvalidOperationException("closed", e);
                }
            }

            public Task EnterAsync() => entry.WaitAsync();
        }

        sealed class Caller
        {
            public async Task RunAsync(Gate gate)
            {
                await Task.Yield();
                {|ASYNC105:gate.Enter()|};
            }
        }
        """);

    [Fact]
    public Task A_try_that_hands_the_work_to_another_overload_and_rethrows_is_still_suggested() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        sealed class Completion { }

        sealed class ChatClient
        {
            private readonly Action<Exception> record = _ => { };

            public Completion Complete(IEnumerable<string> messages, CancellationToken token = default)
            {
                try
                {
                    var request = Format(messages);
                    return Complete(request, token);
                }
                catch (Exception error)
                {
                    record(error);
                    throw;
                }
            }

            public Completion Complete(string request, CancellationToken token) => Send(request).GetAwaiter().GetResult();

            public Task<Completion> CompleteAsync(IEnumerable<string> messages, CancellationToken token = default) => Send(Format(messages));

            private static string Format(IEnumerable<string> messages) => string.Concat(messages);

            private static Task<Completion> Send(string request) => Task.FromResult(new Completion());
        }

        sealed class Example
        {
            public async Task RunAsync(ChatClient client)
            {
                await Task.Yield();
                _ = {|ASYNC105:client.Complete(new[] { "hello" })|};
            }
        }
        """);
}
