using AsyncLint.Analyzers.Blocking;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Tests.ASYNC105;

/// <summary>
/// EF Core calls whose async form does no more: UseTransaction on a transaction already begun, CloseConnection (a close),
/// and any context call in a project whose only database provider is SQLite (or the in-memory one). With another provider
/// referenced, SaveChanges stays reported.
/// </summary>
public sealed class ASYNC105EntityFrameworkTests
{
    private const string EntityFramework = """
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;

        namespace Microsoft.EntityFrameworkCore.Infrastructure
        {
            public class DatabaseFacade
            {
                public bool EnsureCreated() => true;
                public Task<bool> EnsureCreatedAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);
            }
        }

        namespace Microsoft.EntityFrameworkCore
        {
            using Microsoft.EntityFrameworkCore.Infrastructure;

            public class DbSet<TEntity> where TEntity : class
            {
                public virtual TEntity? Find(params object?[]? keyValues) => null;
                public virtual ValueTask<TEntity?> FindAsync(params object?[]? keyValues) => default;
            }

            public class DbContext
            {
                public DatabaseFacade Database { get; } = new DatabaseFacade();
                public virtual int SaveChanges() => 0;
                public virtual Task<int> SaveChangesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);
            }

            public static class RelationalDatabaseFacadeExtensions
            {
                public static object? UseTransaction(this DatabaseFacade database, DbTransaction? transaction) => null;
                public static Task<object?> UseTransactionAsync(this DatabaseFacade database, DbTransaction? transaction, CancellationToken cancellationToken = default) => Task.FromResult<object?>(null);
                public static void CloseConnection(this DatabaseFacade database) { }
                public static Task CloseConnectionAsync(this DatabaseFacade database) => Task.CompletedTask;
            }
        }
        """;

    private const string Source = """
        using System.Data.Common;
        using System.Threading.Tasks;
        using Microsoft.EntityFrameworkCore;

        class Order { }

        class ShopContext : DbContext { public DbSet<Order> Orders { get; } = new DbSet<Order>(); }

        class Fixture
        {
            async Task SeedAsync(ShopContext context, DbTransaction transaction)
            {
                await Task.Yield();
                context.Database.UseTransaction(transaction);
                {|#0:context.Database.EnsureCreated()|};
                {|#1:context.SaveChanges()|};
                var order = {|#2:context.Orders.Find(1)|};
                context.Database.CloseConnection();
            }
        }
        """;

    private static Task RunAsync(string[] providers, params int[] reported) => RunAsync(providers, configuration: null, reported);

    private static Task RunAsync(string[] providers, string? configuration, params int[] reported)
    {
        var test = new AsyncLintAnalyzerTest<ASYNC10xBlockingCallAnalyzer> { TestCode = Source };
        if (configuration is not null)
        {
            test.TestState.Sources.Add(configuration);
        }

        test.TestState.AdditionalReferences.Add(MetadataLibrary.Compile("Microsoft.EntityFrameworkCore", EntityFramework));
        foreach (var provider in providers)
        {
            test.TestState.AdditionalReferences.Add(MetadataLibrary.Compile(provider, "namespace Provider { public static class Marker { } }"));
        }

        foreach (var location in reported)
        {
            test.ExpectedDiagnostics.Add(new Microsoft.CodeAnalysis.Testing.DiagnosticResult("ASYNC105", DiagnosticSeverity.Info).WithLocation(location).WithOptions(Microsoft.CodeAnalysis.Testing.DiagnosticOptions.IgnoreAdditionalLocations).WithMessage(null));
        }

        return test.RunAsync();
    }

    [Fact]
    public Task UseTransaction_and_CloseConnection_are_never_suggested_and_a_server_provider_keeps_the_rest()
        => RunAsync(["Microsoft.EntityFrameworkCore.Relational", "Npgsql.EntityFrameworkCore.PostgreSQL"], 0, 1, 2);

    [Fact]
    public Task Trap_project_whose_only_provider_is_sqlite() => RunAsync(["Microsoft.EntityFrameworkCore.Relational", "Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.InMemory"]);

    [Fact]
    public Task Sqlite_beside_sql_server_keeps_the_report() => RunAsync(["Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer"], 0, 1, 2);

    /// <summary>How a test project builds its contexts, named in its own source.</summary>
    private static string Configures(string provider) => $$"""
        static class ProviderExtensions
        {
            public static object {{provider}}(this object options, string connection) => options;
        }

        class ContextFactory
        {
            public object Create() => new object().{{provider}}("Data Source=:memory:");
        }
        """;

    [Fact]
    public Task Trap_sqlite_beside_a_server_provider_it_never_configures()
        => RunAsync(["Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer"], Configures("UseSqlite"));

    [Fact]
    public Task Sqlite_beside_a_server_provider_the_source_also_configures_keeps_the_report()
        => RunAsync(["Microsoft.EntityFrameworkCore.Sqlite", "Microsoft.EntityFrameworkCore.SqlServer"], Configures("UseSqlite") + Configures("UseSqlServer").Replace("ProviderExtensions", "ServerExtensions").Replace("ContextFactory", "ServerFactory"), 0, 1, 2);

    [Fact]
    public Task Server_provider_configured_without_sqlite_keeps_the_report()
        => RunAsync(["Microsoft.EntityFrameworkCore.Sqlite", "Npgsql.EntityFrameworkCore.PostgreSQL"], Configures("UseNpgsql"), 0, 1, 2);

    [Fact]
    public Task Only_the_in_memory_provider_is_no_evidence_of_sqlite() => RunAsync(["Microsoft.EntityFrameworkCore.InMemory"], 0, 1, 2);
}
