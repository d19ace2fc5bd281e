using AsyncLint.Tests.Verifiers;
using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>
/// <c>foreach (var hook in hooks) await hook.UserUpdating(record);</c>: the elements are registered extension points called
/// in turn. Their order is the contract and a hook may change what the next one is handed, so it is no fan-out. A loop
/// whose elements are data, or services not named for such a role, is still reported.
/// </summary>
public sealed class ASYNC302ExtensionPointChainTests
{
    private const string Types = """
        public sealed class User { public string Id = ""; public string Email = ""; }
        public interface IAuthenticationHook { System.Threading.Tasks.Task UserUpdating(User user); }
        public interface INotificationHandler<T> { System.Threading.Tasks.Task Handle(T notification, System.Threading.CancellationToken ct); }
        public abstract class KnowledgePlugin { public abstract System.Threading.Tasks.Task<string[]> GetKnowledge(string question); }
        public interface ISiteMapResourceRegistration { System.Threading.Tasks.Task<string[]> GetResourcesAsync(); }
        public interface IStartupInitializer { System.Threading.Tasks.Task InitializeAsync(System.Threading.CancellationToken ct); }
        public interface IFeedReader { System.Threading.Tasks.Task<string[]> ReadAsync(string question); }
        public interface IUserStore { System.Threading.Tasks.Task UpdateEmail(string id, string email); }
        """;

    [Fact]
    public Task Registered_hooks_handlers_and_plugins_called_in_turn_are_silent() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;

        class UserService
        {
            private readonly IEnumerable<IAuthenticationHook> hooks;
            private readonly IUserStore store;

            UserService(IEnumerable<IAuthenticationHook> hooks, IUserStore store)
            {
                this.hooks = hooks;
                this.store = store;
            }

            async Task UpdateEmail(User record, string email)
            {
                record.Email = email;
                foreach (var hook in hooks)
                {
                    await hook.UserUpdating(record);
                }

                await store.UpdateEmail(record.Id, record.Email);
            }

            async Task Publish<T>(IReadOnlyList<INotificationHandler<T>> handlers, T notification, CancellationToken ct)
            {
                foreach (var handler in handlers)
                {
                    await handler.Handle(notification, ct);
                }
            }

            async Task<List<string>> Ask(List<KnowledgePlugin> plugins, string question)
            {
                var found = new List<string>();
                foreach (var plugin in plugins)
                {
                    found.AddRange(await plugin.GetKnowledge(question));
                }

                return found;
            }

            async Task<List<string>> SiteMap(IEnumerable<ISiteMapResourceRegistration> registrations)
            {
                var resources = new List<string>();
                foreach (var registration in registrations)
                {
                    resources.AddRange(await registration.GetResourcesAsync());
                }

                return resources;
            }

            async Task Start(IEnumerable<IStartupInitializer> initializers, CancellationToken ct)
            {
                foreach (var initializer in initializers)
                {
                    await initializer.InitializeAsync(ct);
                }
            }
        }
        """ + Types);

    [Fact]
    public Task Data_elements_and_services_not_named_for_a_role_are_reported() => Verify.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.Threading.Tasks;

        class Aggregator
        {
            async Task<List<string>> Read(List<IFeedReader> feeds, string question)
            {
                var found = new List<string>();
                foreach (var feed in feeds)
                {
                    found.AddRange({|ASYNC302:await feed.ReadAsync(question)|});
                }

                return found;
            }

            async Task<List<string[]>> Ask(KnowledgePlugin plugin, List<string> questions)
            {
                var answers = new List<string[]>();
                foreach (var question in questions)
                {
                    answers.Add({|ASYNC302:await plugin.GetKnowledge(question)|});
                }

                return answers;
            }
        }
        """ + Types);
}
