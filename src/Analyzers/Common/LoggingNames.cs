using System;

namespace AsyncLint.Analyzers;

/// <summary>
/// Names that say "this is logging": a logger (<c>log</c>, <c>_logger</c>, <c>auditLog</c>, <c>ILogger</c>, <c>NuGetLogger</c>,
/// an SDK's static <c>Logging</c> tracer;
/// not <c>catalog</c> or <c>backlog</c>) and a logging verb (<c>LogError</c>, <c>Debug</c>, <c>Warn</c>, <c>InfoFormat</c>, a trace's
/// <c>Enter</c>/<c>Exit</c>).
/// Loggers buffer, collect or forward, and by convention never throw.
/// </summary>
internal static class LoggingNames
{
    /// <summary>A variable, member or type named as a logger.</summary>
    public static bool NamesLogger(string name)
    {
        var bare = name.TrimStart('_');
        if (bare.StartsWith("m_", StringComparison.Ordinal) || bare.StartsWith("s_", StringComparison.Ordinal))
        {
            bare = bare.Substring(2);
        }

        return bare.Equals("log", StringComparison.OrdinalIgnoreCase) || bare.Equals("logger", StringComparison.OrdinalIgnoreCase)
               || bare.Equals("logging", StringComparison.OrdinalIgnoreCase)
               || bare.EndsWith("Log", StringComparison.Ordinal) || bare.EndsWith("Logger", StringComparison.Ordinal);
    }

    public static bool IsLoggingVerb(string verb)
        => verb.StartsWith("Log", StringComparison.Ordinal)
           || verb is "Trace" or "Debug" or "Info" or "Information" or "Warn" or "Warning" or "Error" or "Fatal" or "Critical" or "Verbose"
               or "TraceFormat" or "DebugFormat" or "InfoFormat" or "WarnFormat" or "ErrorFormat" or "FatalFormat"
               or "Enter" or "Exit";
}
