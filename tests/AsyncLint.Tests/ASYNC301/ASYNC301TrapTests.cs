using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>Code that looks like independent awaits and is not: one test per failed condition, and the "On real code" classes.</summary>
public sealed class ASYNC301TrapTests
{
    private const string Services = ASYNC301PositiveTests.Services;

    [Fact]
    public Task Condition1_argument_reads_the_result_of_an_earlier_await() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, Catalog catalog, int id)
            {
                var user = await users.GetUserAsync(id);
                var name = await catalog.FindAsync(user);
                return name;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition1_receiver_is_the_result_of_an_earlier_await() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IFactory { Task<IUsers> ConnectUsersAsync(); }

        class C
        {
            async Task<string> LoadAsync(IFactory factory, IOrders orders, int id)
            {
                var users = await factory.ConnectUsersAsync();
                var user = await users.GetUserAsync(id);
                return user;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition1_through_a_member_assigned_from_the_result() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, Catalog catalog, Model model, int id)
            {
                model.User = await users.GetUserAsync(id);
                var name = await catalog.FindAsync(model.User);
                return name;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition2_a_statement_between_writes_what_the_later_operation_reads() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, int id)
            {
                var user = await users.GetUserAsync(id);
                var next = user.Length;
                var list = await orders.GetOrdersAsync(next);
                return user + list.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition2_a_call_between_mutates_an_object_the_later_operation_receives() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        interface IReport { Task<string> RenderAsync(IReadOnlyList<string> lines); }

        class C
        {
            async Task<string> LoadAsync(IUsers users, IReport report, List<string> lines, int id)
            {
                lines.Add(await users.GetUserAsync(id));
                return await report.RenderAsync(lines);
            }
        }
        """ + Services);

    [Fact]
    public Task Condition3_steps_on_one_DbDataReader() => Verify.AnalyzerAsync("""
        using System.Data.Common;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(DbDataReader reader)
            {
                var id = await reader.GetFieldValueAsync<int>(0);
                var name = await reader.GetFieldValueAsync<string>(1);
                return name + id;
            }
        }
        """);

    [Fact]
    public Task Condition3_reads_on_one_stream() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadHeaderAsync(Stream stream, byte[] length, byte[] kind)
            {
                var a = await stream.ReadAsync(length, 0, 4);
                var b = await stream.ReadAsync(kind, 0, 1);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task Condition3_one_buffer_handed_to_two_reads() => Verify.AnalyzerAsync("""
        using System;
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadAsync(Stream left, Stream right, Memory<byte> buffer)
            {
                var a = await left.ReadAsync(buffer);
                var b = await right.ReadAsync(buffer);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task Condition3_shared_concrete_stateful_receiver() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        sealed class FrameParser
        {
            public Task<int> ParseHeaderAsync() => Task.FromResult(1);
            public Task<int> ParseBodyAsync() => Task.FromResult(2);
        }

        class C
        {
            async Task<int> LoadAsync(FrameParser parser)
            {
                var header = await parser.ParseHeaderAsync();
                var body = await parser.ParseBodyAsync();
                return header + body;
            }
        }
        """);

    [Fact]
    public Task Condition3_instance_methods_on_this_share_its_state() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            private int loaded;
            Task<int> LoadUsersAsync() { loaded++; return Task.FromResult(loaded); }
            Task<int> LoadOrdersAsync() { loaded++; return Task.FromResult(loaded); }

            async Task<int> LoadAsync()
            {
                var users = await LoadUsersAsync();
                var orders = await LoadOrdersAsync();
                return users + orders;
            }
        }
        """);

    [Fact]
    public Task Condition3_EF_Core_DbContext_by_name() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext { }
        }

        class ShopContext : Microsoft.EntityFrameworkCore.DbContext
        {
            public Task<int> CountUsersAsync() => Task.FromResult(1);
            public Task<int> CountOrdersAsync() => Task.FromResult(2);
        }

        interface IShop { Task<int> CountUsersAsync(); Task<int> CountOrdersAsync(); }

        class C
        {
            async Task<int> LoadAsync(ShopContext db)
            {
                var users = await db.CountUsersAsync();
                var orders = await db.CountOrdersAsync();
                return users + orders;
            }
        }
        """);

    [Fact]
    public Task Condition3_configured_non_concurrent_interface() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;

                namespace Acme { public interface IRedisBatch { Task<string> GetNameAsync(); Task<int> GetAgeAsync(); } }

                class C
                {
                    async Task<string> LoadAsync(Acme.IRedisBatch batch)
                    {
                        var name = await batch.GetNameAsync();
                        var age = await batch.GetAgeAsync();
                        return name + age;
                    }
                }
                """,
            },
            AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nasynclint.non_concurrent_types = Acme.IRedisBatch\n") },
        },
    }.RunAsync();

    [Fact]
    public Task Condition3_operations_on_one_file_path() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(string path)
            {
                var header = await File.ReadAllTextAsync(path);
                var lines = await File.ReadAllLinesAsync(path);
                return header + lines.Length;
            }
        }
        """);

    [Fact]
    public Task Condition4_a_Task_Delay_in_the_group() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, int id)
            {
                var user = await users.GetUserAsync(id);
                await Task.Delay(100);
                var list = await orders.GetOrdersAsync(id);
                return user + list.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition4_a_SemaphoreSlim_WaitAsync_in_the_group() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private readonly SemaphoreSlim gate = new SemaphoreSlim(1);

            async Task<string> LoadAsync(IUsers users, IOrders orders, int id)
            {
                await gate.WaitAsync();
                var user = await users.GetUserAsync(id);
                var list = await orders.GetOrdersAsync(id);
                gate.Release();
                return user + list.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Condition4_a_Task_Yield_in_the_group() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, int id)
            {
                var user = await users.GetUserAsync(id);
                await Task.Yield();
                var list = await orders.GetOrdersAsync(id);
                return user + list.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Ordered_SaveChanges_then_publish() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IUnitOfWork { Task<int> SaveChangesAsync(); }
        interface IBus { Task PublishAsync(string message); }

        class C
        {
            async Task PlaceAsync(IUnitOfWork db, IBus bus, string id)
            {
                await db.SaveChangesAsync();
                await bus.PublishAsync(id);
            }
        }
        """);

    [Fact]
    public Task Ordered_writes_on_two_services() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IOrdersStore { Task DeleteOrderAsync(int id); }
        interface ICache { Task RemoveAsync(string key); }

        class C
        {
            async Task DeleteAsync(IOrdersStore store, ICache cache, int id, string key)
            {
                await store.DeleteOrderAsync(id);
                await cache.RemoveAsync(key);
            }
        }
        """);

    [Fact]
    public Task Event_and_delegate_invocations_keep_their_order() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            public Func<string, Task>? Connected;
            public Func<string, Task>? Ready;

            async Task RaiseAsync(string id)
            {
                await Connected!(id);
                await Ready!.Invoke(id);
            }

            async Task NotifyAsync(IHandlers handlers, string id)
            {
                await handlers.OnConnectedAsync(id);
                await handlers.OnReadyAsync(id);
            }
        }

        interface IHandlers { Task OnConnectedAsync(string id); Task OnReadyAsync(string id); }
        """);

    [Fact]
    public Task Logging_calls_keep_their_order() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IAuditLogger { Task AuditAsync(string message); Task TraceAsync(string message); }

        class C
        {
            async Task RunAsync(IAuditLogger log, string a, string b)
            {
                await log.AuditAsync(a);
                await log.TraceAsync(b);
            }
        }
        """);

    [Fact]
    public Task Await_whose_result_decides_control_flow() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IGate { Task<bool> IsOpenAsync(int id); }

        class C
        {
            async Task<string?> LoadAsync(IGate gate, IUsers users, int id)
            {
                if (!await gate.IsOpenAsync(id)) return null;
                var user = await users.GetUserAsync(id);
                return user;
            }
        }
        """ + Services);

    [Fact]
    public Task Awaiting_tasks_already_started() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, int id)
            {
                var userTask = users.GetUserAsync(id);
                var ordersTask = orders.GetOrdersAsync(id);
                var user = await userTask;
                var list = await ordersTask;
                return user + list.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Arguments_with_side_effects_are_not_candidates() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            private int next;

            async Task<string> LoadAsync(IUsers users, IOrders orders)
            {
                var user = await users.GetUserAsync(next++);
                var list = await orders.GetOrdersAsync(NextId());
                return user + list.Length;
            }

            int NextId() => next++;
        }
        """ + Services);

    [Fact]
    public Task The_same_call_twice_is_a_retry() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, int id)
            {
                var first = await users.GetUserAsync(id);
                var second = await users.GetUserAsync(id);
                return first + second;
            }
        }
        """ + Services);

    [Fact]
    public Task Awaits_in_different_blocks_are_not_consecutive() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<string> LoadAsync(IUsers users, IOrders orders, int id, bool withOrders)
            {
                var user = await users.GetUserAsync(id);
                if (withOrders)
                {
                    var list = await orders.GetOrdersAsync(id);
                    return user + list.Length;
                }

                return user;
            }
        }
        """ + Services);

    [Fact]
    public Task Capturing_local_functions_share_the_method_state() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task<int> LoadAsync()
            {
                var count = 0;
                async Task<int> FirstAsync() { await Task.CompletedTask; return ++count; }
                async Task<int> SecondAsync() { await Task.CompletedTask; return ++count; }
                var a = await FirstAsync();
                var b = await SecondAsync();
                return a + b;
            }
        }
        """);

    [Theory]
    [InlineData("return id + offset;")]                          // a parameter of the enclosing method
    [InlineData("return id + Scale();")]                         // an instance method through the implicit this
    [InlineData("return id + this.factor;")]                     // a field through this
    [InlineData("System.Func<int> f = () => offset; return f();")] // a lambda inside the local function that captures
    public Task Local_functions_capturing_the_enclosing_state_are_not_independent(string body) => Verify.AnalyzerAsync($$"""
        using System.Threading.Tasks;

        class C
        {
            private int factor = 2;
            private int Scale() => factor;

            async Task<int> LoadAsync(int offset)
            {
                async Task<int> FetchAsync(int id) { await Task.Yield(); {{body}} }
                var a = await FetchAsync(1);
                var b = await FetchAsync(2);
                return a + b;
            }
        }
        """);

    [Fact]
    public Task Condition3_commands_on_one_interface_receiver_are_steps() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IPage { Task GotoAsync(string url); Task ClickAsync(string selector); }

        class C
        {
            async Task SubmitAsync(IPage page, string url)
            {
                await page.GotoAsync(url);
                await page.ClickAsync("#submit");
            }
        }
        """);

    [Fact]
    public Task User_interface_steps_keep_their_order() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface INavigation { Task NavigateToAsync(string route); }
        interface IDialogs { Task ShowAlertAsync(string message, string title, string button); }

        class CheckoutViewModel
        {
            private readonly INavigation navigation;
            private readonly IDialogs dialogs;
            CheckoutViewModel(INavigation navigation, IDialogs dialogs) { this.navigation = navigation; this.dialogs = dialogs; }

            async Task CheckoutAsync()
            {
                await navigation.NavigateToAsync("//Main/Catalog");
                await dialogs.ShowAlertAsync("Order sent successfully!", "Checkout", "Ok");
            }
        }
        """);

    [Fact]
    public Task Mutations_named_by_a_later_word_keep_their_order() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface IDatabase { Task<bool> KeyDeleteAsync(string key); Task<bool> StringSetAsync(string key, string value); }
        interface ICache { Task<string> GetOrCreateAsync(string key); }

        class C
        {
            async Task RunAsync(IDatabase db, ICache cache, string key, string value)
            {
                var deleted = await db.KeyDeleteAsync(key);
                var cached = await cache.GetOrCreateAsync(value);
                var set = await db.StringSetAsync(key, value);
            }
        }
        """);

    [Fact]
    public Task Cursor_steps_keep_their_order() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        interface ILog
        {
            Task<bool> SeekAsync(string key, long position);
            Task<string> NextEntryAsync(string key);
            Task<string> TailAsync(string key);
        }

        interface IFeed { Task<string> NextPageAsync(string token); }

        class C
        {
            async Task<string> RunAsync(ILog log, IFeed feed, string key, string token)
            {
                var found = await log.SeekAsync(key, 10);
                var entry = await log.NextEntryAsync(key);
                var tail = await log.TailAsync(key);
                var page = await feed.NextPageAsync(token);
                return found + entry + tail + page;
            }
        }
        """);

    [Fact]
    public Task Dual_sync_async_code_path() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        class C
        {
            async Task<int> ReadAsync(Stream a, Stream b, byte[] x, byte[] y, bool async)
            {
                var n = async ? await a.ReadAsync(x, 0, 4) : a.Read(x, 0, 4);
                if (async) await b.ReadExactlyAsync(y); else b.ReadExactly(y);
                return n;
            }
        }
        """);

    [Fact]
    public Task Parameterless_getters_of_one_object_read_its_parts() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public interface IPaginationRequest
        {
            Task<string> GetMessageAsync();
            Task<string> GetUserAsync(CancellationToken ct = default);
        }

        class Paginator
        {
            async Task<string> HandleAsync(IPaginationRequest request, CancellationToken ct)
            {
                var message = await request.GetMessageAsync();
                var user = await request.GetUserAsync(ct);
                return message + user;
            }

            // Queries that take what they look up are still independent work on a service.
            async Task<string> LoadAsync(IUsers users, int first, int second)
            {
                var a = {|ASYNC301:await users.GetUserAsync(first)|};
                var b = await users.GetUserAsync(second);
                return a + b;
            }
        }
        """ + Services);

    [Fact]
    public Task Awaiting_tasks_that_are_already_running_starts_nothing() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        static class TaskTimeouts
        {
            public static async Task<T> WithTimeout<T>(this Task<T> task, int milliseconds = 1000)
            {
                await Task.WhenAny(task, Task.Delay(milliseconds));
                return await task;
            }
        }

        class NavigationTests
        {
            async Task<bool> WaitBothAsync(IUsers users, Task<string> frame, Task<string> request)
            {
                var f = await frame.WithTimeout();
                var r = await request.WithTimeout(5000);
                return f == r;
            }
        }
        """ + Services);

    [Fact]
    public Task A_project_delay_helper_paces_the_group() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class SessionTests
        {
            static Task LongTestDelay() => Task.Delay(TimeSpan.FromSeconds(1));

            async Task<string> KeepSessionAsync(IUsers users, IOrders orders, int id)
            {
                await LongTestDelay();
                var user = await users.GetUserAsync(id);
                var list = await orders.GetOrdersAsync(id);
                return user + list.Length;
            }
        }
        """ + Services);

    [Fact]
    public Task Browser_and_input_steps_keep_their_order() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface IElement { Task HoverAsync(); }
        public interface IMouse { Task DownAsync(); Task UpAsync(); }
        public interface IPage
        {
            IMouse Mouse { get; }
            Task<string> GoToAsync(string url);
            Task<IElement> QuerySelectorAsync(string selector);
        }

        class DragTests
        {
            async Task<IElement> OpenAsync(IPage page, string url)
            {
                await page.GoToAsync(url);
                return await page.QuerySelectorAsync("button");
            }

            async Task DragAsync(IPage page, IElement handle, IElement target)
            {
                await handle.HoverAsync();
                await page.Mouse.DownAsync();
                await target.HoverAsync();
                await page.Mouse.UpAsync();
            }
        }
        """);

    [Fact]
    public Task Services_of_a_project_that_uses_EF_Core_share_its_DbContext() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore
        {
            public class DbContext { }
        }

        namespace Shop
        {
            public interface ICheckoutService { Task<int> GetCheckoutDetailsAsync(long cartId); }
            public interface ITaxService { Task<decimal> GetTaxPercentAsync(long classId); }
            public interface IPostService { Task<string[]> GetAllCategoriesAsync(long blogId); Task<string[]> GetAllTagsAsync(long blogId); }
            public interface IApi { IPostService Posts { get; } }

            class OrderSummary
            {
                private readonly ICheckoutService checkout;
                private readonly ITaxService tax;
                private readonly IApi api;

                OrderSummary(ICheckoutService checkout, ITaxService tax, IApi api) { this.checkout = checkout; this.tax = tax; this.api = api; }

                async Task<decimal> LoadAsync(long cartId, long classId)
                {
                    var details = await checkout.GetCheckoutDetailsAsync(cartId);
                    var percent = await tax.GetTaxPercentAsync(classId);
                    return details * percent;
                }

                async Task<int> LoadPostAsync(long blogId)
                {
                    var categories = await api.Posts.GetAllCategoriesAsync(blogId);
                    var tags = await api.Posts.GetAllTagsAsync(blogId);
                    return categories.Length + tags.Length;
                }
            }
        }
        """);

    [Fact]
    public Task Services_of_a_project_without_EF_Core_are_service_boundaries() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface ICheckoutService { Task<int> GetCheckoutDetailsAsync(long cartId); }
        public interface ITaxService { Task<decimal> GetTaxPercentAsync(long classId); }

        class OrderSummary
        {
            async Task<decimal> LoadAsync(ICheckoutService checkout, ITaxService tax, long cartId, long classId)
            {
                var details = {|ASYNC301:await checkout.GetCheckoutDetailsAsync(cartId)|};
                var percent = await tax.GetTaxPercentAsync(classId);
                return details * percent;
            }
        }
        """);

    [Fact]
    public Task Services_handed_out_by_one_facade_share_its_scope() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        namespace Cms
        {
            public interface ISiteService { Task<string[]> GetSitemapAsync(Guid siteId); }
            public interface IPageService { Task<string[]> GetDraftsAsync(Guid siteId); }
            public interface IContentApi : IDisposable { ISiteService Sites { get; } IPageService Pages { get; } }

            class PageListModel
            {
                private readonly IContentApi api;

                PageListModel(IContentApi api) => this.api = api;

                async Task<int> LoadAsync(Guid siteId)
                {
                    var sitemap = await api.Sites.GetSitemapAsync(siteId);
                    var drafts = await api.Pages.GetDraftsAsync(siteId);
                    return sitemap.Length + drafts.Length;
                }
            }
        }
        """);

    [Fact]
    public Task Services_beside_a_repository_share_its_scope() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        namespace Cms
        {
            public interface IArchiveRepository { Task<Guid[]> GetPostsAsync(Guid archiveId); }
            public interface IPostService { Task<string> GetCategoryAsync(Guid id); }
            public interface IParamService { Task<int> GetPageSizeAsync(); }

            class ArchiveService
            {
                private readonly IArchiveRepository repo;
                private readonly IPostService posts;
                private readonly IParamService parameters;

                ArchiveService(IArchiveRepository repo, IPostService posts, IParamService parameters)
                {
                    this.repo = repo;
                    this.posts = posts;
                    this.parameters = parameters;
                }

                async Task<string> LoadAsync(Guid categoryId)
                {
                    var size = await parameters.GetPageSizeAsync();
                    var category = await posts.GetCategoryAsync(categoryId);
                    return category + size;
                }
            }
        }
        """);

    [Fact]
    public Task Identity_managers_of_a_project_that_uses_EF_Core_share_its_user_store() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Identity;

                namespace Microsoft.EntityFrameworkCore
                {
                    public class DbContext { }
                }

                public class User { }

                class ManageController
                {
                    private readonly UserManager<User> userManager;
                    private readonly SignInManager<User> signInManager;

                    ManageController(UserManager<User> userManager, SignInManager<User> signInManager) { this.userManager = userManager; this.signInManager = signInManager; }

                    async Task<int> LoginsAsync(User user)
                    {
                        var logins = await userManager.GetLoginsAsync(user);
                        var schemes = await signInManager.GetExternalAuthenticationSchemesAsync();
                        return logins.Count + schemes.Count;
                    }
                }
                """,
            },
            AdditionalReferences =
            {
                Verifiers.MetadataLibrary.Compile("Identity", """
                    namespace Microsoft.AspNetCore.Identity
                    {
                        using System.Collections.Generic;
                        using System.Threading.Tasks;

                        public class UserManager<TUser> { public virtual Task<IList<string>> GetLoginsAsync(TUser user) => Task.FromResult<IList<string>>(new List<string>()); }
                        public class SignInManager<TUser> { public virtual Task<IList<string>> GetExternalAuthenticationSchemesAsync() => Task.FromResult<IList<string>>(new List<string>()); }
                    }
                    """),
            },
        },
    }.RunAsync();

    [Fact]
    public Task A_notification_published_through_a_mediator_is_a_step() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        namespace Shop
        {
            public interface IMediator { Task Publish(object notification); }
            public class Bid { public int ProductId { get; set; } }
            public interface ICatalogService { Task<string> GetProductAsync(int id); }

            public static class MediatorExtensions
            {
                public static Task EntityDeleted<T>(this IMediator mediator, T entity) => mediator.Publish(entity!);
            }

            class AuctionService
            {
                async Task<string> CancelAsync(IMediator mediator, ICatalogService catalog, Bid bid)
                {
                    await mediator.EntityDeleted(bid);
                    var product = await catalog.GetProductAsync(bid.ProductId);
                    return product;
                }
            }
        }
        """);

    private const string Xunit = """

        namespace Xunit
        {
            public sealed class FactAttribute : System.Attribute { }
        }
        """;

    [Fact]
    public Task A_test_project_runs_its_steps_in_order() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        class OrderTests
        {
            [Xunit.Fact]
            public async Task Loads_the_user_and_the_orders()
            {
                var user = await Fixture.Users.GetUserAsync(1);
                var orders = await Fixture.Orders.GetOrdersAsync(1);
                System.Console.WriteLine(user + orders.Length);
            }
        }

        static class Fixture
        {
            public static IUsers Users = null!;
            public static IOrders Orders = null!;
        }
        """ + Services + Xunit);

    [Fact]
    public Task A_test_project_is_reported_when_asked_for() => new Verifiers.AsyncLintAnalyzerTest<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>
    {
        TestState =
        {
            Sources =
            {
                """
                using System.Threading.Tasks;

                class OrderTests
                {
                    [Xunit.Fact]
                    public async Task Loads_the_user_and_the_orders()
                    {
                        var user = {|ASYNC301:await Fixture.Users.GetUserAsync(1)|};
                        var orders = await Fixture.Orders.GetOrdersAsync(1);
                        System.Console.WriteLine(user + orders.Length);
                    }
                }

                static class Fixture
                {
                    public static IUsers Users = null!;
                    public static IOrders Orders = null!;
                }
                """ + Services + Xunit,
            },
            AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n[*.cs]\nasynclint.fan_out_in_tests = true\n") },
        },
    }.RunAsync();

    [Fact]
    public Task Accessors_of_one_entity_through_its_store_are_its_properties() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public interface IApplicationStore<TApplication> where TApplication : class
        {
            ValueTask<string?> GetClientIdAsync(TApplication application, CancellationToken ct);
            ValueTask<string?> GetDisplayNameAsync(TApplication application, CancellationToken ct);
        }

        public sealed class Descriptor { public string? ClientId; public string? DisplayName; }

        public class ApplicationManager<TApplication> where TApplication : class
        {
            protected IApplicationStore<TApplication> Store { get; } = null!;

            public async ValueTask PopulateAsync(Descriptor descriptor, TApplication application, CancellationToken ct)
            {
                descriptor.ClientId = await Store.GetClientIdAsync(application, ct);
                descriptor.DisplayName = await Store.GetDisplayNameAsync(application, ct);
            }
        }
        """);

    [Fact]
    public Task Two_requests_about_one_object_or_one_id_are_still_reported() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Repo { public string Name = ""; }

        public interface IGitClient
        {
            Task<string[]> GetBranchesAsync(Repo repo, CancellationToken ct);
            Task<string[]> GetTagsAsync(Repo repo, CancellationToken ct);
        }

        public interface IProfileStore
        {
            Task<string> GetNameAsync(string userId, CancellationToken ct);
            Task<string> GetAvatarAsync(string userId, CancellationToken ct);
        }

        public sealed class Dashboard
        {
            public async Task<int> LoadAsync(IGitClient git, IProfileStore profiles, Repo repo, string userId, CancellationToken ct)
            {
                var branches = {|ASYNC301:await git.GetBranchesAsync(repo, ct)|};
                var tags = await git.GetTagsAsync(repo, ct);
                var name = await profiles.GetNameAsync(userId, ct);
                var avatar = await profiles.GetAvatarAsync(userId, ct);
                return branches.Length + tags.Length + name.Length + avatar.Length;
            }
        }
        """); // one group of four: neither pair is a set of entity accessors

    [Fact]
    public Task Services_that_reach_one_DbContext_through_a_provider_or_a_base_class() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        public class AppDbContext { public Task<string> FindAsync(int id) => Task.FromResult(""); }

        public class OptionProvider
        {
            private readonly AppDbContext db;
            public OptionProvider(AppDbContext db) => this.db = db;
            public Task<string> GetAsync(string key) => db.FindAsync(key.Length);
        }

        public class BlogManager
        {
            private readonly OptionProvider options;
            public BlogManager(OptionProvider options) => this.options = options;
            public Task<string> GetAsync() => options.GetAsync("blog");
        }

        public abstract class AppProvider<T>
        {
            protected readonly AppDbContext Db;
            protected AppProvider(AppDbContext db) => Db = db;
        }

        public class PostProvider : AppProvider<string>
        {
            public PostProvider(AppDbContext db) : base(db) { }
            public Task<string> GetAsync(int id) => Db.FindAsync(id);
        }

        public class FeedController
        {
            private readonly BlogManager blogManager;
            private readonly PostProvider postProvider;

            public FeedController(BlogManager blogManager, PostProvider postProvider)
            {
                this.blogManager = blogManager;
                this.postProvider = postProvider;
            }

            public async Task<string> RssAsync(int id)
            {
                var blog = await blogManager.GetAsync();
                var post = await postProvider.GetAsync(id);
                return blog + post;
            }
        }
        """);

    [Fact]
    public Task Helpers_that_each_keep_their_own_stream_share_nothing() => Verify.AnalyzerAsync("""
        using System.IO;
        using System.Threading.Tasks;

        public class Framer
        {
            private readonly Stream stream = new MemoryStream();
            public Task<int> NextAsync() => Task.FromResult((int)stream.Length);
        }

        public class FeedClient
        {
            private readonly Framer framer = new();
            public Task<int> GetCountAsync() => framer.NextAsync();
        }

        public class ArchiveClient
        {
            private readonly Framer framer = new();
            public Task<int> GetSizeAsync() => framer.NextAsync();
        }

        public class Dashboard
        {
            private readonly FeedClient feeds = new();
            private readonly ArchiveClient archive = new();

            public async Task<int> LoadAsync()
            {
                var count = {|ASYNC301:await feeds.GetCountAsync()|};
                var size = await archive.GetSizeAsync();
                return count + size;
            }
        }
        """);

    [Fact]
    public Task A_context_the_object_keeps_handed_to_a_check_before_its_own_method() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public class ClientContext { public Task<int> LoadAsync(CancellationToken ct) => Task.FromResult(0); }

        public sealed class SharePointBackend
        {
            private ClientContext? spContext;

            private Task<ClientContext> GetContextAsync(CancellationToken ct) => Task.FromResult(spContext ??= new ClientContext());

            private static Task<int> CheckWebAsync(ClientContext ctx, CancellationToken ct) => ctx.LoadAsync(ct);

            private Task<int> CheckFolderAsync(CancellationToken ct) => spContext!.LoadAsync(ct);

            public async Task TestAsync(CancellationToken ct)
            {
                var ctx = await GetContextAsync(ct);
                await CheckWebAsync(ctx, ct);
                await this.CheckFolderAsync(ct);
            }

            public async Task TestAgainAsync(CancellationToken ct)
            {
                var ctx = await GetContextAsync(ct);
                await CheckWebAsync(ctx, ct);
                await this.ListAsync(ct);
            }

            public Task<int> ListFolderAsync(CancellationToken ct) => spContext!.LoadAsync(ct);
        }

        public static class BackendExtensions
        {
            public static Task<int> ListAsync(this SharePointBackend backend, CancellationToken ct) => backend.ListFolderAsync(ct);
        }
        """);

    [Fact]
    public Task A_context_the_object_does_not_keep_is_no_reason_to_wait() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public class ClientContext { public Task<int> LoadAsync(CancellationToken ct) => Task.FromResult(0); }

        public static class Checks
        {
            public static Task<int> CheckWebAsync(ClientContext ctx, CancellationToken ct) => ctx.LoadAsync(ct);
        }

        public sealed class Backend
        {
            private readonly System.Net.Http.HttpClient http = new();

            private Task<string> CheckFolderAsync(CancellationToken ct) => http.GetStringAsync("https://example.com/folder", ct);

            public async Task TestAsync(ClientContext ctx, CancellationToken ct)
            {
                {|ASYNC301:await Checks.CheckWebAsync(ctx, ct)|};
                await this.CheckFolderAsync(ct);
            }
        }
        """);

    [Fact]
    public Task Parameterless_getters_of_one_provider_read_what_it_holds() => Verify.AnalyzerAsync("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;

        public interface ILocationDataProvider
        {
            Task<Guid> GetInstanceIdAsync(CancellationToken ct);
            Task<string> GetInstanceTypeAsync(CancellationToken ct);
        }

        public sealed class LocationService
        {
            private readonly ILocationDataProvider localData = null!;

            public async Task<string> DescribeAsync(CancellationToken ct)
            {
                var id = await localData.GetInstanceIdAsync(ct);
                var type = await localData.GetInstanceTypeAsync(ct);
                return type + id;
            }
        }
        """);

    [Fact]
    public Task Steps_whose_comment_states_their_order() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        static class StateStore
        {
            public static Task<List<int>> GetOrphansAsync(CancellationToken ct) => Task.FromResult(new List<int>());
            public static Task<int?> LoadByPidAsync(int pid, CancellationToken ct) => Task.FromResult<int?>(pid);
            public static Task<List<int>> LoadAllAsync(CancellationToken ct) => Task.FromResult(new List<int>());
        }

        class StopCommand
        {
            async Task<int> StopByPidAsync(int pid, CancellationToken ct)
            {
                // Capture the orphaned record before LoadByPidAsync prunes the stale state file.
                var orphans = await StateStore.GetOrphansAsync(ct);
                var state = await StateStore.LoadByPidAsync(pid, ct);
                return orphans.Count + (state ?? 0);
            }

            async Task<int> StopAllAsync(CancellationToken ct)
            {
                var orphans = await StateStore.GetOrphansAsync(ct);

                /* LoadAllAsync deletes what GetOrphansAsync reads: it must come second. */
                var states = await StateStore.LoadAllAsync(ct);
                return orphans.Count + states.Count;
            }
        }
        """);

    [Fact]
    public Task A_validation_gate_before_the_reads_it_protects() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface IFeed
        {
            Task ValidateFeedForClient(string source);
            Task<string> GetSettingsAsync(string source);
        }

        class DeleteCommand
        {
            private readonly IFeed feed;
            private readonly IUsers users;
            DeleteCommand(IFeed feed, IUsers users) { this.feed = feed; this.users = users; }

            async Task<string> RunAsync(string source, int id)
            {
                // Validate source
                await feed.ValidateFeedForClient(source);
                var settings = await feed.GetSettingsAsync(source);
                return settings;
            }

            // Still reported: two reads after the gate are independent of each other.
            async Task<string> ShowAsync(string source, int id)
            {
                await feed.ValidateFeedForClient(source);
                var settings = {|ASYNC301:await feed.GetSettingsAsync(source)|};
                var user = await users.GetUserAsync(id);
                return settings + user;
            }
        }
        """ + Services);

    [Fact]
    public Task Helpers_that_only_await_a_task_already_running() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        public sealed class Output<T>
        {
            internal Task<T> DataTask { get; }
            public Output(Task<T> dataTask) => DataTask = dataTask;
            internal async Task<T> GetValueAsync() => await DataTask.ConfigureAwait(false);
        }

        public static class Uses
        {
            static async Task<T> GetData<T>(object input)
            {
                var output = (Output<T>)input;
                return await output.DataTask.ConfigureAwait(false);
            }

            public static async Task<(string, int)> Pair(Output<string> a, Output<int> b)
            {
                var x = await GetData<string>(a).ConfigureAwait(false);
                var y = await GetData<int>(b).ConfigureAwait(false);
                return (x, y);
            }

            public static async Task<string> Urns(Output<string> urn, Output<string> props)
            {
                var u = await urn.GetValueAsync().ConfigureAwait(false);
                var p = await props.GetValueAsync().ConfigureAwait(false);
                return u + p;
            }
        }
        """);

    [Fact]
    public Task Helpers_that_start_the_work_they_await_are_still_reported() => Verify.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface IClient { Task<string> GetAsync(string url); }

        public static class Uses
        {
            // The call in the body starts a request; awaiting the local it is kept in waits for that request.
            static async Task<string> Fetch(IClient client, string url)
            {
                var pending = client.GetAsync(url);
                return await pending;
            }

            public static async Task<string> Two(IClient client)
            {
                var a = {|ASYNC301:await Fetch(client, "https://example.org/a")|};
                var b = await Fetch(client, "https://example.org/b");
                return a + b;
            }
        }
        """);

    [Fact]
    public Task Completing_pipeline_stages_keeps_their_order() => Verify.AnalyzerAsync("""
        using System;
        using System.Net.Http;
        using System.Threading.Channels;
        using System.Threading.Tasks;

        public sealed class Stage<T>
        {
            private readonly Channel<T> queue = Channel.CreateUnbounded<T>();
            private readonly Task worker;

            public Stage(Func<T, Task> work) => worker = Task.Run(async () =>
            {
                await foreach (var item in queue.Reader.ReadAllAsync())
                {
                    await work(item);
                }
            });

            public void Enqueue(T item) => queue.Writer.TryWrite(item);

            // Seals the stage, then waits for it to drain.
            public Task WhenComplete()
            {
                queue.Writer.Complete();
                return worker;
            }
        }

        public sealed class Pull
        {
            public async Task RunAsync(string[] urls, HttpClient http)
            {
                var store = new Stage<string>(page => { Console.WriteLine(page.Length); return Task.CompletedTask; });
                var fetch = new Stage<string>(async url => store.Enqueue(await http.GetStringAsync(url)));
                foreach (var url in urls)
                {
                    fetch.Enqueue(url);
                }

                // fetch feeds store: store may be sealed only once fetch has drained.
                await fetch.WhenComplete();
                await store.WhenComplete();
            }
        }
        """);
}
