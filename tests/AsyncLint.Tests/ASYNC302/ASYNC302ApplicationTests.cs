using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>Web applications' loops that look independent and are not: one scoped context behind a query or an interface, ordered traversals.</summary>
public sealed class ASYNC302ApplicationTests
{
    private const string Library = """
        namespace Media
        {
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;

            public class Episode { public int Season { get; set; } public int Number { get; set; } public bool Available { get; set; } }
            public interface IEpisodeRepository { IQueryable<Episode> GetAll(); }

            public static class EpisodeChecks
            {
                public static Task CheckEpisodeAsync(IQueryable<Episode> all, Episode wanted) => Task.CompletedTask;
                public static Task CheckEpisodeAsync(IEnumerable<Episode> all, Episode wanted) => Task.CompletedTask;
            }
        }
        """;

    [Fact]
    public Task One_query_from_a_repository_handed_to_every_iteration() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Media
        {
            class AvailabilityRule
            {
                private readonly IEpisodeRepository episodes = null!;

                async Task CheckAsync(List<Episode> wanted)
                {
                    var all = episodes.GetAll();
                    foreach (var episode in wanted)
                    {
                        await EpisodeChecks.CheckEpisodeAsync(all, episode);
                    }
                }
            }
        }
        """ + Library);

    [Fact]
    public Task A_list_in_memory_handed_to_every_iteration_is_still_reported() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        namespace Media
        {
            class AvailabilityRule
            {
                private readonly IEpisodeRepository episodes = null!;

                async Task CheckAsync(List<Episode> wanted, IEnumerable<Episode> known)
                {
                    foreach (var episode in wanted)
                    {
                        {|ASYNC302:await EpisodeChecks.CheckEpisodeAsync(known, episode)|};
                    }
                }
            }
        }
        """ + Library);

    [Fact]
    public Task An_interface_whose_implementation_keeps_the_context_shared_by_every_iteration() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Media
        {
            public class MediaDbContext { }
            public interface IAvailabilityHelper { Task<bool> IsAvailableAsync(Episode episode); }

            public sealed class AvailabilityHelper : IAvailabilityHelper
            {
                private readonly MediaDbContext db;
                public AvailabilityHelper(MediaDbContext db) => this.db = db;
                public Task<bool> IsAvailableAsync(Episode episode) => Task.FromResult(true);
            }

            class AvailabilityRule
            {
                private readonly IAvailabilityHelper helper = null!;

                async Task<int> CountAsync(List<Episode> wanted)
                {
                    var count = 0;
                    foreach (var episode in wanted)
                    {
                        var available = await helper.IsAvailableAsync(episode);
                        if (available) count++;
                    }

                    return count;
                }
            }
        }
        """ + Library);

    [Fact]
    public Task An_api_client_that_reads_its_settings_through_a_settings_service_is_still_reported() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Media
        {
            public class MediaDbContext { }
            public class ServerSettings { public string Token { get; set; } = ""; }
            public interface ISettingsRepository { Task<ServerSettings> LoadAsync(); }
            public sealed class SettingsRepository : ISettingsRepository
            {
                private readonly MediaDbContext db;
                public SettingsRepository(MediaDbContext db) => this.db = db;
                public Task<ServerSettings> LoadAsync() => Task.FromResult(new ServerSettings());
            }

            // Cached settings over the context: what an API client reads for its headers.
            public interface ISettingsService<T> { Task<T> GetSettingsAsync(); }
            public sealed class SettingsService<T> : ISettingsService<T>
            {
                private readonly ISettingsRepository repository;
                public SettingsService(ISettingsRepository repository) => this.repository = repository;
                public Task<T> GetSettingsAsync() => Task.FromResult(default(T)!);
            }

            public interface IServerApi { Task<string[]> GetUsersAsync(string token); }
            public sealed class ServerApi : IServerApi
            {
                private readonly ISettingsService<ServerSettings> settings;
                public ServerApi(ISettingsService<ServerSettings> settings) => this.settings = settings;
                public Task<string[]> GetUsersAsync(string token) => Task.FromResult(new string[0]);
            }

            class FriendsEndpoint
            {
                private readonly IServerApi api = null!;

                async Task<List<string>> FriendsAsync(List<ServerSettings> servers)
                {
                    var friends = new List<string>();
                    foreach (var server in servers)
                    {
                        var users = {|ASYNC302:await api.GetUsersAsync(server.Token)|};
                        friends.AddRange(users);
                    }

                    return friends;
                }
            }
        }
        """ + Library);

    [Fact]
    public Task A_service_over_a_mongodb_repository_is_still_reported() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Shop
        {
            public class Discount { public string Code { get; set; } = ""; }
            public class DiscountUsage { }

            // A repository over a MongoDB collection, whose driver is the project's data layer (no EF Core).
            public interface IRepository<T> { Task<List<T>> FindAsync(string key); }

            public interface IDiscountValidator { Task<bool> ValidateAsync(Discount discount); }
            public sealed class DiscountValidator : IDiscountValidator
            {
                private readonly IRepository<DiscountUsage> usages;
                public DiscountValidator(IRepository<DiscountUsage> usages) => this.usages = usages;
                public async Task<bool> ValidateAsync(Discount discount) => (await usages.FindAsync(discount.Code)).Count == 0;
            }

            class OrderTotals
            {
                private readonly IDiscountValidator validator = null!;

                async Task<List<Discount>> ApplicableAsync(List<Discount> discounts)
                {
                    var applicable = new List<Discount>();
                    foreach (var discount in discounts)
                    {
                        var valid = {|ASYNC302:await validator.ValidateAsync(discount)|};
                        if (valid)
                        {
                            applicable.Add(discount);
                        }
                    }

                    return applicable;
                }
            }
        }

        namespace MongoDB.Driver
        {
            public interface IMongoCollection<TDocument> { }
        }
        """);

    [Fact]
    public Task Every_file_embedded_into_one_tar_archive() => Verify.AnalyzerAsync("""
        using System.Formats.Tar;
        using System.Threading.Tasks;

        namespace Packaging
        {
            public static class TarParts { public static Task EmbedFileAsync(TarWriter writer, string path) => Task.CompletedTask; }

            class Bundler
            {
                async Task BundleAsync(TarWriter writer, string[] paths)
                {
                    foreach (var path in paths)
                    {
                        await TarParts.EmbedFileAsync(writer, path);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_recursive_walk_that_hands_the_callers_visitor_on() => Verify.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Trees
        {
            public class Folder
            {
                private readonly List<Folder> children = new();

                public async Task VisitAsync(Func<Folder, Task> visitor, bool includeSelf = false)
                {
                    if (includeSelf)
                    {
                        await visitor(this);
                    }

                    foreach (var child in children)
                    {
                        await child.VisitAsync(visitor, true);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task A_recursive_load_without_a_visitor_and_a_visitor_handed_to_another_method_are_still_reported() => Verify.AnalyzerAsync("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Trees
        {
            public interface IFolderStore { Task<string> ReadNameAsync(int id, CancellationToken ct); }

            public class Folder
            {
                private readonly List<Folder> children = new();
                private readonly IFolderStore store = null!;
                public int Id { get; set; }
                public string? Name { get; private set; }

                public async Task LoadAsync(CancellationToken ct)
                {
                    Name = await store.ReadNameAsync(Id, ct);
                    foreach (var child in children)
                    {
                        {|ASYNC302:await child.LoadAsync(ct)|};
                    }
                }

                public Task VisitAsync(Func<Folder, Task> visitor) => visitor(this);

                public static async Task VisitAllAsync(IEnumerable<Folder> roots, Func<Folder, Task> visitor)
                {
                    foreach (var root in roots)
                    {
                        {|ASYNC302:await root.VisitAsync(visitor)|};
                    }
                }
            }
        }
        """);
}
