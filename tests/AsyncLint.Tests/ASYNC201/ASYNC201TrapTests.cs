using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Unobserved.ASYNC201DroppedTaskAnalyzer>;

namespace AsyncLint.Tests.ASYNC201;

/// <summary>Code that looks guilty and is not: no ASYNC201 anywhere here.</summary>
public sealed class ASYNC201TrapTests
{
    private const string Repository = """

        class Repository
        {
            public System.Threading.Tasks.Task SaveAsync() => System.Threading.Tasks.Task.CompletedTask;
            public System.Threading.Tasks.Task<int> LoadAsync(int id) => System.Threading.Tasks.Task.FromResult(id);
        }
        """;

    [Fact]
    public Task Explicit_discard_is_intentional_fire_and_forget() => VerifyCS.AnalyzerAsync("""
        using System;

        class C
        {
            void Save(Repository repo)
            {
                _ = repo.SaveAsync();
                _ = repo?.SaveAsync();
                Action later = () => _ = repo.SaveAsync();
            }

            void Expression(Repository repo) => _ = repo.SaveAsync();
        }
        """ + Repository);

    [Fact]
    public Task Awaited_returned_and_passed_tasks() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            private readonly List<Task> pending = new List<Task>();

            async Task RunAsync(Repository repo, int[] ids)
            {
                await repo.SaveAsync();
                pending.Add(repo.SaveAsync());
                await Task.WhenAll(ids.Select(id => repo.LoadAsync(id)));
                await Task.Run(() => repo.SaveAsync());
            }

            Task Forward(Repository repo) => repo.SaveAsync();
        }
        """ + Repository);

    [Fact]
    public Task ContinueWith_is_an_observer() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void Save(Repository repo)
            {
                repo.SaveAsync().ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
                repo.LoadAsync(1).ContinueWith(t => Console.WriteLine(t.Result), TaskScheduler.Default);
            }
        }
        """ + Repository);

    [Fact]
    public Task Extension_on_a_task_that_observes_it_or_a_method_named_forget() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        static class TaskExtensions
        {
            public static void Forget(this Task task) { }
            public static void SafeFireAndForget(this Task task, Action<Exception> onException = null) { }
            public static Task LogExceptions(this Task task) => task.ContinueWith(t => Console.Error.WriteLine(t.Exception), TaskContinuationOptions.OnlyOnFaulted);
            public static T NoWait<T>(this T task) where T : Task => task;
        }

        static class Background
        {
            public static Task RunAndForget(Func<Task> work) => Task.Run(work).LogExceptions();
        }

        class C
        {
            void Save(Repository repo)
            {
                repo.SaveAsync().Forget();
                repo.SaveAsync().SafeFireAndForget();
                repo.SaveAsync().LogExceptions();
                repo.LoadAsync(1).NoWait();
                Background.RunAndForget(() => repo.SaveAsync());
            }
        }
        """ + Repository);

    [Fact]
    public Task Call_that_asks_for_fire_and_forget() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        [Flags]
        enum CommandFlags { None = 0, DemandMaster = 4, FireAndForget = 2 }

        class Database
        {
            public Task<bool> StringSetAsync(string key, string value, CommandFlags flags = CommandFlags.None) => Task.FromResult(true);
            public Task PublishAsync(string channel, bool fireAndForget) => Task.CompletedTask;
        }

        class C
        {
            void Store(Database db, CommandFlags flags)
            {
                db.StringSetAsync("k", "v", CommandFlags.FireAndForget);
                db.StringSetAsync("k", "v", flags: CommandFlags.FireAndForget | CommandFlags.DemandMaster);
                db.StringSetAsync("k", "v", flags);
                db.StringSetAsync("k", "v", CommandFlags.FireAndForget).ConfigureAwait(false);
                db.PublishAsync("news", fireAndForget: true);
            }
        }
        """);

    [Fact]
    public Task Already_completed_tasks_run_nothing() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        class C
        {
            void Run()
            {
                Task.FromResult(1);
                Task.FromException(new InvalidOperationException());
                ValueTask.FromResult(1);
            }
        }
        """);

    [Fact]
    public Task Containers_and_exchanges_return_a_task_they_did_not_start() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class C
        {
            private Task current = Task.CompletedTask;
            private readonly Queue<Task> queue = new Queue<Task>();
            private readonly ConcurrentDictionary<int, Task<int>> cache = new ConcurrentDictionary<int, Task<int>>();

            void Run(Repository repo, Task next)
            {
                Interlocked.Exchange(ref current, next);
                Interlocked.CompareExchange(ref current, next, null);
                queue.Dequeue();
                cache.GetOrAdd(1, id => repo.LoadAsync(id));
            }
        }
        """ + Repository);

    [Fact]
    public Task Dispatcher_operations_report_their_own_exceptions() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Runtime.CompilerServices;
        using System.Threading.Tasks;

        namespace System.Windows.Threading
        {
            public class DispatcherOperation
            {
                public TaskAwaiter GetAwaiter() => Task.CompletedTask.GetAwaiter();
            }

            public class Dispatcher
            {
                public DispatcherOperation BeginInvoke(Delegate method, params object[] args) => new DispatcherOperation();
                public DispatcherOperation InvokeAsync(Action callback) => new DispatcherOperation();
            }
        }

        class View
        {
            void OnData(System.Windows.Threading.Dispatcher dispatcher)
            {
                dispatcher.BeginInvoke(new Action(() => { }));
                dispatcher.InvokeAsync(() => { });
            }
        }
        """);

    [Fact]
    public Task Mock_setups_and_verifications_record_calls() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        namespace NSubstitute
        {
            public static class SubstituteExtensions
            {
                public static T Received<T>(this T substitute, int requiredNumberOfCalls = 1) => substitute;
                public static WhenCalled<T> When<T>(this T substitute, Action<T> substituteCall) => new WhenCalled<T>();
            }

            public class WhenCalled<T>
            {
                public void Do(Action<object> callback) { }
            }
        }

        public interface IService
        {
            Task SendAsync(string message);
        }

        namespace Tests
        {
            using NSubstitute;

            class ServiceTests
            {
                void Verifies(IService service)
                {
                    service.Received().SendAsync("hello");
                    service.Received(2).SendAsync("hello");
                    service.When(x => x.SendAsync("boom")).Do(_ => throw new InvalidOperationException());
                }
            }
        }
        """);

    [Fact]
    public Task Object_under_test_built_around_a_fake() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Threading.Tasks;

        namespace NSubstitute
        {
            public static class Substitute
            {
                public static T For<T>() where T : class => null!;
            }

            public static class SubstituteExtensions
            {
                public static T Received<T>(this T substitute) => substitute;
            }
        }

        namespace Moq
        {
            public class Mock<T> where T : class
            {
                public T Object => null!;
            }
        }

        public interface IGateway
        {
            Task<string> GetAsync(Uri uri);
        }

        public interface IHub
        {
            IGateway Gateway { get; }
        }

        public static class GatewayExtensions
        {
            public static Task<string> Fetch(this IGateway gateway, string path) => gateway.GetAsync(new Uri("https://example.org/" + path));
        }

        public sealed class ReleasesClient
        {
            private readonly IGateway gateway;

            public ReleasesClient(IGateway gateway) => this.gateway = gateway;

            public Task<string> Latest(string repo) => gateway.GetAsync(new Uri("https://example.org/" + repo));
        }

        namespace Tests
        {
            using NSubstitute;

            class ReleasesClientTests
            {
                void RequestsTheRightUri()
                {
                    var gateway = Substitute.For<IGateway>();
                    var client = new ReleasesClient(gateway);

                    client.Latest("repo");

                    gateway.Received().GetAsync(new Uri("https://example.org/repo"));
                }

                void InlineFake()
                {
                    new ReleasesClient(Substitute.For<IGateway>()).Latest("repo");
                }

                void MoqFake()
                {
                    var mock = new Moq.Mock<IGateway>();
                    var client = new ReleasesClient(mock.Object);
                    client.Latest("repo");
                }

                void CallsOnTheFakeItself()
                {
                    var hub = Substitute.For<IHub>();
                    hub.Gateway.GetAsync(new Uri("https://example.org/a"));
                    hub.Gateway.Received().Fetch("b");
                }
            }
        }
        """);

    [Fact]
    public Task Expression_tree_lambdas_are_data() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Linq.Expressions;
        using System.Threading.Tasks;

        public interface IService
        {
            Task SendAsync(string message);
        }

        class C
        {
            static void Verify(Expression<Action<IService>> call) { }

            void Run()
            {
                Expression<Action<IService>> call = x => x.SendAsync("hello");
                Verify(x => x.SendAsync("hello"));
            }
        }
        """);

    [Fact]
    public Task Lambdas_that_return_the_task() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Linq;
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo, int[] ids)
            {
                Func<Task> save = () => repo.SaveAsync();
                var loads = ids.Select(id => repo.LoadAsync(id)).ToList();
                await Task.WhenAll(loads);
                await save();
            }
        }
        """ + Repository);

    [Fact]
    public Task Void_and_non_task_results() => VerifyCS.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class C
        {
            void Run(List<Task> tasks, Repository repo)
            {
                tasks.Add(repo.SaveAsync());
                tasks.Remove(tasks[0]);
                new Task(() => { });
                tasks.ToString();
            }
        }
        """ + Repository);

    [Fact]
    public Task Where_the_compiler_reports_CS4014_AsyncLint_stays_silent() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class C
        {
            async Task RunAsync(Repository repo)
            {
                repo.SaveAsync();
                await Task.Yield();
            }
        }
        """ + Repository);

    [Fact]
    public Task Dual_path_method_told_to_run_synchronously() => VerifyCS.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        class Buffer
        {
            public Task WriteText(string text, bool async, CancellationToken token = default)
                => async ? Task.Delay(1, token) : Task.CompletedTask;

            public Task Flush(bool isAsync) => isAsync ? Task.Delay(1) : Task.CompletedTask;

            public Task Execute(string sql, bool asyncWrite) => asyncWrite ? Task.Delay(1) : Task.CompletedTask;

            public Task Send(bool forceAsync) => Task.Delay(forceAsync ? 1 : 0);
        }

        class C
        {
            void Fill(Buffer buffer)
            {
                buffer.WriteText("header", false);
                buffer.WriteText("body", async: false);
                buffer.Flush(isAsync: false);
                buffer.Execute("select 1", asyncWrite: false);
                {|ASYNC201:buffer.Send(forceAsync: false)|};
            }
        }
        """);

    [Fact]
    public Task Call_handed_a_promise_reports_through_it() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Copier
        {
            private readonly TaskCompletionSource<object> done = new();

            public Task CopyColumns(int start, TaskCompletionSource<object> completion)
            {
                if (start > 3)
                {
                    completion.TrySetResult(null);
                    return Task.CompletedTask;
                }

                return Task.Delay(start);
            }

            public void Continue(int next, TaskCompletionSource<object> completion)
            {
                CopyColumns(next, completion);
                CopyColumns(next + 1, done);
                {|ASYNC201:CopyColumns(next, new TaskCompletionSource<object>())|};
            }
        }
        """);

    [Fact]
    public Task A_project_method_that_does_its_work_and_returns_a_completed_task_has_nothing_to_observe() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        public interface IPasswords { Task ChangePassword(string user, string password); }

        public class Passwords : IPasswords
        {
            private string? stored;

            public Task ChangePassword(string user, string password)
            {
                if (string.IsNullOrEmpty(password))
                {
                    stored = null;
                    return Task.CompletedTask;
                }

                stored = user + password;
                return Task.CompletedTask;
            }

            // A stub stands for real work, as in a sample; so does a method named as an async operation.
            public Task<int> Count() => Task.FromResult(stored?.Length ?? 0);

            public Task StoreAsync(string user)
            {
                stored = user;
                return Task.CompletedTask;
            }

            public virtual Task Audit(string user) => Task.CompletedTask;

            public Task Save(string user)
            {
                if (user.Length == 0)
                {
                    return Task.CompletedTask;
                }

                return Task.Delay(1);
            }

            public void Authenticate(string user, string password, IPasswords other)
            {
                ChangePassword(user, password);
                {|ASYNC201:Count()|};
                {|ASYNC201:StoreAsync(user)|};
                {|ASYNC201:Audit(user)|};
                {|ASYNC201:Save(user)|};
                {|ASYNC201:other.ChangePassword(user, password)|};
            }
        }
        """);

    [Fact]
    public Task A_drop_under_a_pragma_that_disables_CS4014_is_acknowledged() => VerifyCS.AnalyzerAsync("""
        using System.Threading.Tasks;

        class Tracker
        {
            private Task Tick() => Task.Delay(1);

            void Start()
            {
        #pragma warning disable 4014
                Tick();
        #pragma warning restore 4014
        #pragma warning disable CS4014, VSTHRD110
                Tick();
        #pragma warning restore CS4014, VSTHRD110
        #pragma warning disable VSTHRD110
                Tick();
        #pragma warning restore VSTHRD110
        #pragma warning disable CS0168
                {|ASYNC201:Tick()|};
        #pragma warning restore CS0168
                {|ASYNC201:Tick()|};
            }
        }
        """);

    [Fact]
    public Task Ahead_of_time_seeding_on_a_default_value_starts_nothing() => VerifyCS.AnalyzerAsync("""
        using System.IO;
        using System.Threading;
        using System.Threading.Tasks;

        public interface IEncoder { Task EncodeAsync(Stream stream, CancellationToken ct); }

        internal static class AotCompilerTools
        {
            // Names the generic instantiation so that an ahead-of-time compiler keeps it; never called.
            private static void SeedEncoder<TEncoder>() where TEncoder : class, IEncoder
            {
                default(TEncoder)!.EncodeAsync(default!, default);
            }

            private static void SeedStruct<TEncoder>() where TEncoder : struct, IEncoder
            {
                default(TEncoder).EncodeAsync(default!, default);
            }
        }
        """);
}
