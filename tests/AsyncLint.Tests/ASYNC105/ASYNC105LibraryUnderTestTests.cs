using Microsoft.CodeAnalysis;
using AsyncLint.Tests.Verifiers;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// A test project named for a library (<c>Forge.Client.Tests</c> for <c>Forge.Client</c>) exercises that library's synchronous
/// API on purpose, from async tests that only await their fixture. Other libraries, the framework's I/O, helpers that are
/// not tests, and a sync call in a test that awaits the same client's async API stay reported.
/// </summary>
public sealed class ASYNC105LibraryUnderTestTests
{
    /// <summary>A client library with both halves of its API, compiled apart as the library under test.</summary>
    private static MetadataReference ForgeClient() => MetadataLibrary.Compile("Forge.Client", """
        using System.Threading.Tasks;

        namespace Forge.Client
        {
            public sealed class Issue { public int Id { get; set; } }

            public interface IIssueClient
            {
                Issue Create(string title);
                Task<Issue> CreateAsync(string title);
                void Lock(int id);
                Task LockAsync(int id);
            }

            public static class Projects
            {
                public static int CreateProject(string name) => name.Length;
                public static Task<int> CreateProjectAsync(string name) => Task.FromResult(name.Length);
            }
        }
        """);

    /// <summary>Another vendor's client the tests also use: not the library the project is named for.</summary>
    private static MetadataReference QueueClient() => MetadataLibrary.Compile("Queue.Client", """
        using System.Threading.Tasks;

        namespace Queue.Client
        {
            public sealed class Publisher
            {
                public void Publish(string message) { }
                public Task PublishAsync(string message) => Task.CompletedTask;
            }
        }
        """);

    private const string Fixture = """
        using System;
        using System.IO;
        using System.Threading.Tasks;
        using Forge.Client;
        using Queue.Client;

        [AttributeUsage(AttributeTargets.Method)]
        sealed class TestAttribute : Attribute { }

        sealed class ServerContext : IDisposable
        {
            public IIssueClient Issues { get; } = null!;
            public Publisher Events { get; } = new();
            public static Task<ServerContext> CreateAsync() => Task.FromResult(new ServerContext());
            public void Dispose() { }
        }

        """;

    private static Task RunAsync(string source, string assemblyName)
    {
        var test = new AsyncLintAnalyzerTest<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer> { TestCode = source };
        test.TestState.AdditionalReferences.Add(ForgeClient());
        test.TestState.AdditionalReferences.Add(QueueClient());
        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
        return test.RunAsync();
    }

    [Fact]
    public Task Sync_api_of_the_library_the_test_project_is_named_for_is_silent() => RunAsync(Fixture + """
        public class IssueTests
        {
            [Test]
            public async Task Query_returns_created_issues()
            {
                using var context = await ServerContext.CreateAsync();
                var project = Projects.CreateProject("demo");
                var first = context.Issues.Create("first");
                context.Issues.Lock(first.Id);
                if (project == 0) throw new Exception("no project");
            }
        }
        """, "Forge.Client.Tests");

    [Fact]
    public Task Other_libraries_framework_io_helpers_and_a_call_beside_its_twin_are_still_told() => RunAsync(Fixture + """
        public class IssueTests
        {
            [Test]
            public async Task Closing_publishes_an_event()
            {
                using var context = await ServerContext.CreateAsync();
                // Another vendor's client, and the framework's socket I/O: not the library under test.
                {|ASYNC105:context.Events.Publish("closing")|};
                using var probe = new System.Net.Sockets.TcpClient();
                {|ASYNC104:probe.Connect("localhost", 8080)|};
            }

            [Test]
            public async Task Create_then_close()
            {
                using var context = await ServerContext.CreateAsync();
                // The twin is awaited in this very test: the sync call beside it is a leftover.
                var first = await context.Issues.CreateAsync("first");
                var second = {|ASYNC105:context.Issues.Create("second")|};
                await context.Issues.LockAsync(first.Id + second.Id);
            }

            [Test]
            public async Task Lock_after_create()
            {
                using var context = await ServerContext.CreateAsync();
                // The test awaits this client's async API elsewhere: the sync call is a leftover, twin or not.
                var issue = {|ASYNC105:context.Issues.Create("first")|};
                await context.Issues.LockAsync(issue.Id);
            }

            // A helper, not a test: it runs wherever it is called from.
            private static async Task<Issue> SeedAsync(ServerContext context)
            {
                await Task.Yield();
                return {|ASYNC105:context.Issues.Create("seed")|};
            }
        }
        """, "Forge.Client.Tests");

    [Fact]
    public Task A_project_whose_name_only_resembles_the_library_is_still_told() => RunAsync(Fixture + """
        public class IssueTests
        {
            [Test]
            public async Task Query_returns_created_issues()
            {
                using var context = await ServerContext.CreateAsync();
                _ = {|ASYNC105:context.Issues.Create("first")|};
            }
        }
        """, "Forge.ClientTools.Tests");
}
