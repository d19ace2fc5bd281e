using System.Collections.Immutable;
using AsyncLint.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncLint.Tests.Robustness;

/// <summary>A hand-written snippet of valid but unusual C#: it must compile without errors where it is declared to.</summary>
internal sealed record UnusualSnippet(string Name, string Code, LanguageVersion LanguageVersion = LanguageVersion.Default, ReferenceSet References = ReferenceSet.Net100);

/// <summary>
/// Valid C# in the corners analyzers and fixes forget: every snippet compiles, and most hold async mistakes
/// (blocking calls, dropped tasks, sequential awaits) in an odd syntactic position, so that every rule and
/// every fix, present and future, meets them.
/// </summary>
internal static class UnusualSyntaxCorpus
{
    public static ImmutableArray<UnusualSnippet> Snippets { get; } =
    [
        new("TopLevelStatementsWithAwait", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            var started = DateTime.UtcNow;
            Thread.Sleep(5);
            await Task.Delay(1);
            int Twice(int x) => x * 2;
            async Task<int> ComputeAsync() { Thread.Sleep(1); await Task.Yield(); return Twice(21); }
            var answer = await ComputeAsync();
            var pending = ComputeAsync();
            Console.WriteLine(answer + pending.Result + (DateTime.UtcNow - started).Milliseconds);
            ComputeAsync();
            """),

        new("LocalFunctionsInsideLambdas", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Host
            {
                Func<Task<int>> Build() => async () =>
                {
                    static int Square(int v) => v * v;
                    async Task<int> InnerAsync(int v)
                    {
                        Thread.Sleep(v);
                        await Task.Yield();
                        return Square(v);
                    }

                    void SyncHelper() => Thread.Sleep(1);
                    SyncHelper();
                    return await InnerAsync(3) + await InnerAsync(4);
                };
            }
            """),

        new("NestedAsyncLambdas", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Nest
            {
                public Task RunAsync()
                {
                    Func<Func<Task<Func<Task>>>> outer = () => async () =>
                    {
                        Thread.Sleep(1);
                        await Task.Yield();
                        return async () =>
                        {
                            Thread.Sleep(2);
                            Func<int, Task> deepest = async n => { Thread.Sleep(n); await Task.Delay(n); };
                            await deepest(3);
                            Action fireAndForget = async () => { await Task.Delay(1); Thread.Sleep(1); };
                            fireAndForget();
                        };
                    };
                    return Task.CompletedTask;
                }
            }
            """),

        new("ExpressionBodiedMembers", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Bodies
            {
                private readonly Task<int> pending = Task.FromResult(1);
                public int Blocked => pending.Result;
                public Task<int> Next => Task.FromResult(Blocked + 1);
                public async Task SleepAsync() => Thread.Sleep(10);
                public async Task<int> ValueAsync() => await Next + pending.Result;
                public async ValueTask PingAsync() => await Task.Delay(1);
                public Func<Task> Lambda => async () => Thread.Sleep(1);
                public async Task WaitAsync(CancellationToken ct) => Task.Delay(10, ct).Wait();
                public Bodies() => _ = SleepAsync();
            }
            """),

        new("SwitchExpressionsWithAwaits", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Switches
            {
                static Task<int> Get(int n) => Task.FromResult(n);

                public async Task<int> PickAsync(int kind, CancellationToken token)
                {
                    var value = kind switch
                    {
                        0 => await Get(0),
                        1 => (await Get(1)) + (await Get(2)),
                        2 => Get(2).Result,
                        _ when kind > 10 => await Task.Run(() => { Thread.Sleep(1); return 9; }),
                        _ => Math.Max(await Get(3), Get(4).GetAwaiter().GetResult()),
                    };
                    var label = value switch { > 5 => "big", _ => "small" };
                    switch (label)
                    {
                        case "big":
                            Thread.Sleep(1);
                            break;
                        default:
                            await Task.Delay(1, token);
                            break;
                    }

                    return value;
                }
            }
            """),

        new("AwaitUsingAndUsingDeclarations", """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Resource : IAsyncDisposable, IDisposable
            {
                public ValueTask DisposeAsync() => default;
                public void Dispose() { }
                public Task<int> ReadAsync() => Task.FromResult(3);
            }

            class Usings
            {
                public async Task<int> UseAsync(string path)
                {
                    await using var resource = new Resource();
                    await using (var second = new Resource().ConfigureAwait(false))
                    {
                        Thread.Sleep(1);
                    }

                    using var third = new Resource();
                    using (var stream = new MemoryStream())
                    {
                        stream.Write(new byte[] { 1 }, 0, 1);
                    }

                    var text = File.ReadAllText(path);
                    return await resource.ReadAsync() + text.Length;
                }

                public Task<int> EscapesUsing()
                {
                    using var resource = new Resource();
                    return resource.ReadAsync();
                }
            }
            """),

        new("AwaitForeach", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Streams
            {
                static async IAsyncEnumerable<int> Numbers()
                {
                    for (var i = 0; i < 3; i++)
                    {
                        Thread.Sleep(1);
                        await Task.Yield();
                        yield return i;
                    }
                }

                static Task<int> Load(int id) => Task.FromResult(id);

                public async Task<int> SumAsync(CancellationToken ct)
                {
                    var sum = 0;
                    await foreach (var n in Numbers().WithCancellation(ct).ConfigureAwait(false))
                    {
                        sum += await Load(n);
                    }

                    await foreach (var (a, b) in Pairs())
                    {
                        sum += a + b;
                    }

                    foreach (var id in new[] { 1, 2, 3 })
                    {
                        sum += await Load(id);
                    }

                    return sum;
                }

                static async IAsyncEnumerable<(int, int)> Pairs() { await Task.Yield(); yield return (1, 2); }
            }
            """),

        new("GenericTasks", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Generic<T> where T : class, new()
            {
                public async Task<Dictionary<string, List<T?>>> LoadAsync<TKey>(TKey key) where TKey : notnull
                {
                    Thread.Sleep(1);
                    var map = new Dictionary<string, List<T?>>();
                    map[key.ToString()!] = new List<T?> { await CreateAsync<T>() };
                    return map;
                }

                static async ValueTask<TOut> CreateAsync<TOut>() where TOut : new()
                {
                    await Task.Yield();
                    return new TOut();
                }

                public Task<Task<int>> Wrapped() => Task.FromResult(Task.FromResult(1));

                public async Task<int> UnwrapAsync() => await await Wrapped();

                public T? Blocking() => CreateAsync<T>().Result;
            }
            """),

        new("CustomAwaitableType", """
            using System;
            using System.Runtime.CompilerServices;
            using System.Threading;
            using System.Threading.Tasks;

            readonly struct Ticket
            {
                public TicketAwaiter GetAwaiter() => new();
            }

            readonly struct TicketAwaiter : INotifyCompletion
            {
                public bool IsCompleted => true;
                public int GetResult() => 42;
                public void OnCompleted(Action continuation) => continuation();
            }

            class Awaitables
            {
                static Ticket Issue() => new();

                public async Task<int> UseAsync()
                {
                    Thread.Sleep(1);
                    Issue();
                    var result = await Issue();
                    return result + Issue().GetAwaiter().GetResult();
                }
            }
            """),

        new("ExtensionGetAwaiter", """
            using System;
            using System.Runtime.CompilerServices;
            using System.Threading;
            using System.Threading.Tasks;

            static class TimeSpanAwaiting
            {
                public static TaskAwaiter GetAwaiter(this TimeSpan delay) => Task.Delay(delay).GetAwaiter();
                public static TaskAwaiter<int> GetAwaiter(this int value) => Task.FromResult(value).GetAwaiter();
            }

            class Extensions
            {
                public async Task<int> WaitAsync()
                {
                    await TimeSpan.FromMilliseconds(1);
                    Thread.Sleep(TimeSpan.FromMilliseconds(1));
                    return await 5 + 6.GetAwaiter().GetResult();
                }
            }
            """),

        new("PreprocessorRegions", """
            #define FEATURE_ASYNC
            #undef FEATURE_SYNC
            using System.Threading;
            using System.Threading.Tasks;

            class Regions
            {
            #if FEATURE_ASYNC
                public async Task RunAsync()
                {
            #if DEBUG
                    Thread.Sleep(100);
            #else
                    Thread.Sleep(1);
            #endif
                    await Task.Yield();
                }
            #elif FEATURE_SYNC
                public void Run() { Thread.Sleep(1) }
            #else
                broken code that is never compiled (((
            #endif

                #region Helpers
                public async Task HelperAsync()
                {
                    #pragma warning disable CS1998
                    Thread.Sleep(1);
                    #pragma warning restore CS1998
                    await Task.CompletedTask;
                }
                #endregion
            }
            """),

        new("PartialClassesAndMethods", """
            using System.Threading;
            using System.Threading.Tasks;

            partial class Split
            {
                partial void OnLoaded();
                public partial Task<int> LoadAsync(CancellationToken ct);
                public partial int Count { get; }
            }

            partial class Split
            {
                partial void OnLoaded() => Thread.Sleep(1);
                public partial async Task<int> LoadAsync(CancellationToken ct)
                {
                    OnLoaded();
                    Thread.Sleep(5);
                    await Task.Delay(1, ct);
                    return Count;
                }

                public partial int Count => 3;
            }
            """),

        new("FileScopedNamespace", """
            namespace Company.Product.Feature;

            using System.Threading;
            using System.Threading.Tasks;

            internal sealed class Worker
            {
                public async Task DoAsync(CancellationToken cancellationToken)
                {
                    Thread.Sleep(20);
                    await Task.Delay(1, cancellationToken).ConfigureAwait(false);
                }
            }
            """),

        new("PrimaryConstructors", """
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            sealed class Client(HttpClient http, int retries = 3)
            {
                private readonly int attempts = retries;

                public async Task<string> GetAsync(string url, CancellationToken ct)
                {
                    for (var i = 0; i < attempts; i++)
                    {
                        Thread.Sleep(10 * i);
                    }

                    return await http.GetStringAsync(url, ct);
                }
            }

            struct Point(int x, int y)
            {
                public async Task<int> SumAsync() { Thread.Sleep(1); await Task.Yield(); return x + y; }
            }
            """),

        new("Records", """
            using System.Threading;
            using System.Threading.Tasks;

            record Order(int Id, string Name)
            {
                public async Task<Order> ReloadAsync()
                {
                    Thread.Sleep(1);
                    await Task.Yield();
                    return this with { Name = Name + "!" };
                }
            }

            record struct Money(decimal Amount)
            {
                public async ValueTask<Money> ConvertAsync() { Thread.Sleep(1); await Task.Yield(); return new(Amount * 2); }
            }

            sealed record Derived(int Id, string Name, int Extra) : Order(Id, Name);
            """),

        new("CSharp73", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Old
            {
                class Legacy
                {
                    public async Task<int> RunAsync(CancellationToken token)
                    {
                        Thread.Sleep(10);
                        var list = new List<int>();
                        foreach (var i in new[] { 1, 2 })
                        {
                            list.Add(await Compute(i));
                        }

                        int result;
                        switch (list.Count)
                        {
                            case 0: result = 0; break;
                            default: result = list[0]; break;
                        }

                        Func<Task> lambda = async delegate { Thread.Sleep(1); await Task.Delay(1, token); };
                        await lambda();
                        return result + Compute(3).Result;
                    }

                    static Task<int> Compute(int i) { return Task.FromResult(i); }
                }
            }
            """, LanguageVersion.CSharp7_3),

        new("RefStructLocalsInAsyncMethods", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Spans
            {
                public async Task<int> SpanAcrossSleepAsync()
                {
                    Span<int> buffer = new int[4];
                    buffer[0] = 1;
                    Thread.Sleep(10);
                    buffer[1] = buffer[0] + 1;
                    await Task.Yield();
                    return 0;
                }

                public async Task<int> SpanBeforeSleepAsync()
                {
                    {
                        ReadOnlySpan<char> text = "abc".AsSpan();
                        if (text.Length != 3) return -1;
                    }

                    Thread.Sleep(10);
                    await Task.Yield();
                    return 1;
                }

                public async Task RefLocalAsync(int[] values)
                {
                    ref int first = ref values[0];
                    first++;
                    Thread.Sleep(1);
                    first++;
                    await Task.Yield();
                }
            }
            """),

        new("CollectionExpressions", """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Collections
            {
                static Task<int> F(int i) => Task.FromResult(i);

                public async Task<List<int>> BuildAsync()
                {
                    int[] ids = [1, 2, 3];
                    List<int> results = [.. ids, await F(4), F(5).Result];
                    Task[] pending = [F(6), F(7), Task.Delay(1)];
                    Task.WaitAll(pending);
                    Thread.Sleep(1);
                    IEnumerable<int> more = [];
                    return [.. results, .. more];
                }
            }
            """),

        new("LambdasWithAttributesAndNaturalTypes", """
            using System;
            using System.Diagnostics.CodeAnalysis;
            using System.Threading;
            using System.Threading.Tasks;

            class Lambdas
            {
                public async Task UseAsync()
                {
                    var natural = async () => { Thread.Sleep(1); await Task.Yield(); return 1; };
                    var withAttribute = [return: NotNull] async ([NotNull] string s) => { Thread.Sleep(1); await Task.Yield(); return s; };
                    var explicitReturn = async Task<int> (int x) => { Thread.Sleep(x); return await Task.FromResult(x); };
                    var defaults = (int a = 2, params int[] rest) => a + rest.Length;
                    static void Print(int value) => Console.WriteLine(value);
                    var method = Print;
                    Func<int, Task> staticLambda = static async n => await Task.Delay(n);
                    method(await natural() + await explicitReturn(1) + defaults() + (await withAttribute("x")).Length);
                    await staticLambda(1);
                }
            }
            """),

        new("DynamicAwaits", """
            using System.Threading;
            using System.Threading.Tasks;

            class Dynamics
            {
                public async Task<object> RunAsync(dynamic source)
                {
                    dynamic task = Task.FromResult(1);
                    var value = await task;
                    Thread.Sleep(1);
                    await source.LoadAsync();
                    source.SaveAsync();
                    var result = source.Compute().Result;
                    source.Wait();
                    return value + result;
                }
            }
            """),

        new("UnsafeCode", """
            using System.Threading;
            using System.Threading.Tasks;

            class Pointers
            {
                public async Task<int> RunAsync(int[] data)
                {
                    int total = 0;
                    unsafe
                    {
                        fixed (int* p = data)
                        {
                            Thread.Sleep(1);
                            total = *p;
                        }
                    }

                    Thread.Sleep(1);
                    await Task.Yield();
                    return total;
                }

                public static unsafe int Read(int* p) { Thread.Sleep(1); return *p; }
            }
            """),

        new("IteratorsAndAsyncIterators", """
            using System.Collections.Generic;
            using System.Runtime.CompilerServices;
            using System.Threading;
            using System.Threading.Tasks;

            class Iterators
            {
                public IEnumerable<int> Sync()
                {
                    Thread.Sleep(1);
                    yield return Task.FromResult(1).Result;
                    yield break;
                }

                public async IAsyncEnumerable<string> Lines([EnumeratorCancellation] CancellationToken ct = default)
                {
                    Thread.Sleep(1);
                    foreach (var i in Sync())
                    {
                        await Task.Delay(i, ct);
                        Task.Delay(1, ct).Wait();
                        yield return i.ToString();
                    }
                }
            }
            """),

        new("CheckedAndUnchecked", """
            using System.Threading;
            using System.Threading.Tasks;

            class Arithmetic
            {
                static Task<int> F() => Task.FromResult(int.MaxValue);

                public async Task<long> ComputeAsync()
                {
                    var a = checked(await F() + 1L);
                    unchecked
                    {
                        Thread.Sleep(1);
                        a += await F() + F().Result;
                    }

                    checked
                    {
                        a -= (await F()) * 2L;
                    }

                    return a;
                }
            }
            """),

        new("GotoAndLabels", """
            using System.Threading;
            using System.Threading.Tasks;

            class Jumps
            {
                public async Task<int> RetryAsync()
                {
                    var attempt = 0;
                retry:
                    attempt++;
                    Thread.Sleep(attempt);
                    if (attempt < 3)
                    {
                        goto retry;
                    }

                    switch (attempt)
                    {
                        case 3:
                            await Task.Yield();
                            goto case 4;
                        case 4:
                            Thread.Sleep(1);
                            goto default;
                        default:
                            break;
                    }

                    return attempt;
                }
            }
            """),

        new("PatternMatching", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Patterns
            {
                public async Task<string> DescribeAsync(object value)
                {
                    if (value is Task<int> { IsCompleted: true } done && done.Result > 0)
                    {
                        return "done";
                    }

                    if (value is Task t and not { IsFaulted: true })
                    {
                        t.Wait();
                        await t;
                    }

                    Thread.Sleep(1);
                    return value switch
                    {
                        int[] and [var first, .., var last] => $"{first}-{last}",
                        string { Length: > 3 } s => s,
                        Task<string> ts => await ts,
                        null => "null",
                        _ => value.ToString() ?? "",
                    };
                }
            }
            """),

        new("Tuples", """
            using System.Threading;
            using System.Threading.Tasks;

            class Tuples
            {
                static Task<(int Id, string Name)> Load() => Task.FromResult((1, "a"));

                public async Task<int> RunAsync()
                {
                    var (id, name) = await Load();
                    (int x, int y) pair = (id, Load().Result.Id);
                    Thread.Sleep(1);
                    var tasks = (Load(), Load());
                    var first = await tasks.Item1;
                    var second = await tasks.Item2;
                    return pair.x + pair.y + name.Length + first.Id + second.Id;
                }
            }
            """),

        new("DefaultInterfaceMethods", """
            using System.Threading;
            using System.Threading.Tasks;

            interface IRepository
            {
                Task<int> CountAsync();
                async Task<int> CountTwiceAsync()
                {
                    Thread.Sleep(1);
                    return await CountAsync() + await CountAsync();
                }

                int CountBlocking() => CountAsync().Result;
                static Task Ping() => Task.CompletedTask;
            }

            class Repository : IRepository
            {
                public Task<int> CountAsync() => Task.FromResult(1);
            }
            """),

        new("StaticAbstractInterfaceMembers", """
            using System.Threading;
            using System.Threading.Tasks;

            interface IFactory<TSelf> where TSelf : IFactory<TSelf>
            {
                static abstract Task<TSelf> CreateAsync();
                static virtual TSelf CreateBlocking() => TSelf.CreateAsync().Result;
            }

            sealed class Widget : IFactory<Widget>
            {
                public static async Task<Widget> CreateAsync()
                {
                    Thread.Sleep(1);
                    await Task.Yield();
                    return new Widget();
                }

                public static async Task<T> MakeAsync<T>() where T : IFactory<T>
                {
                    Thread.Sleep(1);
                    return await T.CreateAsync();
                }
            }
            """),

        new("OperatorsReturningTask", """
            using System.Threading;
            using System.Threading.Tasks;

            readonly struct Amount(int value)
            {
                public int Value => value;
                public static Task<Amount> operator +(Amount a, Amount b) => Task.FromResult(new Amount(a.Value + b.Value));
                public static implicit operator Task<int>(Amount a) => Task.FromResult(a.Value);
                public static explicit operator Amount(Task<int> t) => new(t.Result);
            }

            class Ops
            {
                public async Task<int> AddAsync(Amount a, Amount b)
                {
                    var sum = await (a + b);
                    _ = a + b;
                    Thread.Sleep(1);
                    Task<int> converted = sum;
                    return (await converted) + ((Amount)converted).Value;
                }
            }
            """),

        new("Indexers", """
            using System.Threading;
            using System.Threading.Tasks;

            class Table
            {
                public Task<string> this[int row] => Task.FromResult(row.ToString());
                public string this[string key]
                {
                    get { Thread.Sleep(1); return this[key.Length].Result; }
                    set { Task.Delay(1).Wait(); }
                }

                public async Task<string> ReadAsync()
                {
                    Thread.Sleep(1);
                    this["a"] = await this[1];
                    return this["bb"] + await this[2];
                }
            }
            """),

        new("EventsWithAddRemove", """
            using System;
            using System.Threading;
            using System.Threading.Tasks;

            class Source
            {
                private EventHandler? handlers;

                public event EventHandler Changed
                {
                    add { Thread.Sleep(1); handlers += value; }
                    remove { handlers -= value; }
                }

                public event Func<Task>? Saving;

                public async Task RaiseAsync()
                {
                    Changed += async (s, e) => { Thread.Sleep(1); await Task.Yield(); };
                    handlers?.Invoke(this, EventArgs.Empty);
                    if (Saving is not null)
                    {
                        await Saving();
                        Saving.Invoke();
                    }
                }

                private async void OnTick(object? sender, EventArgs e)
                {
                    Thread.Sleep(1);
                    await Task.Yield();
                }

                private async void NotAHandler()
                {
                    await Task.Yield();
                }
            }
            """),

        new("Destructors", """
            using System.Threading;
            using System.Threading.Tasks;

            class Finalized
            {
                private readonly Task cleanup = Task.CompletedTask;

                ~Finalized()
                {
                    Thread.Sleep(1);
                    cleanup.Wait();
                    Task.Run(async () => { Thread.Sleep(1); await Task.Yield(); }).Wait();
                }
            }
            """),

        new("NestedGenericTypes", """
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Outer<T>
            {
                public class Middle<U>
                {
                    public sealed class Inner<V> where V : struct
                    {
                        public async Task<KeyValuePair<T, Dictionary<U, V?>>> GetAsync(T t, U u)
                        {
                            Thread.Sleep(1);
                            await Task.Yield();
                            return new(t, new Dictionary<U, V?> { [u!] = null });
                        }
                    }
                }

                public Task<Outer<T>.Middle<int>.Inner<long>> Make() => Task.FromResult(new Outer<T>.Middle<int>.Inner<long>());
            }
            """),

        new("InterpolatedStringHandlers", """"
            using System.Runtime.CompilerServices;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            [InterpolatedStringHandler]
            ref struct LogHandler
            {
                private readonly StringBuilder builder;
                public LogHandler(int literalLength, int formattedCount) { builder = new StringBuilder(literalLength); }
                public void AppendLiteral(string s) => builder.Append(s);
                public void AppendFormatted<T>(T value) => builder.Append(value);
                public override string ToString() => builder.ToString();
            }

            static class Log
            {
                public static string Write(ref LogHandler handler) => handler.ToString();
            }

            class Handlers
            {
                static Task<int> F() => Task.FromResult(1);

                public async Task<string> FormatAsync()
                {
                    Thread.Sleep(1);
                    var a = $"value {await F()} and {F().Result}";
                    var b = $$"""raw {{{await F()}}} text""";
                    return a + b + Log.Write($"handler {a.Length}");
                }
            }
            """"),

        new("LookAlikeTypes", """
            namespace Lookalike
            {
                using System;

                static class Thread { public static void Sleep(int ms) { } public static void Sleep(string reason) { } }
                class Task { public static Task Delay(int ms) => new(); public void Wait() { } public int Result => 0; }
                class Task<T> { public T Result => default!; public void Wait() { } }
                struct CancellationToken { }
                class Stream { public int Read(byte[] b) => 0; public System.Threading.Tasks.Task<int> ReadAsync(byte[] b) => System.Threading.Tasks.Task.FromResult(0); }
                class VoidAwaiter { public void GetAwaiter() { } }

                class User
                {
                    public async System.Threading.Tasks.Task RunAsync(CancellationToken token, Stream stream)
                    {
                        Thread.Sleep(1);
                        Thread.Sleep("why");
                        Task.Delay(1).Wait();
                        _ = new Task<int>().Result;
                        stream.Read(new byte[1]);
                        new VoidAwaiter().GetAwaiter();
                        await System.Threading.Tasks.Task.Yield();
                    }
                }
            }
            """),

        new("AsyncMistakesInOddPlaces", """
            using System;
            using System.Collections.Generic;
            using System.IO;
            using System.Linq;
            using System.Net.Http;
            using System.Threading;
            using System.Threading.Tasks;

            class Mistakes
            {
                private readonly HttpClient http = new();
                private readonly Func<Task> field = async () => Thread.Sleep(1);
                private static readonly Task<int> Cached = Task.FromResult(1);

                public async Task<int> RunAsync(string path, Stream stream, List<string> urls, CancellationToken ct)
                {
                    var text = File.ReadAllText(path) + Cached.Result;
                    var buffer = new byte[16];
                    var read = stream.Read(buffer, 0, buffer.Length);
                    stream.Flush();
                    Task.WaitAll(Task.Delay(1), Task.Delay(2));
                    Task.WaitAny(new[] { Task.Delay(1) });
                    Task.Delay(1, ct).GetAwaiter().GetResult();
                    using var gate = new ManualResetEventSlim();
                    gate.Wait(0);
                    LogAsync("dropped");
                    var unobserved = LogAsync("stored");
                    urls.ForEach(async url => await http.GetStringAsync(url, ct));
                    Parallel.ForEach(urls, async url => await LogAsync(url));
                    var a = await http.GetStringAsync("https://a.example", ct);
                    var b = await http.GetStringAsync("https://b.example", ct);
                    foreach (var url in urls)
                    {
                        await LogAsync(url);
                    }

                    var tasks = urls.Select(u => http.GetStringAsync(u, ct)).ToList();
                    while (tasks.Count > 0)
                    {
                        var finished = await Task.WhenAny(tasks);
                        tasks.Remove(finished);
                        Console.WriteLine(await finished);
                    }

                    Console.WriteLine(File.Exists(path) ? File.ReadAllLines(path).Length : 0);
                    var lengths = urls.Select(u => http.GetStringAsync(u).Result.Length).Sum();
                    return text.Length + read + a.Length + b.Length + lengths;
                }

                public Task<string> Escapes(string path)
                {
                    try
                    {
                        using var reader = new StreamReader(path);
                        return reader.ReadToEndAsync();
                    }
                    catch (IOException)
                    {
                        return Task.FromResult("");
                    }
                }

                async void Fire() { await Task.Yield(); Thread.Sleep(1); }

                static Task LogAsync(string message) => Task.CompletedTask;
            }
            """),

        new("ForbiddenAwaitPositions", """
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;

            class Forbidden
            {
                private readonly object gate = new();
                private readonly Lock modern = new();

                public async Task<int> RunAsync(int[] values)
                {
                    lock (gate)
                    {
                        Thread.Sleep(1);
                        Task.Delay(1).Wait();
                    }

                    lock (modern)
                    {
                        Thread.Sleep(1);
                    }

                    var query = from v in values
                                let slow = Sleepy(v)
                                where Task.FromResult(v).Result > 0
                                select v * slow;
                    await Task.Yield();
                    return query.Sum();
                }

                static int Sleepy(int v) { Thread.Sleep(v); return v; }
            }
            """),

        new("ConstructorsAndInitializers", """
            using System;
            using System.Collections.Generic;
            using System.Threading;
            using System.Threading.Tasks;

            class Initializers
            {
                private readonly Task<int> started = Task.Run(() => { Thread.Sleep(1); return 1; });
                public int Value { get; } = Task.FromResult(2).Result;
                public Func<Task<int>> Factory { get; init; } = async () => { Thread.Sleep(1); return await Task.FromResult(3); };
                static Initializers() { Thread.Sleep(1); }

                public Initializers()
                {
                    var anon = new { Task = Task.FromResult(4), Name = "n" };
                    var list = new List<Func<Task>> { async () => { Thread.Sleep(1); await anon.Task; } };
                    _ = list;
                }

                public Initializers(int x) : this() => Factory = async () => { Thread.Sleep(x); return await started; };
            }
            """),

        new("NullConditionalsAndCoalescing", """
            using System.Threading;
            using System.Threading.Tasks;

            class Service { public Task SaveAsync() => Task.CompletedTask; public Task<int>? Maybe() => null; }

            class Nulls
            {
                public async Task<int> RunAsync(Service? service, Task? optional)
                {
                    service?.SaveAsync();
                    service?.SaveAsync().ConfigureAwait(false);
                    await (optional ?? Task.CompletedTask);
                    var maybe = service?.Maybe() ?? Task.FromResult(0);
                    Thread.Sleep(1);
                    var value = await maybe!;
                    return value + (service?.Maybe()?.Result ?? 0);
                }
            }
            """),

        new("DualSyncAsyncPath", """
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Connector
            {
                public async ValueTask<int> ReadAsync(Stream stream, byte[] buffer, bool async, CancellationToken ct)
                {
                    if (async)
                    {
                        await Task.Delay(1, ct);
                    }
                    else
                    {
                        Thread.Sleep(1);
                    }

                    var read = async ? await stream.ReadAsync(buffer, ct) : stream.Read(buffer);
                    if (async) { await stream.FlushAsync(ct); return read; }
                    stream.Flush();
                    return read;
                }
            }
            """),

        new("ExceptionHandlingShapes", """
            using System;
            using System.IO;
            using System.Threading;
            using System.Threading.Tasks;

            class Handling
            {
                public async Task<int> RunAsync()
                {
                    try
                    {
                        Thread.Sleep(1);
                        return await Task.FromResult(1);
                    }
                    catch (InvalidOperationException e) when (e.Message.Length > Task.FromResult(0).Result)
                    {
                        Thread.Sleep(2);
                        await Task.Yield();
                        throw;
                    }
                    catch
                    {
                        Thread.Sleep(3);
                        return -1;
                    }
                    finally
                    {
                        Thread.Sleep(4);
                        await Task.Yield();
                    }
                }

                public Task<int> NoAwaitInTry()
                {
                    try { return Task.FromResult(Task.Run(() => 1).Result); }
                    finally { Thread.Sleep(1); }
                }
            }
            """),

        new("MainVariants", """
            using System.Threading;
            using System.Threading.Tasks;

            static class Program
            {
                static async Task<int> Main(string[] args)
                {
                    Thread.Sleep(args.Length);
                    await Task.Yield();
                    return 0;
                }
            }
            """),

        new("ValueTaskAndConfigureAwaitChains", """
            using System.Threading;
            using System.Threading.Tasks;

            class Chains
            {
                static ValueTask<int> V() => new(1);

                public async Task<int> RunAsync(CancellationToken ct)
                {
                    await Task.Delay(1, ct).ConfigureAwait(false);
                    Thread.Sleep(1);
                    V().ConfigureAwait(false);
                    Task.Delay(1).ConfigureAwait(false);
                    var r = V().Result + V().GetAwaiter().GetResult() + V().AsTask().Result;
                    return r + await V().ConfigureAwait(false);
                }
            }
            """),

        new("Net80Framework", """
            using System.Threading;
            using System.Threading.Tasks;

            class Old
            {
                public async Task RunAsync(Task[] tasks, CancellationToken ct)
                {
                    Task.WaitAll(tasks);
                    Task.WaitAll(tasks, 100);
                    Thread.Sleep(1);
                    await Task.WhenAll(tasks);
                    var list = new System.Collections.Generic.List<Task>(tasks);
                    while (list.Count > 0)
                    {
                        var t = await Task.WhenAny(list);
                        list.Remove(t);
                    }
                }
            }
            """, LanguageVersion.CSharp12, ReferenceSet.Net80),
    ];
}
