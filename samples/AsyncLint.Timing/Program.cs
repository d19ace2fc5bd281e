using AsyncLint.Timing;
using AsyncLint.Timing.Report;
using AsyncLint.Timing.Server;

// dotnet run --project samples/AsyncLint.Timing [-- --requests 20 --delay 200 --variant sync,tasklist --json --svg chart.svg]
if (args is ["--serve"])
{
    await DelayServer.RunAsync();
    return 0;
}

if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(TimingOptions.Usage);
    return 0;
}

TimingOptions options;
try
{
    options = TimingOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(TimingOptions.Usage);
    return 2;
}

if (!options.Json && options.Variants.Contains(Variant.AsCompleted))
{
    Console.WriteLine("ascompleted: each response as it arrives (completion order, not URL order):");
}

var results = await TimingRun.RunAsync(options, options.Json
    ? null
    : (body, elapsed) => Console.WriteLine($"  {body,-8} after {elapsed.TotalMilliseconds,4:0} ms"));
Console.Write(options.Json ? Reports.Json(options, results) : "\n" + Reports.Table(options, results));

if (options.SvgPath is { } svgPath)
{
    await File.WriteAllTextAsync(svgPath, Reports.Svg(options, results));
    if (!options.Json)
    {
        Console.WriteLine($"\nchart written to {svgPath}");
    }
}

return 0;
