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
}
