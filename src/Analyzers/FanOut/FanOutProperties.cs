namespace AsyncLint.Analyzers.FanOut;

/// <summary>What a fan-out diagnostic hands to its code fixes (keys beside <see cref="DiagnosticProperties"/>).</summary>
public static class FanOutProperties
{
    /// <summary>ASYNC301: how many statements the group spans, starting with the one that holds the reported await.</summary>
    public const string StatementCount = "StatementCount";

    /// <summary>ASYNC302: "true" when the body does not depend on the order results arrive in (as-completed fix).</summary>
    public const string OrderInsensitive = "OrderInsensitive";

    /// <summary>ASYNC302: "true" when the rest of the body may run concurrently (bounded fix).</summary>
    public const string ConcurrencySafe = "ConcurrencySafe";

    /// <summary>ASYNC302: the MaxDegreeOfParallelism the bounded fix writes.</summary>
    public const string MaxDegreeOfParallelism = "MaxDegreeOfParallelism";

    /// <summary>"true" when the compilation has Task.WhenEach (.NET 9+).</summary>
    public const string HasWhenEach = "HasWhenEach";

    /// <summary>"true" when the compilation has Parallel.ForEachAsync (.NET 6+).</summary>
    public const string HasParallelForEachAsync = "HasParallelForEachAsync";
}

/// <summary>The loop shape ASYNC302 found (the <see cref="DiagnosticProperties.Kind"/> value).</summary>
public enum FanOutLoopKind
{
    /// <summary><c>foreach (var x in source)</c>.</summary>
    ForEach,

    /// <summary><c>for (var i = start; i &lt; end; i++)</c>.</summary>
    For,
}
