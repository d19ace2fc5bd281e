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
}
