using VerifyAnalyzer = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>
/// A producer told to complete the channel it feeds delivers its fault through the channel's completion, which the
/// reader's consumer sees. Told not to complete it, or feeding no channel, the dropped task is the only trace of a failure.
/// </summary>
public sealed class ASYNC201ChannelProducerTests
{
    private const string Producers = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        public static class Pipes
        {
            public static Task<long> WriteAllAsync<T>(this ChannelWriter<T> target, IEnumerable<Func<Task<T>>> source, bool complete, CancellationToken ct = default)
                => Task.Run(async () =>
                {
                    long count = 0;
                    try
                    {
                        foreach (var f in source) { await target.WriteAsync(await f(), ct); count++; }
                    }
                    catch (Exception e) when (complete)
                    {
                        target.TryComplete(e);
                        throw;
                    }

                    if (complete) target.TryComplete();
                    return count;
                });

            public static Task<long> FillAsync<T>(List<T> target, IEnumerable<Func<Task<T>>> source, bool complete)
                => Task.FromResult(0L);

        """;

    [Fact]
    public Task A_producer_that_completes_the_channel_it_feeds() => VerifyAnalyzer.AnalyzerAsync(Producers + """
            public static ChannelReader<T> Source<T>(this Channel<T> channel, IEnumerable<Func<Task<T>>> source)
            {
                channel.Writer.WriteAllAsync(source, true);
                return channel.Reader;
            }

            public static ChannelReader<T> Named<T>(this Channel<T> channel, IEnumerable<Func<Task<T>>> source)
            {
                channel.Writer.WriteAllAsync(source, complete: true, CancellationToken.None);
                return channel.Reader;
            }
        }
        """);

    [Fact]
    public Task A_producer_told_not_to_complete_or_feeding_no_channel_is_reported() => VerifyAnalyzer.AnalyzerAsync(Producers + """
            public static ChannelReader<T> Source<T>(this Channel<T> channel, IEnumerable<Func<Task<T>>> source, bool complete)
            {
                {|ASYNC201:channel.Writer.WriteAllAsync(source, false)|};
                {|ASYNC201:channel.Writer.WriteAllAsync(source, complete)|};
                return channel.Reader;
            }

            public static List<T> Fill<T>(IEnumerable<Func<Task<T>>> source)
            {
                var list = new List<T>();
                {|ASYNC201:FillAsync(list, source, true)|};
                return list;
            }
        }
        """);
}
