using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// Web applications' awaits that look independent and are not worth (or safe) overlapping: in-memory mapping, cached
/// settings, one scoped DbContext behind unconventional names, a shared archive, re-reads. Each class with a trap and the
/// nearby shape that is still reported.
/// </summary>
public sealed class ASYNC301ApplicationTests
{
    // ---- In-memory mapping ----

    [Fact]
    public Task A_static_mapper_copying_two_objects_into_one_model_is_in_memory_work() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Admin
        {
            public static class ModelMapperFactory
            {
                public static Task MapAsync<TFrom, TTo>(TFrom from, TTo to) => Task.CompletedTask;
            }

            public class ShippingOptions { public bool Free { get; set; } }
            public class TaxOptions { public decimal Rate { get; set; } }
            public class OptionsPage { public ShippingOptions Shipping { get; } = new(); public TaxOptions Tax { get; } = new(); }

            class OptionsController
            {
                async Task<OptionsPage> EditAsync(ShippingOptions shipping, TaxOptions tax)
                {
                    var page = new OptionsPage();
                    await ModelMapperFactory.MapAsync(shipping, page.Shipping);
                    await ModelMapperFactory.MapAsync(tax, page.Tax);
                    return page;
                }
            }
        }
        """);

    [Fact]
    public Task An_injected_mapper_writes_its_destination() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Admin
        {
            public interface IMapper<in TFrom, in TTo> { Task MapAsync(TFrom from, TTo to); }
            public class Product { public string Name { get; set; } = ""; }
            public class Variant { public string Sku { get; set; } = ""; }
            public class ProductPage { public string Title { get; set; } = ""; }

            class ProductController
            {
                private readonly IMapper<Product, ProductPage> productMapper = null!;
                private readonly IMapper<Variant, ProductPage> variantMapper = null!;

                async Task<ProductPage> ShowAsync(Product product, Variant variant)
                {
                    var page = new ProductPage();
                    await productMapper.MapAsync(product, page);
                    await variantMapper.MapAsync(variant, page);
                    return page;
                }
            }
        }
        """);

    [Fact]
    public Task Lookups_before_a_mapping_and_a_map_call_on_a_remote_service_are_still_reported() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Admin
        {
            public static class ModelMapperFactory { public static Task MapAsync<TFrom, TTo>(TFrom from, TTo to) => Task.CompletedTask; }
            public interface IGeocodingService { Task<string> MapAddressAsync(string address); }
            public interface IWeatherService { Task<string> GetForecastAsync(string city); }
            public class StorePage { public string? Location { get; set; } }

            class StoreController
            {
                private readonly IGeocodingService geocoding = null!;
                private readonly IWeatherService weather = null!;

                async Task<StorePage> ShowAsync(string address, string city, StorePage source)
                {
                    var location = {|ASYNC301:await geocoding.MapAddressAsync(address)|};
                    var forecast = await weather.GetForecastAsync(city);
                    var page = new StorePage { Location = location + forecast };
                    await ModelMapperFactory.MapAsync(source, page);
                    return page;
                }
            }
        }
        """);

    // ---- Cached settings ----

    [Fact]
    public Task Settings_loaded_for_one_store_come_from_the_settings_cache() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Shop
        {
            public interface ISettingLoader { Task<T> LoadSettingsAsync<T>(int storeId) where T : new(); }
            public class CatalogOptions { public int PageSize { get; set; } }
            public class ShippingOptions { public bool Free { get; set; } }

            class CheckoutController
            {
                private readonly ISettingLoader settings = null!;

                async Task<int> ConfigureAsync(int storeId)
                {
                    var catalog = await settings.LoadSettingsAsync<CatalogOptions>(storeId);
                    var shipping = await settings.LoadSettingsAsync<ShippingOptions>(storeId);
                    return shipping.Free ? 0 : catalog.PageSize;
                }
            }
        }
        """);

    [Fact]
    public Task A_settings_read_beside_a_remote_call_saves_no_latency() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Media
        {
            public interface ISettingsStore<T> { Task<T> GetSettingsAsync(); }
            public class ServerOptions { public string Url { get; set; } = ""; }
            public class MailOptions { public string Host { get; set; } = ""; }
            public interface IServerApi { Task<string> GetServerAsync(string token); }

            class LoginController
            {
                private readonly ISettingsStore<ServerOptions> serverSettings = null!;
                private readonly ISettingsStore<MailOptions> mailSettings = null!;
                private readonly IServerApi api = null!;

                async Task<string> SignInAsync(string token)
                {
                    var server = await serverSettings.GetSettingsAsync();
                    var mail = await mailSettings.GetSettingsAsync();
                    var found = await api.GetServerAsync(token);
                    return server.Url + mail.Host + found;
                }
            }
        }
        """);

    [Fact]
    public Task Remote_configuration_reads_are_still_reported() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Shop
        {
            public interface IConfigurationClient { Task<string> GetConfigurationSettingAsync(string key); }
            public interface IFeatureClient { Task<bool> GetSettingAsync(string flag); }

            class StartupCheck
            {
                private readonly IConfigurationClient configuration = null!;
                private readonly IFeatureClient features = null!;

                async Task<string> ReadAsync()
                {
                    var endpoint = {|ASYNC301:await configuration.GetConfigurationSettingAsync("endpoint")|};
                    var region = await configuration.GetConfigurationSettingAsync("region");
                    var beta = await features.GetSettingAsync("beta");
                    return endpoint + region + beta;
                }
            }
        }
        """);

    // ---- One scoped DbContext behind names no convention knows ----

    [Fact]
    public Task Two_interfaces_whose_implementations_keep_the_same_context() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Shop
        {
            public class ShopDbContext { }
            public interface IVariantMaterializer { Task<string[]> MaterializeAsync(int productId); }
            public interface IPriceEngine { Task<decimal> ComputeAsync(int productId); }

            public class VariantMaterializer : IVariantMaterializer
            {
                private readonly ShopDbContext db;
                public VariantMaterializer(ShopDbContext db) => this.db = db;
                public Task<string[]> MaterializeAsync(int productId) => Task.FromResult(new string[0]);
            }

            public class PriceEngine : IPriceEngine
            {
                private readonly ShopDbContext db;
                public PriceEngine(ShopDbContext db) => this.db = db;
                public Task<decimal> ComputeAsync(int productId) => Task.FromResult(0m);
            }

            class ProductPage
            {
                private readonly IVariantMaterializer variants = null!;
                private readonly IPriceEngine prices = null!;

                async Task<string> ShowAsync(int productId)
                {
                    var found = await variants.MaterializeAsync(productId);
                    var price = await prices.ComputeAsync(productId);
                    return found.Length + " " + price;
                }
            }
        }
        """);

    [Fact]
    public Task Two_interfaces_whose_implementations_inherit_the_context_as_a_type_argument() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Shop
        {
            public class ShopDbContext { }
            public interface IVariantMaterializer { Task<string[]> MaterializeAsync(int productId); }
            public interface IPriceEngine { Task<decimal> ComputeAsync(int productId); }

            public abstract class ServiceBase<TStore>
            {
                protected readonly TStore store;
                protected ServiceBase(TStore store) => this.store = store;
            }

            public class VariantMaterializer : ServiceBase<ShopDbContext>, IVariantMaterializer
            {
                public VariantMaterializer(ShopDbContext db) : base(db) { }
                public Task<string[]> MaterializeAsync(int productId) => Task.FromResult(new string[0]);
            }

            public class PriceEngine : ServiceBase<ShopDbContext>, IPriceEngine
            {
                public PriceEngine(ShopDbContext db) : base(db) { }
                public Task<decimal> ComputeAsync(int productId) => Task.FromResult(0m);
            }

            class ProductPage
            {
                private readonly IVariantMaterializer variants = null!;
                private readonly IPriceEngine prices = null!;

                async Task<string> ShowAsync(int productId)
                {
                    var found = await variants.MaterializeAsync(productId);
                    var price = await prices.ComputeAsync(productId);
                    return found.Length + " " + price;
                }
            }
        }
        """);

    [Fact]
    public Task Two_interfaces_whose_implementations_are_nested_types_keep_the_same_context() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Shop
        {
            public class ShopDbContext { }
            public interface IVariantMaterializer { Task<string[]> MaterializeAsync(int productId); }
            public interface IPriceEngine { Task<decimal> ComputeAsync(int productId); }

            public static class Services
            {
                public const int Version = 2;

                public sealed class VariantMaterializer : IVariantMaterializer
                {
                    private readonly ShopDbContext db;
                    public VariantMaterializer(ShopDbContext db) => this.db = db;
                    public Task<string[]> MaterializeAsync(int productId) => Task.FromResult(new string[0]);
                }

                public static class Pricing
                {
                    internal sealed class PriceEngine : IPriceEngine
                    {
                        private readonly ShopDbContext db;
                        public PriceEngine(ShopDbContext db) => this.db = db;
                        public Task<decimal> ComputeAsync(int productId) => Task.FromResult(0m);
                    }
                }
            }

            class ProductPage
            {
                private readonly IVariantMaterializer variants = null!;
                private readonly IPriceEngine prices = null!;

                async Task<string> ShowAsync(int productId)
                {
                    var found = await variants.MaterializeAsync(productId);
                    var price = await prices.ComputeAsync(productId);
                    return found.Length + " " + price;
                }
            }
        }
        """);

    [Fact]
    public Task Two_interfaces_whose_implementations_inherit_a_plain_client_as_a_type_argument_are_reported() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Shop
        {
            public class CatalogApiClient { }
            public interface IVariantMaterializer { Task<string[]> MaterializeAsync(int productId); }
            public interface IPriceEngine { Task<decimal> ComputeAsync(int productId); }

            public abstract class ServiceBase<TStore>
            {
                protected readonly TStore store;
                protected ServiceBase(TStore store) => this.store = store;
            }

            public class VariantMaterializer : ServiceBase<CatalogApiClient>, IVariantMaterializer
            {
                public VariantMaterializer(CatalogApiClient client) : base(client) { }
                public Task<string[]> MaterializeAsync(int productId) => Task.FromResult(new string[0]);
            }

            public class PriceEngine : ServiceBase<CatalogApiClient>, IPriceEngine
            {
                public PriceEngine(CatalogApiClient client) : base(client) { }
                public Task<decimal> ComputeAsync(int productId) => Task.FromResult(0m);
            }

            class ProductPage
            {
                private readonly IVariantMaterializer variants = null!;
                private readonly IPriceEngine prices = null!;

                async Task<string> ShowAsync(int productId)
                {
                    var found = {|ASYNC301:await variants.MaterializeAsync(productId)|};
                    var price = await prices.ComputeAsync(productId);
                    return found.Length + " " + price;
                }
            }
        }
        """);

    [Fact]
    public Task A_helper_whose_implementation_in_a_referenced_project_is_built_over_the_context() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                using Shop.Core;

                namespace Shop.Web
                {
                    public interface ICatalogService { Task<string> GetCategoryAsync(int id); }

                    class CategoryController
                    {
                        private readonly ILinkHelper links = null!;
                        private readonly ICatalogService catalog = null!;

                        async Task<string> ShowAsync(int id)
                        {
                            var link = await links.GetCanonicalUrlAsync(id);
                            var category = await catalog.GetCategoryAsync(id);
                            return link + category;
                        }
                    }
                }
                """,
            },
            AdditionalReferences =
            {
                Verifiers.MetadataLibrary.Compile("Shop.Core", """
                    namespace Shop.Core
                    {
                        using System.Threading.Tasks;

                        public class ShopDbContext { }
                        public interface ILinkHelper { Task<string> GetCanonicalUrlAsync(int id); }

                        public class LinkHelper : ILinkHelper
                        {
                            private readonly ShopDbContext db;
                            public LinkHelper(ShopDbContext db) => this.db = db;
                            public Task<string> GetCanonicalUrlAsync(int id) => Task.FromResult(id.ToString());
                        }
                    }
                    """),
            },
        },
    }.RunAsync();

    [Fact]
    public Task One_engine_over_a_repository_shared_by_both_steps() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Media
        {
            public interface IRequestRepository { Task<int> CountAsync(int userId); }
            public interface IRequestEngine
            {
                Task<int> GetRemainingMoviesAsync(int userId);
                Task<int> GetRemainingShowsAsync(int userId);
            }

            public abstract class RequestEngineBase
            {
                protected readonly IRequestRepository Requests;
                protected RequestEngineBase(IRequestRepository requests) => Requests = requests;
            }

            public sealed class RequestEngine : RequestEngineBase, IRequestEngine
            {
                public RequestEngine(IRequestRepository requests) : base(requests) { }
                public Task<int> GetRemainingMoviesAsync(int userId) => Requests.CountAsync(userId);
                public Task<int> GetRemainingShowsAsync(int userId) => Requests.CountAsync(userId);
            }

            class QuotaController
            {
                private readonly IRequestEngine engine = null!;

                async Task<int> QuotaAsync(int userId)
                {
                    var movies = await engine.GetRemainingMoviesAsync(userId);
                    var shows = await engine.GetRemainingShowsAsync(userId);
                    return movies + shows;
                }
            }
        }
        """);

    [Fact]
    public Task Interfaces_whose_implementations_keep_only_http_clients_are_still_reported() => Verify.AnalyzerAsync("""
        using System.Net.Http;
        using System.Threading.Tasks;

        namespace Media
        {
            public interface IArtworkEngine { Task<string> GetPosterAsync(int id); }
            public interface ILinkHelper { Task<string> GetTrailerUrlAsync(int id); }

            public class ArtworkEngine : IArtworkEngine
            {
                private readonly HttpClient http;
                public ArtworkEngine(HttpClient http) => this.http = http;
                public Task<string> GetPosterAsync(int id) => http.GetStringAsync("/posters/" + id);
            }

            public class LinkHelper : ILinkHelper
            {
                private readonly HttpClient http;
                public LinkHelper(HttpClient http) => this.http = http;
                public Task<string> GetTrailerUrlAsync(int id) => http.GetStringAsync("/trailers/" + id);
            }

            class MoviePage
            {
                private readonly IArtworkEngine artwork = null!;
                private readonly ILinkHelper links = null!;

                async Task<string> ShowAsync(int id)
                {
                    var poster = {|ASYNC301:await artwork.GetPosterAsync(id)|};
                    var trailer = await links.GetTrailerUrlAsync(id);
                    return poster + trailer;
                }
            }
        }
        """);

    // ---- One archive written by two steps ----

    private const string Packaging = """
        namespace Packaging
        {
            using System.IO.Compression;
            using System.Threading.Tasks;

            public class Manifest { public string Name { get; set; } = ""; }

            public static class PackageParts
            {
                public static Task EmbedManifestAsync(ZipArchive archive, Manifest manifest) => Task.CompletedTask;
                public static Task EmbedFilesAsync(ZipArchive archive, string[] files) => Task.CompletedTask;
            }
        }
        """;

    [Fact]
    public Task Two_steps_that_write_entries_into_one_zip_archive() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.IO.Compression;
        using System.Threading.Tasks;

        namespace Packaging
        {
            class PackageBuilder
            {
                async Task<byte[]> BuildAsync(Manifest manifest, string[] files)
                {
                    using var buffer = new MemoryStream();
                    using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        await PackageParts.EmbedManifestAsync(archive, manifest);
                        await PackageParts.EmbedFilesAsync(archive, files);
                    }

                    return buffer.ToArray();
                }
            }
        }
        """ + Packaging);

    [Fact]
    public Task Two_archives_written_by_one_step_each_are_still_reported() => Verify.AnalyzerAsync("""
        using System.IO.Compression;
        using System.Threading.Tasks;

        namespace Packaging
        {
            class PackageBuilder
            {
                async Task BuildAsync(ZipArchive manifestArchive, ZipArchive filesArchive, Manifest manifest, string[] files)
                {
                    {|ASYNC301:await PackageParts.EmbedManifestAsync(manifestArchive, manifest)|};
                    await PackageParts.EmbedFilesAsync(filesArchive, files);
                }
            }
        }
        """ + Packaging);

    // ---- A re-read after a step that may change what it reads ----

    private const string Licensing = """
        namespace Licensing
        {
            using System.Threading.Tasks;

            public interface ILicenseChecker
            {
                Task<string?> GetLicenseAsync(string product, string user);
                Task<string> InspectStateAsync(string product, string user);
            }
        }
        """;

    [Fact]
    public Task A_repeated_lookup_after_a_state_inspection_is_a_refetch() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Licensing
        {
            class LicensePage
            {
                async Task<string?> ResolveAsync(ILicenseChecker checker, string product, string user)
                {
                    var license = await checker.GetLicenseAsync(product, user);
                    if (license == null)
                    {
                        var state = await checker.InspectStateAsync(product, user);
                        license = await checker.GetLicenseAsync(product, user);
                        return state + license;
                    }

                    return license;
                }
            }
        }
        """ + Licensing);

    [Fact]
    public Task The_same_lookup_for_another_user_is_still_reported() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Licensing
        {
            class LicensePage
            {
                async Task<string?> ResolveAsync(ILicenseChecker checker, string product, string user, string owner)
                {
                    var ownerLicense = await checker.GetLicenseAsync(product, owner);
                    if (ownerLicense == null)
                    {
                        var state = {|ASYNC301:await checker.InspectStateAsync(product, user)|};
                        var license = await checker.GetLicenseAsync(product, user);
                        return state + license;
                    }

                    return ownerLicense;
                }
            }
        }
        """ + Licensing);

    [Fact]
    public Task The_same_read_into_a_fresh_local_in_another_branch_is_still_reported() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Licensing
        {
            class LicensePage
            {
                async Task<string?> ResolveAsync(ILicenseChecker checker, string product, string user, bool audit)
                {
                    if (audit)
                    {
                        var seen = await checker.GetLicenseAsync(product, user);
                        if (seen == null) return null;
                    }

                    var state = {|ASYNC301:await checker.InspectStateAsync(product, user)|};
                    var license = await checker.GetLicenseAsync(product, user);
                    return state + license;
                }
            }
        }
        """ + Licensing);

    // ---- A first step that writes what the next one reads ----

    private const string Catalog = """
        namespace Catalog
        {
            using System.Threading.Tasks;

            public class Product { public decimal Weight { get; set; } }
            public class Selection { public string Raw { get; set; } = ""; }
            public interface IVariantResolver { Task<int> MergeWithVariantAsync(Product product, Selection selection); }
            public interface ISelectionFormatter { Task<string> DescribeAsync(Selection selection, Product product); }
            public interface IShippingRates { Task<decimal> GetRateAsync(Product product); }
        }
        """;

    [Fact]
    public Task A_merge_into_the_selection_comes_before_the_step_that_describes_it() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Catalog
        {
            class OrderLines
            {
                private readonly IVariantResolver variants = null!;
                private readonly ISelectionFormatter formatter = null!;

                async Task<string> DescribeAsync(Product product, Selection selection)
                {
                    await variants.MergeWithVariantAsync(product, selection);
                    var description = await formatter.DescribeAsync(selection, product);
                    return description;
                }
            }
        }
        """ + Catalog);

    [Fact]
    public Task Two_reads_of_the_same_product_without_a_merge_are_still_reported() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Catalog
        {
            class OrderLines
            {
                private readonly ISelectionFormatter formatter = null!;
                private readonly IShippingRates rates = null!;

                async Task<string> DescribeAsync(Product product, Selection selection)
                {
                    var description = {|ASYNC301:await formatter.DescribeAsync(selection, product)|};
                    var rate = await rates.GetRateAsync(product);
                    return description + rate;
                }
            }
        }
        """ + Catalog);
}
