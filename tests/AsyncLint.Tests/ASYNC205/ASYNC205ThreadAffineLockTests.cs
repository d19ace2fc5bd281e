using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC205TaskReturnedFromUsingOrTryAnalyzer>;

namespace AsyncLint.Tests.ASYNC205;

/// <summary>
/// A task returned from a try whose finally only releases a thread-affine lock (Monitor, SpinLock, ReaderWriterLockSlim,
/// Mutex). The lock guards the synchronous start, as a <c>lock</c> statement would; an async method cannot hold it across
/// an await, so awaiting inside the try is no fix. A finally that releases an async-friendly gate (SemaphoreSlim) or does
/// more than the release is still reported.
/// </summary>
public sealed class ASYNC205ThreadAffineLockTests
{
    [Fact]
    public Task Trap_finally_that_only_exits_a_thread_affine_lock() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Mutex
        {
            private readonly Queue<TaskCompletionSource<int>> queue = new();
            private readonly ReaderWriterLockSlim rw = new();
            private SpinLock spin = new(false);

            public Task<int> AcquireAsync(int timeout)
            {
                bool taken = false;
                Monitor.TryEnter(queue, timeout, ref taken);
                if (!taken) return Task.FromResult(-1);
                try
                {
                    var waiter = new TaskCompletionSource<int>();
                    queue.Enqueue(waiter);
                    return waiter.Task;
                }
                finally
                {
                    Monitor.Exit(queue);
                }
            }

            public Task<int> PeekAsync()
            {
                rw.EnterReadLock();
                try
                {
                    return queue.Count == 0 ? Task.FromResult(0) : queue.Peek().Task;
                }
                finally
                {
                    rw.ExitReadLock();
                }
            }

            public Task<int> FirstAsync()
            {
                bool taken = false;
                try
                {
                    spin.Enter(ref taken);
                    return queue.Peek().Task;
                }
                finally
                {
                    if (taken) spin.Exit();
                }
            }
        }
        """);

    [Fact]
    public Task An_async_gate_or_a_finally_that_does_more_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Client
        {
            private readonly HttpClient http = new();
            private readonly SemaphoreSlim gate = new(1, 1);
            private readonly object sync = new();
            private int inFlight;

            public Task<string> GetAsync(string uri)
            {
                gate.Wait();
                try
                {
                    {|ASYNC205:return http.GetStringAsync(uri);|}
                }
                finally
                {
                    gate.Release();
                }
            }

            public Task<string> CountedAsync(string uri)
            {
                Monitor.Enter(sync);
                try
                {
                    inFlight++;
                    {|ASYNC205:return http.GetStringAsync(uri);|}
                }
                finally
                {
                    inFlight--;
                    Monitor.Exit(sync);
                }
            }
        }
        """);

    [Fact]
    public Task Trap_a_using_of_a_lock_taken_synchronously() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class SenderLock : IDisposable
        {
            private readonly object gate = new();
            public IDisposable Enter() { Monitor.Enter(gate); return this; }
            public void Dispose() => Monitor.Exit(gate);
        }

        public interface IRequestHandler { Task<string> Outgoing(string command); }

        public sealed class Channel
        {
            private readonly SenderLock senderLock = new();
            private readonly System.Threading.Lock registration = new();
            private readonly IRequestHandler handler;

            public Channel(IRequestHandler handler) => this.handler = handler;

            private IDisposable TakeSenderLock() => senderLock.Enter();

            public Task<string> Seek(string command)
            {
                using (TakeSenderLock())
                {
                    return handler.Outgoing(command);
                }
            }

            public Task<string> Unsubscribe(string command)
            {
                using var held = senderLock.Enter();
                return handler.Outgoing(command);
            }

            public Task<string> Register(string command)
            {
                using (registration.EnterScope())
                {
                    return handler.Outgoing(command);
                }
            }
        }
        """);

    [Fact]
    public Task A_using_of_a_section_entered_synchronously_is_not_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IRequestHandler { Task<string> Outgoing(string command); }

        public sealed class Channel
        {
            private readonly object syncObject = new();
            private readonly IRequestHandler handler;

            public Channel(IRequestHandler handler) => this.handler = handler;

            private IDisposable EnterSynchronizedSection()
            {
                Monitor.Enter(syncObject);
                return new SectionExit(syncObject);
            }

            public Task<string> Seek(string command)
            {
                using (EnterSynchronizedSection())
                {
                    return handler.Outgoing(command);
                }
            }

            private sealed class SectionExit : IDisposable
            {
                private readonly object syncObject;
                public SectionExit(object syncObject) => this.syncObject = syncObject;
                public void Dispose() => Monitor.Exit(syncObject);
            }
        }
        """);

    [Fact]
    public Task A_using_of_a_resource_whose_name_only_contains_enter_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        public interface IRequestHandler { Task<string> Outgoing(Stream body); }

        public sealed class Channel
        {
            private readonly IRequestHandler handler;

            public Channel(IRequestHandler handler) => this.handler = handler;

            private static Stream OpenCenterFile() => new MemoryStream();

            private static Stream Entering() => new MemoryStream();

            public Task<string> Send()
            {
                using (OpenCenterFile())
                {
                    {|ASYNC205:return handler.Outgoing(Stream.Null);|}
                }
            }

            public Task<string> SendEntering()
            {
                using (Entering())
                {
                    {|ASYNC205:return handler.Outgoing(Stream.Null);|}
                }
            }
        }
        """);

    [Fact]
    public Task A_using_of_a_semaphore_releaser_or_an_async_lock_taken_by_blocking_is_still_reported() => VerifyAnalyzer.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class SemaphoreReleaser : IDisposable
        {
            private readonly SemaphoreSlim gate;
            public SemaphoreReleaser(SemaphoreSlim gate) { this.gate = gate; gate.Wait(); }
            public void Dispose() => gate.Release();
        }

        public sealed class AsyncGate
        {
            private readonly SemaphoreSlim gate = new(1, 1);
            public async Task<IDisposable> LockAsync() { await gate.WaitAsync(); return new Releaser(gate); }
            private sealed class Releaser(SemaphoreSlim gate) : IDisposable { public void Dispose() => gate.Release(); }
        }

        public interface IRequestHandler { Task<string> Outgoing(string command); }

        public sealed class Channel
        {
            private readonly SemaphoreSlim gate = new(1, 1);
            private readonly AsyncGate asyncGate = new();
            private readonly IRequestHandler handler;

            public Channel(IRequestHandler handler) => this.handler = handler;

            public Task<string> Seek(string command)
            {
                using (new SemaphoreReleaser(gate))
                {
                    {|ASYNC205:return handler.Outgoing(command);|}
                }
            }

            // An async lock's handle, taken by blocking: the gate is released while the request runs.
            public Task<string> Locked(string command)
            {
                using (asyncGate.LockAsync().Result)
                {
                    {|ASYNC205:return handler.Outgoing(command);|}
                }
            }
        }
        """);
}
