using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Operations;

namespace AsyncLint.Analyzers.Blocking;

/// <summary>
/// ADO.NET's abstract bases (<c>DbDataReader</c>, <c>DbCommand</c>, <c>DbConnection</c>, <c>DbTransaction</c>) give their
/// async members a default that runs the synchronous member inline and returns a completed task
/// (<c>ReadAsync(ct)</c> is <c>Read() ? TrueTask : FalseTask</c>). A provider without async I/O (ClickHouse.Client's reader
/// overrides <c>Read</c> and not <c>ReadAsync</c>) inherits that default, so on a receiver typed as the abstract base the
/// twin blocks exactly as long as the call it would replace. Whether it does depends on the providers the project can
/// reach: its own classes and the public classes of its references (not the framework assembly that declares the bases).
/// When at least one such provider exists and none overrides the default (itself or through a base below the framework
/// one), the twin is a false twin; when any overrides it (Npgsql, MySqlConnector, SqlClient), it is a real one.
/// </summary>
/// <remarks>
/// Asked only on the report path, for a call whose receiver is typed as one of the four bases. A referenced assembly's
/// provider classes are read once per assembly symbol (successive compilations of a project share them); the project's
/// own once per compilation; each answer once per (base, overridable member).
/// </remarks>
internal sealed class AdoNetDefaultTwins
{
    /// <summary>What the public concrete ADO.NET classes of a referenced assembly override, read once per assembly symbol.</summary>
    private static readonly ConditionalWeakTable<IAssemblySymbol, ProviderClasses> PerReference = new();

    private readonly Compilation compilation;
    private readonly ConcurrentDictionary<IAssemblySymbol, Lazy<ImmutableArray<ProviderClass>>> reachable = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<string, bool> answers = new(StringComparer.Ordinal);
    private readonly Lazy<bool> entityFrameworkOnlyOverSqlite;

    public AdoNetDefaultTwins(Compilation compilation)
    {
        this.compilation = compilation;
        entityFrameworkOnlyOverSqlite = new Lazy<bool>(() => EntityFrameworkProvidersOf(compilation) switch
        {
            Providers.SqliteOnly => true,
            Providers.SqliteAndOthers => ConfiguresOnlySqlite(compilation),
            _ => false,
        });
    }

    /// <summary>
    /// <c>context.SaveChanges()</c>, <c>context.Database.EnsureCreated()</c>, <c>context.Movies.Find(id)</c> in a project whose only EF Core database provider
    /// is SQLite (or the in-memory one): every database such a context reaches is SQLite, whose async path runs the
    /// synchronous one (a test fixture over <c>DataSource=:memory:</c>, a desktop app's local store). A project that also
    /// references another provider, or an extension named for one, keeps the report, unless its own source configures
    /// SQLite and no other provider (<c>UseSqlite(connection)</c> in every fixture of a test project that reaches the SQL
    /// Server provider only through a shared project).
    /// </summary>
    public bool IsContextOverSqliteOnly(ITypeSymbol? receiverType)
    {
        if (receiverType is null || !entityFrameworkOnlyOverSqlite.Value)
        {
            return false;
        }

        for (var type = receiverType; type is not null; type = type.BaseType)
        {
            if (type.Name is "DbContext" or "DatabaseFacade" or "DbSet" && type.ContainingNamespace is { } space
                && (space.IsNamespace("Microsoft.EntityFrameworkCore") || space.IsNamespace("Microsoft.EntityFrameworkCore.Infrastructure")))
            {
                return true;
            }
        }

        return false;
    }

    private enum Providers
    {
        NoSqlite,
        SqliteOnly,
        SqliteAndOthers,
    }

    private static Providers EntityFrameworkProvidersOf(Compilation compilation)
    {
        var sqlite = false;
        var others = false;
        foreach (var assembly in compilation.ReferencedAssemblyNames)
        {
            var name = assembly.Name;
            if (name.IndexOf("EntityFrameworkCore", StringComparison.Ordinal) < 0)
            {
                continue;
            }

            switch (name)
            {
                case "Microsoft.EntityFrameworkCore.Sqlite" or "Microsoft.EntityFrameworkCore.Sqlite.Core" or "Microsoft.EntityFrameworkCore.InMemory":
                    sqlite |= name != "Microsoft.EntityFrameworkCore.InMemory";
                    break;
                case "Microsoft.EntityFrameworkCore" or "Microsoft.EntityFrameworkCore.Abstractions" or "Microsoft.EntityFrameworkCore.Relational"
                    or "Microsoft.EntityFrameworkCore.Design" or "Microsoft.EntityFrameworkCore.Analyzers" or "Microsoft.EntityFrameworkCore.Proxies":
                    break;
                default:
                    // Npgsql.EntityFrameworkCore.PostgreSQL, Microsoft.EntityFrameworkCore.SqlServer, an extension of either.
                    others = true;
                    break;
            }
        }

        return !sqlite ? Providers.NoSqlite : others ? Providers.SqliteAndOthers : Providers.SqliteOnly;
    }

    /// <summary>The provider configurations of EF Core's database providers other than SQLite and the in-memory one.</summary>
    private static readonly ImmutableHashSet<string> OtherProviderConfigurations = ImmutableHashSet.Create(
        StringComparer.Ordinal,
        "UseSqlServer", "UseAzureSql", "UseAzureSynapse", "UseNpgsql", "UseMySql", "UseMySQL", "UseMariaDB", "UseOracle", "UseCosmos",
        "UseFirebird", "UseJet", "UseDb2", "UseMongoDB", "UseSnowflake", "UseSpanner", "UseClickHouse", "UseYdb", "UseDuckDB");

    /// <summary>
    /// The project's source names <c>UseSqlite</c> and none of the other providers' configurations: its contexts are built
    /// over SQLite, whatever else its references bring in. One walk of the identifiers, once per compilation, reached only
    /// when a context call in async code is about to be reported.
    /// </summary>
    private static bool ConfiguresOnlySqlite(Compilation compilation)
    {
        var sqlite = false;
        foreach (var tree in compilation.SyntaxTrees)
        {
            foreach (var token in tree.GetRoot().DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.IdentifierToken) || !token.ValueText.StartsWith("Use", StringComparison.Ordinal))
                {
                    continue;
                }

                if (OtherProviderConfigurations.Contains(token.ValueText))
                {
                    return false;
                }

                sqlite |= token.ValueText == "UseSqlite";
            }
        }

        return sqlite;
    }

    /// <summary>
    /// A receiver whose type is (or derives from) a class of an ADO.NET provider without async I/O, which says so: SQLite
    /// has no asynchronous I/O, and Microsoft.Data.Sqlite's async overrides run the synchronous member (as its
    /// documentation states); System.Data.SQLite inherits the bases' inline defaults. The twin blocks exactly as long as
    /// the call it would replace, on the connection, command, reader or transaction and on extension methods
    /// (Dapper's <c>connection.Query(…)</c>) called on them. Implicit conversions are looked through: an extension on
    /// <c>IDbConnection</c> still sees the <c>SqliteConnection</c> it was handed.
    /// </summary>
    public static bool IsSynchronousProvider(IOperation? receiver)
    {
        while (receiver is IConversionOperation { IsImplicit: true } conversion)
        {
            receiver = conversion.Operand;
        }

        for (var type = receiver?.Type; type is not null; type = type.BaseType)
        {
            if (type.ContainingNamespace is { } space && (space.IsNamespace("Microsoft.Data.Sqlite") || space.IsNamespace("System.Data.SQLite")))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// True when the receiver is typed as one of the ADO.NET bases, every twin is that base's inline default (or a
    /// non-virtual overload that calls it), and the reachable providers all inherit that default.
    /// </summary>
    public bool IsFalseTwin(ITypeSymbol? receiverType, ImmutableArray<AsyncTwin> candidates)
    {
        if (receiverType is not INamedTypeSymbol { TypeKind: TypeKind.Class, IsAbstract: true } type
            || AdoNetBaseName(type) is not { } baseName
            || candidates.IsDefaultOrEmpty)
        {
            return false;
        }

        string? overridable = null;
        foreach (var twin in candidates)
        {
            if (!SymbolEqualityComparer.Default.Equals(twin.Method.ContainingType.OriginalDefinition, type.OriginalDefinition)
                || OverridableDefault(baseName, twin.Method.Name) is not { } member
                || (overridable is not null && overridable != member))
            {
                return false;
            }

            overridable = member;
        }

        if (overridable is null)
        {
            return false;
        }

        var framework = type.ContainingAssembly;
        return answers.GetOrAdd(baseName + "." + overridable, _ => NoProviderOverrides(framework, baseName, overridable));
    }

    /// <summary>
    /// The virtual member a provider overrides to replace the default behind <paramref name="twinName"/>, for the
    /// defaults that run the synchronous member inline (checked against System.Data.Common's source); null for any other.
    /// </summary>
    private static string? OverridableDefault(string baseName, string twinName) => (baseName, twinName) switch
    {
        ("DbDataReader", "ReadAsync" or "NextResultAsync" or "GetFieldValueAsync" or "IsDBNullAsync" or "GetSchemaTableAsync" or "GetColumnSchemaAsync") => twinName,

        // ExecuteReaderAsync's overloads all call the protected ExecuteDbDataReaderAsync, whose default runs ExecuteReader.
        ("DbCommand", "ExecuteReaderAsync") => "ExecuteDbDataReaderAsync",
        ("DbCommand", "ExecuteNonQueryAsync" or "ExecuteScalarAsync" or "PrepareAsync") => twinName,

        // BeginTransactionAsync's overloads call the protected BeginDbTransactionAsync, whose default runs BeginDbTransaction.
        ("DbConnection", "BeginTransactionAsync") => "BeginDbTransactionAsync",
        ("DbConnection", "OpenAsync" or "ChangeDatabaseAsync" or "GetSchemaAsync") => twinName,
        ("DbTransaction", "CommitAsync" or "RollbackAsync") => twinName,
        _ => null,
    };

    private bool NoProviderOverrides(IAssemblySymbol framework, string baseName, string overridable)
    {
        var providers = reachable.GetOrAdd(framework, f => new Lazy<ImmutableArray<ProviderClass>>(() => Reachable(f))).Value;
        var found = false;
        foreach (var provider in providers)
        {
            if (provider.BaseName != baseName)
            {
                continue;
            }

            if (provider.Overrides.Contains(overridable))
            {
                return false;
            }

            found = true;
        }

        return found;
    }

    /// <summary>The project's own concrete ADO.NET classes, then the public ones of every reference that could declare one.</summary>
    private ImmutableArray<ProviderClass> Reachable(IAssemblySymbol framework)
    {
        var builder = ImmutableArray.CreateBuilder<ProviderClass>();
        Collect(compilation.Assembly.GlobalNamespace, publicOnly: false, builder);

        var seen = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default) { framework, compilation.Assembly };
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            if (seen.Add(assembly) && MayDeclareProviders(assembly, framework))
            {
                builder.AddRange(PerReference.GetValue(assembly, static a => new ProviderClasses(a)).Classes);
            }
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// A provider assembly references the assembly that declares the bases (System.Data.Common, System.Data on .NET
    /// Framework) or netstandard: the rest (most references) cannot derive from them and are never read.
    /// </summary>
    private static bool MayDeclareProviders(IAssemblySymbol assembly, IAssemblySymbol framework)
    {
        foreach (var module in assembly.Modules)
        {
            foreach (var identity in module.ReferencedAssemblies)
            {
                if (identity.Name == framework.Identity.Name || identity.Name is "System.Data.Common" or "System.Data" or "netstandard")
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Collect(INamespaceSymbol root, bool publicOnly, ImmutableArray<ProviderClass>.Builder into)
    {
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (current is INamespaceSymbol ns)
            {
                foreach (var child in ns.GetNamespaceMembers())
                {
                    pending.Push(child);
                }
            }

            foreach (var type in current.GetTypeMembers())
            {
                if (publicOnly && type.DeclaredAccessibility != Accessibility.Public)
                {
                    continue;
                }

                if (type.TypeKind == TypeKind.Class)
                {
                    if (!type.IsAbstract && AdoNetBaseOf(type) is { } adoNetBase)
                    {
                        into.Add(new ProviderClass(adoNetBase.Name, AsyncOverrides(type)));
                    }

                    pending.Push(type);
                }
            }
        }
    }

    /// <summary>The ADO.NET base a class derives from, or null.</summary>
    private static INamedTypeSymbol? AdoNetBaseOf(INamedTypeSymbol type)
    {
        var depth = 0;
        for (var current = type.BaseType; current is not null && depth < 16; current = current.BaseType, depth++)
        {
            if (AdoNetBaseName(current) is not null)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The names of the async members the class, or a class between it and the ADO.NET base, overrides.</summary>
    private static ImmutableArray<string> AsyncOverrides(INamedTypeSymbol provider)
    {
        var names = ImmutableArray.CreateBuilder<string>();
        for (var current = provider; current is not null && AdoNetBaseName(current) is null; current = current.BaseType)
        {
            foreach (var name in current.MemberNames)
            {
                if (!name.EndsWith("Async", StringComparison.Ordinal) || names.Contains(name))
                {
                    continue;
                }

                foreach (var member in current.GetMembers(name))
                {
                    if (member is IMethodSymbol { IsOverride: true })
                    {
                        names.Add(name);
                        break;
                    }
                }
            }
        }

        return names.ToImmutable();
    }

    /// <summary><c>DbDataReader</c>, <c>DbCommand</c>, <c>DbConnection</c> or <c>DbTransaction</c> of System.Data.Common; null for any other type.</summary>
    private static string? AdoNetBaseName(INamedTypeSymbol type)
    {
        if (type.Name is not ("DbDataReader" or "DbCommand" or "DbConnection" or "DbTransaction")
            || type.ContainingType is not null
            || type.ContainingNamespace is not { Name: "Common" } common
            || common.ContainingNamespace is not { Name: "Data" } data
            || data.ContainingNamespace is not { Name: "System" } system
            || system.ContainingNamespace is not { IsGlobalNamespace: true })
        {
            return null;
        }

        return type.Name;
    }

    /// <summary>A concrete class derived from an ADO.NET base: which base, and the async members it overrides below it.</summary>
    private sealed class ProviderClass
    {
        public ProviderClass(string baseName, ImmutableArray<string> overrides)
        {
            BaseName = baseName;
            Overrides = overrides;
        }

        public string BaseName { get; }

        public ImmutableArray<string> Overrides { get; }
    }

    /// <summary>A referenced assembly's public concrete classes derived from an ADO.NET base (names only: no symbol is kept).</summary>
    private sealed class ProviderClasses
    {
        public ProviderClasses(IAssemblySymbol assembly)
        {
            var builder = ImmutableArray.CreateBuilder<ProviderClass>();
            Collect(assembly.GlobalNamespace, publicOnly: true, builder);
            Classes = builder.ToImmutable();
        }

        public ImmutableArray<ProviderClass> Classes { get; }
    }
}
