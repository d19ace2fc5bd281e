namespace AsyncLint.Analyzers;

/// <summary>Every AsyncLint rule ID. The hundreds digit is the family (see <see cref="DiagnosticCategories"/>).</summary>
public static class DiagnosticIds
{
    public const string BlockingTaskWait = "ASYNC101";
    public const string BlockingWaitPrimitive = "ASYNC102";
    public const string ThreadSleep = "ASYNC103";
    public const string BlockingIoCall = "ASYNC104";
    public const string BlockingCallWithAsyncTwin = "ASYNC105";
    public const string BlockingProjectMethod = "ASYNC106";

    public const string DroppedTask = "ASYNC201";
    public const string UnobservedTaskLocal = "ASYNC202";
    public const string AsyncVoidMethod = "ASYNC203";
    public const string AsyncLambdaToVoidDelegate = "ASYNC204";
    public const string TaskReturnedFromUsingOrTry = "ASYNC205";
    public const string NeverStartedTask = "ASYNC206";

    public const string SequentialIndependentAwaits = "ASYNC301";
    public const string SequentialAwaitInLoop = "ASYNC302";
    public const string QuadraticWhenAnyLoop = "ASYNC303";
}

/// <summary>One single-word category per family so that a whole family can be configured at once.</summary>
public static class DiagnosticCategories
{
    public const string Blocking = "AsyncBlocking";
    public const string Unobserved = "AsyncUnobserved";
    public const string FanOut = "AsyncFanOut";
}
