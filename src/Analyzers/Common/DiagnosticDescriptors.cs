using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers;

/// <summary>
/// The one registry of AsyncLint's rules: ID, title, message, category, default severity and help link.
/// Descriptors are created nowhere else (BannedSymbols.txt enforces it).
/// </summary>
public static class DiagnosticDescriptors
{
    public const string HelpLinkBase = "https://github.com/asynclint/asynclint/blob/main/docs/rules/";

    // ---- ASYNC1xx: blocking inside an async context -------------------------------------------
    // {0} the blocking API, {1} the async function ("method 'LoadAsync'"), {2} the replacement.

    public static readonly DiagnosticDescriptor ASYNC101 = Create(
        DiagnosticIds.BlockingTaskWait,
        "Blocking wait on a task inside async code",
        "'{0}' blocks the thread inside async {1}; use '{2}'",
        DiagnosticCategories.Blocking,
        DiagnosticSeverity.Warning,
        "Reading .Result, calling .Wait() or .GetAwaiter().GetResult() on a task that is not complete blocks the thread until it is, which wastes a thread and can deadlock where a synchronization context is present. Await the task instead. A task that is already complete on every path to the read (awaited earlier, covered by an awaited Task.WhenAll or WhenAny, guarded by IsCompleted or Status, Task.FromResult) is not reported.");

    public static readonly DiagnosticDescriptor ASYNC102 = Create(
        DiagnosticIds.BlockingWaitPrimitive,
        "Blocking wait primitive inside async code",
        "'{0}' blocks the thread inside async {1}; use '{2}'",
        DiagnosticCategories.Blocking,
        DiagnosticSeverity.Warning,
        "Task.WaitAll, Task.WaitAny and the blocking synchronization waits (WaitHandle.WaitOne, ManualResetEventSlim.Wait, Monitor.Wait, Thread.Join, ...) hold the thread until the wait ends. In async code use Task.WhenAll/WhenAny or an async primitive (SemaphoreSlim.WaitAsync, TaskCompletionSource, Channel).");

    public static readonly DiagnosticDescriptor ASYNC103 = Create(
        DiagnosticIds.ThreadSleep,
        "Thread.Sleep inside async code",
        "'{0}' blocks the thread inside async {1}; use '{2}'",
        DiagnosticCategories.Blocking,
        DiagnosticSeverity.Warning,
        "Thread.Sleep holds the thread for the whole delay. In async code 'await Task.Delay' frees the thread while the time passes, so other work can run on it.");

    public static readonly DiagnosticDescriptor ASYNC104 = Create(
        DiagnosticIds.BlockingIoCall,
        "Blocking I/O call inside async code",
        "'{0}' blocks the thread inside async {1}; use '{2}'",
        DiagnosticCategories.Blocking,
        DiagnosticSeverity.Warning,
        "A synchronous file, network, database or process call holds the thread until the I/O completes. Its async counterpart frees the thread while the I/O is in flight.");

    public static readonly DiagnosticDescriptor ASYNC105 = Create(
        DiagnosticIds.BlockingCallWithAsyncTwin,
        "Synchronous call with an async counterpart inside async code",
        "'{0}' has an async counterpart; inside async {1} consider '{2}'",
        DiagnosticCategories.Blocking,
        DiagnosticSeverity.Info,
        "The called type offers an async twin of this method. Whether the synchronous one blocks is not known (it may be an in-memory lookup), so this is a suggestion rather than a warning.");

    public static readonly DiagnosticDescriptor ASYNC106 = Create(
        DiagnosticIds.BlockingProjectMethod,
        "Synchronous method of this project that blocks, called inside async code",
        "'{0}' blocks the thread inside async {1}: it calls '{2}' ({3}); give it an async version and await that",
        DiagnosticCategories.Blocking,
        DiagnosticSeverity.Info,
        "A synchronous method of this project whose own body sleeps, waits for a process, a thread or an event, or blocks on a task it has just started, blocks its async caller just as the call would written inline. Offer an async version (WaitForExitAsync, Task.Delay, await) and await it. Reported at the async caller, with the blocking call as an additional location; one call further down, to a method of the same type, is followed; a wait inside a catch clause (a retry after a failure) is not counted.");

    // ---- ASYNC2xx: tasks nobody awaits ----------------------------------------------------------

    public static readonly DiagnosticDescriptor ASYNC201 = Create(
        DiagnosticIds.DroppedTask,
        "Task-returning call is not awaited",
        "The task returned by '{0}' is dropped: its exceptions are never observed and the code after it does not wait for it; await it, or discard it explicitly with '_ ='",
        DiagnosticCategories.Unobserved,
        DiagnosticSeverity.Warning,
        "Calling an async method starts its work; dropping the returned task loses its exceptions and races the code that follows. Await it, or discard it explicitly with '_ =' when fire-and-forget is intended. Reports what the compiler's CS4014 does not: synchronous methods and lambdas, '?.' calls, lock bodies.");

    public static readonly DiagnosticDescriptor ASYNC202 = Create(
        DiagnosticIds.UnobservedTaskLocal,
        "Task stored in a local is never awaited",
        "The task in '{0}' is never awaited, returned or passed on, so exceptions from '{1}' are never observed; await it",
        DiagnosticCategories.Unobserved,
        DiagnosticSeverity.Warning,
        "A task kept in a local and then forgotten is a dropped task with a name: its exceptions are lost and nothing waits for it.");

    public static readonly DiagnosticDescriptor ASYNC203 = Create(
        DiagnosticIds.AsyncVoidMethod,
        "Async void method",
        "Async void {0} '{1}' {2}; return 'Task' instead",
        DiagnosticCategories.Unobserved,
        DiagnosticSeverity.Warning,
        "An async void method cannot be awaited, and an exception escaping it is raised on the synchronization context (or the thread pool), usually ending the process. Return Task instead and await it; keep async void for event handlers, overrides and interface implementations, whose signature is imposed.");

    public static readonly DiagnosticDescriptor ASYNC204 = Create(
        DiagnosticIds.AsyncLambdaToVoidDelegate,
        "Async lambda converted to a void-returning delegate",
        "The async lambda {0} is async void: nothing waits for it, and an exception thrown in it escapes to the synchronization context or the thread pool, usually ending the process; {1}",
        DiagnosticCategories.Unobserved,
        DiagnosticSeverity.Warning,
        "An async lambda converted to Action (or another void-returning delegate such as ThreadStart or TimerCallback) is an async void method: the code that calls it returns at its first await, before the work is done, and cannot observe its exceptions. List<T>.ForEach and Parallel.ForEach finish while the work is still running. Use foreach with await, Parallel.ForEachAsync, or an API that takes a Func<Task>.");

    public static readonly DiagnosticDescriptor ASYNC205 = Create(
        DiagnosticIds.TaskReturnedFromUsingOrTry,
        "Task returned without await from inside using or try",
        "The task from '{0}' is returned without await from inside a '{1}' block; {2} before the task completes",
        DiagnosticCategories.Unobserved,
        DiagnosticSeverity.Warning,
        "Returning a task without awaiting it leaves the using or try block at once: the resource is disposed, the finally has run and the catch can no longer see the operation's exceptions, while the operation is still in flight. Make the method async and return await the task.");

    public static readonly DiagnosticDescriptor ASYNC206 = Create(
        DiagnosticIds.NeverStartedTask,
        "Task created with 'new Task' is waited for but never started",
        "This task is created with 'new {0}' and never started, yet {1}: it will never complete; create it running with 'Task.Run'",
        DiagnosticCategories.Unobserved,
        DiagnosticSeverity.Warning,
        "A task made with the Task constructor is cold: it runs only after Start() or RunSynchronously(). Awaiting it, blocking on it, waiting for it with Task.WhenAll, or returning it to callers who expect a running task (an ...Async method, or one whose other returns hand back running tasks) waits forever. Create it with Task.Run, or start it. A cold task that is started, stored or handed elsewhere in the function is not reported.");

    // ---- ASYNC3xx: independent awaits done one at a time ---------------------------------------

    public static readonly DiagnosticDescriptor ASYNC301 = Create(
        DiagnosticIds.SequentialIndependentAwaits,
        "Independent awaits run one after another",
        "These {0} awaits are independent but run one after another; start them together and await Task.WhenAll",
        DiagnosticCategories.FanOut,
        DiagnosticSeverity.Info,
        "Awaiting independent operations one at a time adds their latencies. Starting them all and awaiting Task.WhenAll overlaps them, so the total is the slowest one, not the sum.");

    public static readonly DiagnosticDescriptor ASYNC302 = Create(
        DiagnosticIds.SequentialAwaitInLoop,
        "Loop awaits one independent operation per element",
        "The loop awaits '{0}' once per element, one at a time; start them all and await Task.WhenAll, or process them as they complete",
        DiagnosticCategories.FanOut,
        DiagnosticSeverity.Info,
        "A loop that awaits one independent operation per element takes the sum of their latencies. The task-list, as-completed and bounded patterns overlap them.");

    public static readonly DiagnosticDescriptor ASYNC303 = Create(
        DiagnosticIds.QuadraticWhenAnyLoop,
        "Task.WhenAny loop that removes finished tasks is quadratic",
        "This Task.WhenAny + Remove loop does O(n²) work; use 'await foreach (var t in Task.WhenEach({0}))'",
        DiagnosticCategories.FanOut,
        DiagnosticSeverity.Warning,
        "Each Task.WhenAny call registers a continuation on every remaining task and each Remove scans the list, so processing n tasks as they complete costs O(n²). Task.WhenEach (.NET 9+) yields them in completion order in O(n).");

    /// <summary>The help link of a rule: its page under docs/rules.</summary>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

#pragma warning disable RS0030 // the registry is the one place allowed to create descriptors
    private static DiagnosticDescriptor Create(
        string id, string title, string messageFormat, string category, DiagnosticSeverity severity, string description)
        => new(id, title, messageFormat, category, severity, isEnabledByDefault: true, description, HelpLink(id));
#pragma warning restore RS0030
}
