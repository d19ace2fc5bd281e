using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AsyncLint.Timing.Server;

/// <summary>
/// The local HTTP server (Kestrel, minimal API) the variants fetch from. <c>GET /item/{i}?delay=ms</c> answers
/// <c>item {i}</c> after <c>ms</c> milliseconds without holding a thread (<c>await Task.Delay</c>), and counts
/// the requests in flight; <c>GET /stats</c> reports the peak, <c>POST /reset</c> starts a new count.
/// It runs in its own process (<see cref="ServerProcess"/>) so that its threads never mix with the client's.
/// </summary>
public static class DelayServer
{
    public const string ListeningPrefix = "listening on ";

    private static int inFlight;
    private static int peak;
    private static int served;

    /// <summary>Serves until standard input closes (the parent process ended or disposed the server).</summary>
    public static async Task RunAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        app.MapGet("/item/{index:int}", async (int index, int delay, CancellationToken cancellationToken) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            UpdatePeak(now);
            try
            {
                await Task.Delay(delay, cancellationToken);
                Interlocked.Increment(ref served);
                return Results.Text(Response(index));
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        });
        app.MapGet("/stats", () => Results.Text(string.Create(
            CultureInfo.InvariantCulture, $"{Volatile.Read(ref peak)} {Volatile.Read(ref served)} {Volatile.Read(ref inFlight)}")));
        app.MapPost("/reset", () =>
        {
            Volatile.Write(ref peak, Volatile.Read(ref inFlight));
            Volatile.Write(ref served, 0);
            return Results.Ok();
        });

        await app.StartAsync();
        Console.Out.WriteLine(ListeningPrefix + app.Urls.First());
        Console.Out.Flush();

        while (await Console.In.ReadLineAsync() is not null)
        {
            // Any line keeps it alive; end of input stops it.
        }

        await app.StopAsync();
    }

    /// <summary>The body of <c>/item/{index}</c>: what every variant must get back.</summary>
    public static string Response(int index) => string.Create(CultureInfo.InvariantCulture, $"item {index}");

    private static void UpdatePeak(int now)
    {
        var seen = Volatile.Read(ref peak);
        while (now > seen)
        {
            var previous = Interlocked.CompareExchange(ref peak, now, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
