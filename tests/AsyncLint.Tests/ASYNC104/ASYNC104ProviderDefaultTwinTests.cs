using AsyncLint.Analyzers.Blocking;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using VerifyCS = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.Blocking.ASYNC10xBlockingCallAnalyzer>;

namespace AsyncLint.Tests.ASYNC104;

/// <summary>
/// The ADO.NET bases run the synchronous member inside their async defaults (<c>DbDataReader.ReadAsync</c> is
/// <c>Read()</c> wrapped in a completed task). On a receiver typed as the base, the twin is only a real one when a
/// provider the project can reach overrides it; when every reachable provider inherits the default, it is a false twin.
/// </summary>
public sealed class ASYNC104ProviderDefaultTwinTests
{
    /// <summary>A concrete reader over rows it already holds: only the abstract members, plus <paramref name="extra"/>.</summary>
    private static string Reader(string declaration, string extra = "") => declaration + """

        {
            private int row = -1;
            public override int Depth => 0;
            public override int FieldCount => 1;
            public override bool HasRows => true;
            public override bool IsClosed => false;
            public override int RecordsAffected => -1;
            public override object this[int ordinal] => row;
            public override object this[string name] => row;
            public override bool GetBoolean(int ordinal) => false;
            public override byte GetByte(int ordinal) => 0;
            public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) => 0;
            public override char GetChar(int ordinal) => ' ';
            public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) => 0;
            public override string GetDataTypeName(int ordinal) => "Int32";
            public override System.DateTime GetDateTime(int ordinal) => default;
            public override decimal GetDecimal(int ordinal) => row;
            public override double GetDouble(int ordinal) => row;
            public override System.Collections.IEnumerator GetEnumerator() => new System.Collections.ArrayList().GetEnumerator();
            public override System.Type GetFieldType(int ordinal) => typeof(int);
            public override float GetFloat(int ordinal) => row;
            public override System.Guid GetGuid(int ordinal) => default;
            public override short GetInt16(int ordinal) => (short)row;
            public override int GetInt32(int ordinal) => row;
            public override long GetInt64(int ordinal) => row;
            public override string GetName(int ordinal) => "n";
            public override int GetOrdinal(string name) => 0;
            public override string GetString(int ordinal) => row.ToString();
            public override object GetValue(int ordinal) => row;
            public override int GetValues(object[] values) { values[0] = row; return 1; }
            public override bool IsDBNull(int ordinal) => false;
            public override bool NextResult() => false;
            public override bool Read() => ++row < 3;
            public override System.Data.DataTable? GetSchemaTable() => new System.Data.DataTable();

        """ + extra + """

        }

        """;

    private const string Usings = """
        #nullable enable
        using System;
        using System.Data;
        using System.Data.Common;
        using System.Threading;
        using System.Threading.Tasks;

        """;

    private const string Consumer = """
        using System;
        using System.Data.Common;
        using System.Threading.Tasks;

        class RowCounter
        {
            async Task<int> CountAsync(Func<Task<DbDataReader>> open)
            {
                using var reader = await open();
                var count = 0;
                while (reader.Read())
                {
                    count++;
                }

                var schema = reader.GetSchemaTable();
                reader.NextResult();
                return count + (schema?.Columns.Count ?? 0);
            }
        }
        """;

    private static Task RunAsync(string source, params MetadataReference[] references)
    {
        var test = new AsyncLintAnalyzerTest<ASYNC10xBlockingCallAnalyzer> { TestCode = source };
        test.TestState.AdditionalReferences.AddRange(references);
        return test.RunAsync();
    }

    [Fact]
    public Task Trap_reader_of_a_referenced_provider_that_has_no_async_reading() => RunAsync(
        Consumer,
        MetadataLibrary.Compile("Rows.Client", Usings + "namespace Rows.Client {\n"
            + Reader("public sealed class RowsReader : DbDataReader")

            // A wrapper the library keeps to itself forwards ReadAsync: no instance of it is the project's to type.
            + Reader("internal sealed class TrackedReader : DbDataReader", """
                public override Task<bool> ReadAsync(CancellationToken cancellationToken) => base.ReadAsync(cancellationToken);
                """)
            + "}"));

    [Fact]
    public Task Trap_reader_declared_in_the_project_that_has_no_async_reading() => VerifyCS.AnalyzerAsync(
        Consumer.Replace("class RowCounter", Reader("sealed class BufferedRows : DbDataReader") + "class RowCounter")
            .Replace("using System;", "#nullable enable\nusing System;"));

    [Fact]
    public Task A_reachable_provider_that_reads_asynchronously_keeps_the_twin() => RunAsync(
        """
        using System;
        using System.Data.Common;
        using System.Threading.Tasks;

        class RowCounter
        {
            async Task<int> CountAsync(Func<Task<DbDataReader>> open)
            {
                using var reader = await open();
                var count = 0;
                while ({|ASYNC104:reader.Read()|})
                {
                    count++;
                }

                var schema = reader.GetSchemaTable();
                return count + (schema?.Columns.Count ?? 0);
            }
        }
        """,
        MetadataLibrary.Compile("Rows.Client", Usings + "namespace Rows.Client {\n"
            + Reader("public sealed class RowsReader : DbDataReader")
            + Reader("public sealed class WireReader : DbDataReader", """
                public override async Task<bool> ReadAsync(CancellationToken cancellationToken) { await Task.Yield(); return Read(); }
                """)
            + "}"));

    [Fact]
    public Task An_override_in_a_base_below_the_framework_one_keeps_the_twin() => RunAsync(
        """
        using System;
        using System.Data.Common;
        using System.Threading.Tasks;

        class RowCounter
        {
            async Task<bool> FirstAsync(Func<Task<DbDataReader>> open)
            {
                using var reader = await open();
                return {|ASYNC104:reader.Read()|};
            }
        }
        """,
        MetadataLibrary.Compile("Wire.Client", Usings + """
            namespace Wire.Client
            {
                public abstract class WireReaderBase : DbDataReader
                {
                    public override async Task<bool> ReadAsync(CancellationToken cancellationToken) { await Task.Yield(); return Read(); }
                }

            """
            + Reader("public sealed class WireReader : WireReaderBase")
            + "}"));

    [Fact]
    public Task No_reachable_provider_keeps_the_twin() => VerifyCS.AnalyzerAsync("""
        using System;
        using System.Data.Common;
        using System.Threading.Tasks;

        abstract class ReaderTemplate : DbDataReader { }

        class RowCounter
        {
            async Task<bool> FirstAsync(Func<Task<DbDataReader>> open)
            {
                using var reader = await open();
                return {|ASYNC104:reader.Read()|};
            }
        }
        """);

    [Fact]
    public Task Each_base_member_is_judged_by_its_own_override() => RunAsync(
        """
        using System.Data.Common;
        using System.Threading.Tasks;

        class Store
        {
            async Task<int> SaveAsync(DbConnection connection)
            {
                await Task.Yield();
                connection.Open();
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.CommandText = "insert into t values (1)";
                var changed = command.ExecuteNonQuery();
                using (var reader = {|ASYNC104:command.ExecuteReader()|})
                {
                    changed += reader.RecordsAffected;
                }

                transaction.Commit();
                return changed;
            }
        }
        """,
        MetadataLibrary.Compile("Lite.Client", Usings + """
            namespace Lite.Client
            {
                public sealed class LiteConnection : DbConnection
                {
                    [System.Diagnostics.CodeAnalysis.AllowNull]
                    public override string ConnectionString { get; set; } = "";
                    public override string Database => "main";
                    public override string DataSource => "memory";
                    public override string ServerVersion => "1";
                    public override ConnectionState State => ConnectionState.Open;
                    public override void ChangeDatabase(string databaseName) { }
                    public override void Close() { }
                    public override void Open() { }
                    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => new LiteTransaction(this);
                    protected override DbCommand CreateDbCommand() => new LiteCommand();
                }

                public sealed class LiteTransaction : DbTransaction
                {
                    private readonly LiteConnection connection;
                    public LiteTransaction(LiteConnection connection) => this.connection = connection;
                    protected override DbConnection DbConnection => connection;
                    public override IsolationLevel IsolationLevel => IsolationLevel.Serializable;
                    public override void Commit() { }
                    public override void Rollback() { }
                }

                // Executes statements synchronously, but streams query results from the server asynchronously.
                public sealed class LiteCommand : DbCommand
                {
                    [System.Diagnostics.CodeAnalysis.AllowNull]
                    public override string CommandText { get; set; } = "";
                    public override int CommandTimeout { get; set; }
                    public override CommandType CommandType { get; set; }
                    public override bool DesignTimeVisible { get; set; }
                    public override UpdateRowSource UpdatedRowSource { get; set; }
                    protected override DbConnection? DbConnection { get; set; }
                    protected override DbParameterCollection DbParameterCollection => throw new NotSupportedException();
                    protected override DbTransaction? DbTransaction { get; set; }
                    public override void Cancel() { }
                    public override int ExecuteNonQuery() => 1;
                    public override object? ExecuteScalar() => 1;
                    public override void Prepare() { }
                    protected override DbParameter CreateDbParameter() => throw new NotSupportedException();
                    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => throw new NotSupportedException();
                    protected override async Task<DbDataReader> ExecuteDbDataReaderAsync(CommandBehavior behavior, CancellationToken cancellationToken)
                    {
                        await Task.Yield();
                        return ExecuteDbDataReader(behavior);
                    }
                }
            }
            """));

    /// <summary>A provider library whose reader overrides ReadAsync (as both Microsoft.Data.Sqlite and Npgsql do), in <paramref name="space"/>.</summary>
    private static MetadataReference ProviderWithOverriddenReadAsync(string space, string prefix) => MetadataLibrary.Compile(
        space,
        Usings + "namespace " + space + " {\n"
        + Reader("public sealed class " + prefix + "DataReader : DbDataReader", """
            public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Read());
            """)
        + """
            public static class DataReaderExtensions
            {
                public static int ReadAll(this IDataReader reader) { var n = 0; while (reader.Read()) n++; return n; }
                public static Task<int> ReadAllAsync(this IDataReader reader) => Task.FromResult(ReadAll(reader));
            }
            }
            """);

    private const string ProviderConsumer = """
        using System;
        using System.Threading.Tasks;
        using PROVIDER;

        class RowCounter
        {
            async Task<int> CountAsync(Func<Task<PREFIXDataReader>> open)
            {
                using var reader = await open();
                var count = 0;
                while (READ)
                {
                    count++;
                }

                return count + ALL;
            }
        }
        """;

    [Fact]
    public Task Trap_a_provider_that_documents_its_async_members_as_synchronous() => RunAsync(
        ProviderConsumer.Replace("PROVIDER", "Microsoft.Data.Sqlite").Replace("PREFIX", "Sqlite")
            .Replace("READ", "reader.Read()").Replace("ALL", "reader.ReadAll()"),
        ProviderWithOverriddenReadAsync("Microsoft.Data.Sqlite", "Sqlite"));

    [Fact]
    public Task A_provider_with_async_io_that_overrides_the_twin_keeps_it() => RunAsync(
        ProviderConsumer.Replace("PROVIDER", "Npgsql").Replace("PREFIX", "Npgsql")
            .Replace("READ", "{|ASYNC104:reader.Read()|}").Replace("ALL", "{|ASYNC104:reader.ReadAll()|}"),
        ProviderWithOverriddenReadAsync("Npgsql", "Npgsql"));
}
