using System.Globalization;
using System.Text;

namespace AsyncLint.Bench;

/// <summary>
/// A deterministic generator of a large, realistic async codebase: per entity a record, a repository interface and
/// implementation, an HTTP client, a service that orchestrates them, a background worker, LINQ-heavy queries and generic
/// helpers (one of those parts per file, in turn). Roughly a fifth of the async methods hold a real mistake (blocking waits, Thread.Sleep, synchronous I/O,
/// dropped tasks, async void, async lambdas passed as Action, independent awaits done one at a time); the rest is
/// clean code, including the shapes analyzers must stay silent on (dual sync/async path, awaited-then-read tasks,
/// Task.WhenAll fan-out, Task.Run around blocking work). The same seed always yields the same files.
/// </summary>
public static class CodebaseGenerator
{
    private static readonly string[] Nouns =
    [
        "Order", "Customer", "Invoice", "Product", "Shipment", "Payment", "Review", "Coupon", "Warehouse", "Supplier",
        "Account", "Ticket", "Booking", "Session", "Report", "Document", "Message", "Channel", "Device", "Sensor",
    ];

    /// <summary>Generates <paramref name="fileCount"/> files (the first is the shared core) as (path, text) pairs.</summary>
    public static IReadOnlyList<(string Path, string Text)> Generate(int fileCount, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fileCount, 2);
        var files = new List<(string, string)>(fileCount) { ("Core/Shared.cs", Core) };
        for (var i = 1; i < fileCount; i++)
        {
            var random = new Random(FileSeed(seed, i));
            var entity = Nouns[i % Nouns.Length] + i.ToString(CultureInfo.InvariantCulture);
            var module = "Module" + (i / 50).ToString(CultureInfo.InvariantCulture);
            files.Add(($"{module}/{entity}.cs", new FileWriter(entity, module, i % 4, random).Write()));
        }

        return files;
    }

    /// <summary>
    /// Writes the generated files under <paramref name="directory"/> with a class-library project around them (the bench's
    /// compilation options: net10.0, nullable, no implicit usings), so that <c>asynclint scan</c> shows what the rules
    /// report on it, hit by hit.
    /// </summary>
    public static void Emit(string directory, int fileCount, int seed)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "Generated.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>disable</ImplicitUsings>
              </PropertyGroup>
            </Project>

            """);
        foreach (var (path, text) in Generate(fileCount, seed))
        {
            var file = Path.Combine(directory, path);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, text);
        }
    }

    /// <summary>
    /// A well-mixed seed per file (SplitMix64 of seed and index): System.Random's streams for neighbouring seeds are
    /// correlated, which made some guilty shapes never appear in any file.
    /// </summary>
    private static int FileSeed(int seed, int index)
    {
        var z = unchecked(((ulong)(uint)seed << 32) + (uint)index + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return unchecked((int)(z ^ (z >> 31)));
    }

    private const string Core = """
        using System;
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Contoso.Shop;

        public interface IEntity
        {
            int Id { get; }
        }

        public sealed record Result<T>(T? Value, string? Error)
        {
            public bool IsSuccess => Error is null;
            public static Result<T> Ok(T value) => new(value, null);
            public static Result<T> Fail(string error) => new(default, error);
        }

        public interface IClock
        {
            DateTimeOffset Now { get; }
        }

        public interface ILog
        {
            void Info(string message);
            void Error(Exception exception, string message);
        }

        public static class Retry
        {
            public static async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> action, int attempts, CancellationToken cancellationToken)
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        return await action(cancellationToken).ConfigureAwait(false);
                    }
                    catch (HttpRequestException) when (attempt < attempts)
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt), cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        public sealed class Cache<TKey, TValue>
            where TKey : notnull
        {
            private readonly Dictionary<TKey, TValue> items = new();
            private readonly SemaphoreSlim gate = new(1, 1);

            public TValue? Get(TKey key) => items.TryGetValue(key, out var value) ? value : default;

            public async ValueTask<TValue> GetOrAddAsync(TKey key, Func<TKey, Task<TValue>> factory)
            {
                await gate.WaitAsync().ConfigureAwait(false);
                try
                {
                    if (!items.TryGetValue(key, out var value))
                    {
                        value = await factory(key).ConfigureAwait(false);
                        items[key] = value;
                    }

                    return value;
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        """;

    private sealed class FileWriter
    {
        private readonly string e;
        private readonly string module;
        private readonly int part;
        private readonly Random random;
        private readonly StringBuilder text = new();

        public FileWriter(string entity, string module, int part, Random random)
        {
            this.part = part;
            e = entity;
            this.module = module;
            this.random = random;
        }

        private bool Guilty() => random.Next(100) < 20;

        private string Pick(params string[] options) => options[random.Next(options.Length)];

        public string Write()
        {
            text.Append($$"""
                using System;
                using System.Collections.Generic;
                using System.IO;
                using System.Linq;
                using System.Net.Http;
                using System.Text;
                using System.Text.Json;
                using System.Threading;
                using System.Threading.Channels;
                using System.Threading.Tasks;

                namespace Contoso.Shop.{{module}};

                public sealed record {{e}}(int Id, string Name, decimal Amount, DateTimeOffset CreatedAt, IReadOnlyList<string> Tags) : IEntity
                {
                    public bool IsLarge => Amount > 1000m;
                }

                public sealed record {{e}}Summary(int Count, decimal Total, string? Largest);

                public interface I{{e}}Repository
                {
                    Task<{{e}}?> FindAsync(int id, CancellationToken cancellationToken = default);
                    {{e}}? Find(int id);
                    Task<IReadOnlyList<{{e}}>> ListAsync(CancellationToken cancellationToken = default);
                    ValueTask SaveAsync({{e}} item, CancellationToken cancellationToken = default);
                    void Save({{e}} item);
                }

                public sealed class {{e}}Repository : I{{e}}Repository
                {
                    private readonly Dictionary<int, {{e}}> store = new();
                    private readonly string folder;

                    public {{e}}Repository(string folder) => this.folder = folder;

                    public async Task<{{e}}?> FindAsync(int id, CancellationToken cancellationToken = default)
                    {
                        await Task.Yield();
                        return store.TryGetValue(id, out var item) ? item : null;
                    }

                    public {{e}}? Find(int id) => store.TryGetValue(id, out var item) ? item : null;

                    public Task<IReadOnlyList<{{e}}>> ListAsync(CancellationToken cancellationToken = default)
                        => Task.FromResult<IReadOnlyList<{{e}}>>(store.Values.OrderBy(x => x.Id).ToList());

                    public async ValueTask SaveAsync({{e}} item, CancellationToken cancellationToken = default)
                    {
                        store[item.Id] = item;
                        var path = Path.Combine(folder, item.Id + ".json");

                """);
            text.Append(Guilty()
                ? "        File.WriteAllText(path, JsonSerializer.Serialize(item));\n"
                : "        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(item), cancellationToken).ConfigureAwait(false);\n");
            text.Append($$"""
                    }

                    public void Save({{e}} item)
                    {
                        store[item.Id] = item;
                        File.WriteAllText(Path.Combine(folder, item.Id + ".json"), JsonSerializer.Serialize(item));
                    }
                }


                """);
            // Besides its record and repository, each file holds one part, in turn: an HTTP client with the service that
            // orchestrates it, a background worker, LINQ queries and generic helpers, or a client alone.
            switch (part)
            {
                case 0:
                    WriteClient();
                    WriteService();
                    break;
                case 1:
                    WriteWorker();
                    break;
                case 2:
                    WriteQueries();
                    break;
                default:
                    WriteClient();
                    break;
            }

            return text.ToString();
        }

        private void WriteClient()
        {
            text.Append($$"""
                public sealed class {{e}}Client
                {
                    private readonly HttpClient http;

                    public {{e}}Client(HttpClient http) => this.http = http;

                    public async Task<{{e}}?> GetAsync(int id, CancellationToken cancellationToken)
                    {
                        using var response = await http.GetAsync("api/{{e.ToLowerInvariant()}}/" + id, cancellationToken).ConfigureAwait(false);
                        response.EnsureSuccessStatusCode();

                """);
            text.Append(Guilty()
                ? "        var json = response.Content.ReadAsStringAsync().Result;\n"
                : "        var json = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);\n");
            text.Append($$"""
                        return JsonSerializer.Deserialize<{{e}}>(json);
                    }

                    public Task<string> GetRawAsync(int id)
                    {

                """);
            text.Append(Guilty()
                ? $$"""
                        using (var request = new HttpRequestMessage(HttpMethod.Get, "api/{{e.ToLowerInvariant()}}/" + id))
                        {
                            return http.SendAsync(request).ContinueWith(t => t.Result.StatusCode.ToString());
                        }

                """
                : $$"""
                        return http.GetStringAsync("api/{{e.ToLowerInvariant()}}/" + id);

                """);
            text.Append($$"""
                    }

                    // The deliberate dual code path: one implementation behind a sync and an async API.
                    private async ValueTask<int> ReadCoreAsync(Stream stream, byte[] buffer, bool async, CancellationToken cancellationToken)
                    {
                        if (async)
                        {
                            return await stream.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            return stream.Read(buffer, 0, buffer.Length);
                        }
                    }

                    public int Read(Stream stream, byte[] buffer) => ReadCoreAsync(stream, buffer, async: false, CancellationToken.None).GetAwaiter().GetResult();

                    public ValueTask<int> ReadAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken) => ReadCoreAsync(stream, buffer, async: true, cancellationToken);
                }


                """);
        }

        private void WriteService()
        {
            text.Append($$"""
                public sealed class {{e}}Service
                {
                    private readonly I{{e}}Repository repository;
                    private readonly {{e}}Client client;
                    private readonly ILog log;
                    private readonly Cache<int, {{e}}?> cache = new();

                    public {{e}}Service(I{{e}}Repository repository, {{e}}Client client, ILog log)
                    {
                        this.repository = repository;
                        this.client = client;
                        this.log = log;
                    }

                    public async Task<{{e}}Summary> SummarizeAsync(IReadOnlyList<int> ids, CancellationToken cancellationToken)
                    {

                """);
            if (Guilty())
            {
                // One at a time: each lookup waits for the previous one although none depends on another.
                text.Append("""
                            var items = new List<ITEM>();
                            foreach (var id in ids)
                            {
                                var item = await client.GetAsync(id, cancellationToken);
                                if (item is not null)
                                {
                                    items.Add(item);
                                }
                            }

                    """.Replace("ITEM", e, StringComparison.Ordinal));
            }
            else
            {
                text.Append("""
                            var tasks = ids.Select(id => client.GetAsync(id, cancellationToken)).ToList();
                            var found = await Task.WhenAll(tasks).ConfigureAwait(false);
                            var items = found.Where(x => x is not null).Select(x => x!).ToList();

                    """);
            }

            text.Append("""
                        var largest = items.Where(x => x.IsLarge).OrderByDescending(x => x.Amount).Select(x => x.Name).FirstOrDefault();
                        return new(items.Count, items.Sum(x => x.Amount), largest);
                    }

                    public async Task<bool> CompareAsync(int left, int right, CancellationToken cancellationToken)
                    {

                """);
            text.Append(Guilty()
                ? """
                        var a = await repository.FindAsync(left, cancellationToken);
                        var b = await repository.FindAsync(right, cancellationToken);

                """
                : """
                        var first = repository.FindAsync(left, cancellationToken);
                        var second = repository.FindAsync(right, cancellationToken);
                        await Task.WhenAll(first, second).ConfigureAwait(false);
                        var a = first.Result;
                        var b = second.Result;

                """);
            text.Append($$"""
                        return a is not null && b is not null && a.Amount == b.Amount;
                    }

                    public async Task RefreshAsync(int id, CancellationToken cancellationToken)
                    {
                        var fresh = await client.GetAsync(id, cancellationToken).ConfigureAwait(false);
                        if (fresh is null)
                        {
                            return;
                        }


                """);
            text.Append(Pick(
                Guilty() ? "        repository.SaveAsync(fresh);\n" : "        await repository.SaveAsync(fresh, cancellationToken).ConfigureAwait(false);\n",
                Guilty() ? "        Thread.Sleep(100);\n        await repository.SaveAsync(fresh, cancellationToken);\n" : "        await Task.Delay(100, cancellationToken);\n        await repository.SaveAsync(fresh, cancellationToken);\n",
                Guilty() ? "        repository.SaveAsync(fresh, cancellationToken).AsTask().Wait();\n" : "        _ = repository.SaveAsync(fresh, cancellationToken);\n"));
            text.Append($$"""
                        log.Info("refreshed {{e}} " + id);
                    }

                    public async Task ImportAsync(string path, CancellationToken cancellationToken)
                    {

                """);
            text.Append(Guilty()
                ? "        var lines = File.ReadAllLines(path);\n"
                : "        var lines = await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false);\n");
            text.Append($$"""
                        var parsed = lines
                            .Skip(1)
                            .Select(line => line.Split(','))
                            .Where(parts => parts.Length >= 3)
                            .Select(parts => new {{e}}(int.Parse(parts[0]), parts[1], decimal.Parse(parts[2]), DateTimeOffset.UtcNow, parts.Skip(3).ToArray()))
                            .ToList();

                """);
            text.Append(Guilty()
                ? "        parsed.ForEach(async item => await repository.SaveAsync(item, cancellationToken));\n"
                : "        await Parallel.ForEachAsync(parsed, cancellationToken, async (item, ct) => await repository.SaveAsync(item, ct));\n");
            text.Append($$"""
                    }

                    public {{e}}? FindCached(int id)
                    {

                """);
            text.Append(Guilty()
                ? "        return cache.GetOrAddAsync(id, key => repository.FindAsync(key)).Result;\n"
                : "        return cache.Get(id) ?? repository.Find(id);\n");
            text.Append("""
                    }


                """);
            if (Guilty())
            {
                text.Append($$"""
                        public async void OnChanged(int id)
                        {
                            await RefreshAsync(id, CancellationToken.None);
                        }

                    """);
            }
            else
            {
                text.Append($$"""
                        public async void OnChanged(object? sender, EventArgs args)
                        {
                            try
                            {
                                await RefreshAsync(0, CancellationToken.None).ConfigureAwait(false);
                            }
                            catch (Exception exception)
                            {
                                log.Error(exception, "refresh failed");
                            }
                        }

                    """);
            }

            text.Append($$"""

                    public Task<{{e}}[]> LoadAllAsync(IEnumerable<int> ids, CancellationToken cancellationToken)
                        => Task.WhenAll(ids.Select(id => Retry.RunAsync(ct => client.GetAsync(id, ct)!, 3, cancellationToken)))
                            .ContinueWith(t => t.Result.Where(x => x is not null).Select(x => x!).ToArray(), TaskScheduler.Default);

                    public Task<int> CountBlockingOnPoolAsync(string path)
                        => Task.Run(() => File.ReadAllLines(path).Length);
                }


                """);
        }

        private void WriteWorker()
        {
            text.Append($$"""
                public sealed class {{e}}Worker
                {
                    private readonly Channel<{{e}}> queue = Channel.CreateBounded<{{e}}>(100);
                    private readonly I{{e}}Repository repository;
                    private readonly ILog log;

                    public {{e}}Worker(I{{e}}Repository repository, ILog log)
                    {
                        this.repository = repository;
                        this.log = log;
                    }

                    public ValueTask EnqueueAsync({{e}} item, CancellationToken cancellationToken) => queue.Writer.WriteAsync(item, cancellationToken);

                    public async Task RunAsync(CancellationToken cancellationToken)
                    {
                        while (!cancellationToken.IsCancellationRequested)
                        {
                            var item = await queue.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                            try
                            {
                                await repository.SaveAsync(item, cancellationToken).ConfigureAwait(false);
                            }
                            catch (IOException exception)
                            {
                                log.Error(exception, "save failed");

                """);
            text.Append(Guilty()
                ? "                Thread.Sleep(TimeSpan.FromSeconds(1));\n"
                : "                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);\n");
            text.Append($$"""
                            }
                        }
                    }

                    public async Task DrainAsync(CancellationToken cancellationToken)
                    {
                        var pending = new List<Task>();
                        while (queue.Reader.TryRead(out var item))
                        {
                            pending.Add(repository.SaveAsync(item, cancellationToken).AsTask());
                        }


                """);
            text.Append(Guilty()
                ? "        Task.WaitAll(pending.ToArray());\n        await Task.Yield();\n"
                : "        await Task.WhenAll(pending).ConfigureAwait(false);\n");
            text.Append("""
                    }

                    public void Start(CancellationToken cancellationToken)
                    {

                """);
            text.Append(Guilty()
                ? "        RunAsync(cancellationToken);\n"
                : "        _ = Task.Run(() => RunAsync(cancellationToken), cancellationToken);\n");
            text.Append("""
                    }
                }


                """);
        }

        private void WriteQueries()
        {
            var threshold = random.Next(10, 5000).ToString(CultureInfo.InvariantCulture);
            text.Append($$"""
                public static class {{e}}Queries
                {
                    public static IEnumerable<IGrouping<string, {{e}}>> ByTag(IEnumerable<{{e}}> items)
                        => items.SelectMany(x => x.Tags.Select(tag => (tag, x))).GroupBy(p => p.tag, p => p.x);

                    public static Dictionary<int, decimal> Totals(IEnumerable<{{e}}> items)
                        => items.Where(x => x.Amount > {{threshold}}m).ToDictionary(x => x.Id, x => x.Amount);

                    public static string Describe({{e}} item)
                    {
                        var builder = new StringBuilder();
                        builder.Append(item.Name).Append(" (").Append(item.Id).Append(')');
                        foreach (var tag in item.Tags.Distinct().OrderBy(t => t, StringComparer.Ordinal))
                        {
                            builder.Append(' ').Append('#').Append(tag);
                        }

                        return builder.ToString();
                    }

                    public static T? MaxBy<T, TKey>(IEnumerable<T> source, Func<T, TKey> key)
                        where TKey : IComparable<TKey>
                    {
                        T? best = default;
                        TKey? bestKey = default;
                        var first = true;
                        foreach (var candidate in source)
                        {
                            var candidateKey = key(candidate);
                            if (first || candidateKey.CompareTo(bestKey!) > 0)
                            {
                                best = candidate;
                                bestKey = candidateKey;
                                first = false;
                            }
                        }

                        return best;
                    }

                    public static async IAsyncEnumerable<{{e}}> StreamAsync(I{{e}}Repository repository, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
                    {
                        foreach (var item in await repository.ListAsync(cancellationToken).ConfigureAwait(false))
                        {
                            yield return item;
                        }
                    }
                }

                """);
        }
    }
}
