using AsyncLint.CodeFixes.FanOut;
using AsyncLint.Tests.Verifiers;
using VerifyFix = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer, AsyncLint.CodeFixes.FanOut.ASYNC301SequentialAwaitsCodeFix>;

namespace AsyncLint.Tests.ASYNC301;

public sealed class ASYNC301CodeFixTests
{
    private const string Services = ASYNC301PositiveTests.Services;
    private const string Key = ASYNC301SequentialAwaitsCodeFix.TaskListKey;

    [Fact]
    public Task Declarations_become_a_task_list() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, int id)
            {
                var user = {|ASYNC301:await users.GetUserAsync(id)|};
                var list = await orders.GetOrdersAsync(id);
                return user + list.Length;
            }
        }
        """ + Services, """
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, int id)
            {
                var userTask = users.GetUserAsync(id);
                var listTask = orders.GetOrdersAsync(id);
                await Task.WhenAll(userTask, listTask);
                var user = await userTask;
                var list = await listTask;
                return user + list.Length;
            }
        }
        """ + Services, Key);

    [Fact]
    public Task Discards_assignments_ValueTask_and_ConfigureAwait() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            static Task WarmUpAsync(string region) => Task.CompletedTask;

            async Task<decimal> LoadAsync(IUsers users, IPrices prices, Model model, int id, string sku)
            {
                {|ASYNC301:await WarmUpAsync(sku).ConfigureAwait(false)|};
                model.User = await users.GetUserAsync(id).ConfigureAwait(false);
                var key = sku + id;
                var price = await prices.GetPriceAsync(sku).ConfigureAwait(false);
                return price + key.Length;
            }
        }
        """ + Services, """
        using System.Threading.Tasks;

        class C
        {
            static Task WarmUpAsync(string region) => Task.CompletedTask;

            async Task<decimal> LoadAsync(IUsers users, IPrices prices, Model model, int id, string sku)
            {
                var warmUpTask = WarmUpAsync(sku);
                var userTask = users.GetUserAsync(id);
                var priceTask = prices.GetPriceAsync(sku).AsTask();
                await Task.WhenAll(warmUpTask, userTask, priceTask).ConfigureAwait(false);
                await warmUpTask.ConfigureAwait(false);
                model.User = await userTask.ConfigureAwait(false);
                var key = sku + id;
                var price = await priceTask.ConfigureAwait(false);
                return price + key.Length;
            }
        }
        """ + Services, Key);

    [Fact]
    public Task Top_level_statements() => new AsyncLintCodeFixTest<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer, ASYNC301SequentialAwaitsCodeFix>
    {
        TestState =
        {
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            Sources =
            {
                """
                using System.IO;

                var settings = {|ASYNC301:await File.ReadAllTextAsync("settings.json")|};
                var secrets = await File.ReadAllTextAsync("secrets.json");
                System.Console.WriteLine(settings + secrets);
                """,
            },
        },
        FixedState =
        {
            OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            Sources =
            {
                """
                using System.IO;
                using System.Threading.Tasks;

                var settingsTask = File.ReadAllTextAsync("settings.json");
                var secretsTask = File.ReadAllTextAsync("secrets.json");
                await Task.WhenAll(settingsTask, secretsTask);
                var settings = await settingsTask;
                var secrets = await secretsTask;
                System.Console.WriteLine(settings + secrets);
                """,
            },
        },
        CodeActionEquivalenceKey = Key,
    }.RunAsync();

    [Fact]
    public Task FixAll_keeps_names_unique_across_groups() => VerifyFix.CodeFixAsync("""
        using System.Threading.Tasks;

        class C
        {
            static Task<int> CountAsync(string table) => Task.FromResult(1);
            static Task<int> SumAsync(string table) => Task.FromResult(2);

            async Task<int> LoadAsync(Catalog catalog)
            {
                {|ASYNC301:await CountAsync("a")|};
                await SumAsync("a");
                var name = await catalog.FindAsync("x");
                {|ASYNC301:await CountAsync(name)|};
                await SumAsync(name);
                return 0;
            }

            async Task<int> OtherAsync(IUsers users, IOrders orders)
            {
                var user = {|ASYNC301:await users.GetUserAsync(1)|};
                var list = await orders.GetOrdersAsync(1);
                return user.Length + list.Length;
            }
        }
        """ + Services, """
        using System.Threading.Tasks;

        class C
        {
            static Task<int> CountAsync(string table) => Task.FromResult(1);
            static Task<int> SumAsync(string table) => Task.FromResult(2);

            async Task<int> LoadAsync(Catalog catalog)
            {
                var countTask = CountAsync("a");
                var sumTask = SumAsync("a");
                var nameTask = catalog.FindAsync("x");
                await Task.WhenAll(countTask, sumTask, nameTask);
                await countTask;
                await sumTask;
                var name = await nameTask;
                var countTask2 = CountAsync(name);
                var sumTask2 = SumAsync(name);
                await Task.WhenAll(countTask2, sumTask2);
                await countTask2;
                await sumTask2;
                return 0;
            }

            async Task<int> OtherAsync(IUsers users, IOrders orders)
            {
                var userTask = users.GetUserAsync(1);
                var listTask = orders.GetOrdersAsync(1);
                await Task.WhenAll(userTask, listTask);
                var user = await userTask;
                var list = await listTask;
                return user.Length + list.Length;
            }
        }
        """ + Services, Key);
}
