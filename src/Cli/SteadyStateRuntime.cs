using System.Diagnostics;

namespace AsyncLint.Cli;

/// <summary>
/// <c>--timing</c> measures what the analyzers cost once the runtime has optimized them, as in a build server that keeps
/// them loaded from one build to the next. The runtime first runs freshly JIT-compiled code unoptimized and starts
/// counting calls towards the optimized recompilation only after 100 ms without new JIT work, which a compiler running
/// beside the analyzers keeps postponing: then even several "warm" runs still measure the unoptimized code. So the
/// scan runs in a child process with that delay set to zero (<c>DOTNET_TC_CallCountingDelayMs=0</c>), which changes
/// when the optimized code arrives, not what it is. Dynamic PGO is also off there (<c>DOTNET_TieredPGO=0</c>): it puts
/// an instrumented stage between the unoptimized and the optimized code, and on a small project (Confluent.Kafka,
/// 0.5 s to compile) the warm runs then sat at a plateau five times the later time long enough to be taken for the
/// steady state. Without it the optimized code (less the profile-guided tuning, for the compiler as for the analyzers)
/// arrives within a few runs. The cold first run is still reported beside the steady figure.
/// </summary>
internal static class SteadyStateRuntime
{
    private const string DelayVariable = "DOTNET_TC_CallCountingDelayMs";
    private const string PgoVariable = "DOTNET_TieredPGO";

    /// <summary>True in the first process, when the delay is not set yet (the child has it).</summary>
    public static bool ShouldRestart() => Environment.GetEnvironmentVariable(DelayVariable) is null;

    /// <summary>Runs this same command in a child process with the delay set, on the same console; its exit code.</summary>
    public static async Task<int> RunChildAsync(string[] args)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        // Under the dotnet host the entry assembly comes first; an installed tool's own launcher needs only the arguments.
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(SteadyStateRuntime).Assembly.Location);
        }

        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[DelayVariable] = "0";
        start.Environment[PgoVariable] = "0";
        using var child = Process.Start(start) ?? throw new CliException("could not start the timing process");
        await child.WaitForExitAsync().ConfigureAwait(false);
        return child.ExitCode;
    }
}
