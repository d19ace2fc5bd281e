using AsyncLint.Cli;

var (options, error) = CommandLine.Parse(args);
if (options is null)
{
    if (error is not null)
    {
        Console.Error.WriteLine("asynclint: " + error);
        Console.Error.WriteLine();
    }

    (error is null ? Console.Out : Console.Error).WriteLine(CommandLine.Usage);
    return error is null ? 0 : 2;
}

if (options.Timing && SteadyStateRuntime.ShouldRestart())
{
    return await SteadyStateRuntime.RunChildAsync(args);
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    // MSBuild must be found before any type that touches it is loaded.
    ProjectLoader.RegisterMSBuild();
    return options.Command == "scan"
        ? await ScanCommand.RunAsync(options, Console.Out, Console.Error, cancellation.Token)
        : await FixCommand.RunAsync(options, Console.Out, Console.Error, cancellation.Token);
}
catch (CliException e)
{
    Console.Error.WriteLine("asynclint: " + e.Message);
    return 2;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("asynclint: cancelled");
    return 2;
}
