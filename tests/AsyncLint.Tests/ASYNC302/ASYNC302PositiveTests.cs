using AsyncLint.Tests.Verifiers;
using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

public sealed class ASYNC302PositiveTests
{
    internal const string Services = """
        public interface IPages { System.Threading.Tasks.Task<string> GetPageAsync(string url, System.Threading.CancellationToken ct = default); }
        public interface IUsers { System.Threading.Tasks.Task<string> GetUserAsync(int id); System.Threading.Tasks.ValueTask<int> GetScoreAsync(int id); System.Threading.Tasks.Task WarmAsync(int id); }
        public static class Cache { public static System.Threading.Tasks.Task WarmAsync(int id) => System.Threading.Tasks.Task.CompletedTask; }
        """;

    [Fact]
    public Task Foreach_adding_each_page_to_a_list() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Net.Http;
        using System.Threading.Tasks;

        class C
        {
            async Task<List<string>> LoadAsync(HttpClient http, IEnumerable<string> urls)
            {
                var pages = new List<string>();
                foreach (var u in urls) pages.Add({|ASYNC302:await http.GetStringAsync(u)|});
                return pages;
            }
        }
        """);

    [Fact]
    public Task Foreach_with_a_block_body_and_an_interface_service() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            async Task PrintAsync(IUsers users, int[] ids)
            {
                foreach (var id in ids)
                {
                    var user = {|ASYNC302:await users.GetUserAsync(id)|};
                    Console.WriteLine(user);
                }
            }
        }
        """ + Services);

    [Fact]
    public Task Foreach_with_a_local_computed_from_the_element() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync(IPages pages, List<int> ids, string root, CancellationToken ct)
            {
                var total = 0;
                foreach (var id in ids)
                {
                    var url = root + "/items/" + id;
                    var page = {|ASYNC302:await pages.GetPageAsync(url, ct).ConfigureAwait(false)|};
                    total += page.Length;
                }

                return total;
            }
        }
        """ + Services);

    [Fact]
    public Task For_loop_over_an_array() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string[]> LoadAsync(IPages pages, string[] urls)
            {
                var results = new string[urls.Length];
                for (var i = 0; i < urls.Length; i++)
                {
                    results[i] = {|ASYNC302:await pages.GetPageAsync(urls[i])|};
                }

                return results;
            }
        }
        """ + Services);

    [Fact]
    public Task Static_helper_per_element() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            static async Task<long> SizeAsync(string[] paths)
            {
                long size = 0;
                foreach (var path in paths)
                {
                    var text = {|ASYNC302:await File.ReadAllTextAsync(path)|};
                    size += text.Length;
                }

                return size;
            }
        }
        """);

    [Fact]
    public Task Element_property_as_argument_on_Net80() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        record Order(int CustomerId);

        class C
        {
            async Task<List<string>> LoadAsync(IUsers users, List<Order> orders)
            {
                var names = new List<string>();
                foreach (var order in orders)
                {
                    names.Add({|ASYNC302:await users.GetUserAsync(order.CustomerId)|});
                }

                return names;
            }
        }
        """ + Services, TargetFramework.Net80);

    [Fact]
    public Task Writing_to_the_element_itself_does_not_carry_over() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Order { public int CustomerId { get; set; } public string? Customer { get; set; } }

        class C
        {
            async Task FillAsync(IUsers users, List<Order> orders)
            {
                foreach (var order in orders)
                {
                    order.Customer = {|ASYNC302:await users.GetUserAsync(order.CustomerId)|};
                }
            }
        }
        """ + Services);

    [Fact]
    public Task A_service_interface_without_EF_Core_is_a_service_boundary() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public interface ITaxService { Task<decimal> GetTaxPercentAsync(long classId); }

        class OrderService
        {
            async Task<List<decimal>> RatesAsync(ITaxService tax, IEnumerable<long> classIds)
            {
                var rates = new List<decimal>();
                foreach (var id in classIds)
                {
                    rates.Add({|ASYNC302:await tax.GetTaxPercentAsync(id)|});
                }

                return rates;
            }
        }
        """);

    [Fact]
    public Task A_service_held_beside_an_execution_context_is_a_service_boundary() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        namespace Hosting
        {
            public sealed class AppExecutionContext { public bool IsPublishMode { get; set; } }
            public interface IClusterService { Task<string> GetAsync(string name); }

            class Executor
            {
                private readonly AppExecutionContext executionContext;
                private readonly IClusterService cluster;

                Executor(AppExecutionContext executionContext, IClusterService cluster) { this.executionContext = executionContext; this.cluster = cluster; }

                async Task<List<string>> AddressesAsync(IEnumerable<string> names)
                {
                    var addresses = new List<string>();
                    foreach (var name in names)
                    {
                        addresses.Add({|ASYNC302:await cluster.GetAsync(name)|});
                    }

                    return addresses;
                }
            }
        }
        """);

    [Fact]
    public Task A_loop_after_a_stopwatch_that_is_never_read_again() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading.Tasks;

        public interface ICache { Task<int> GetAsync(string key); }

        class Loader
        {
            async Task<List<int>> LoadAsync(ICache cache, string[] keys)
            {
                var sw = Stopwatch.StartNew();
                var values = new List<int>();
                foreach (var key in keys)
                {
                    values.Add({|ASYNC302:await cache.GetAsync(key)|});
                }

                return values;
            }
        }
        """);

    [Fact]
    public Task Local_files_handed_to_a_client_one_by_one() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        using System.Threading.Tasks;

        public interface IScanService { Task<bool> ScanAsync(string path); }

        class Uploads
        {
            private readonly IScanService scanner;
            Uploads(IScanService scanner) => this.scanner = scanner;

            async Task<List<bool>> ScanAllAsync(string folder)
            {
                var verdicts = new List<bool>();
                foreach (var path in Directory.GetFiles(folder))
                {
                    var verdict = {|ASYNC302:await scanner.ScanAsync(path)|};
                    verdicts.Add(verdict);
                }

                return verdicts;
            }
        }
        """);
}
