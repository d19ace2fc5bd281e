using System.Linq;
using AsyncLint.Analyzers;
using AsyncLint.Tests.Verifiers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncLint.Tests.Robustness;

/// <summary>
/// <see cref="AsyncSymbols.Type"/> skips the compiler's all-references lookup where it can (the project, Task's assembly,
/// then only the references that declare the namespace); it must still answer exactly what that lookup answers.
/// </summary>
public sealed class TypeLookupTests
{
    private const string Source = """
        namespace MyApp { public class Service { public class Nested { } } internal class Hidden { } }
        namespace System.Threading.Tasks { public class ProjectHelper { } }
        namespace System.IO { public class Stream { } }
        public class GlobalType { }
        """;

    [Theory]
    [InlineData("System.Threading.Tasks.Task`1")]
    [InlineData("System.IO.Stream")]                       // declared by the project too: the project's wins
    [InlineData("System.IO.FileStream")]
    [InlineData("System.Net.Http.HttpClient")]
    [InlineData("System.Data.Common.DbConnection")]
    [InlineData("System.Text.Json.JsonSerializer")]
    [InlineData("System.Threading.Channels.Channel`1")]
    [InlineData("System.Collections.Concurrent.BlockingCollection`1")]
    [InlineData("System.Environment+SpecialFolder")]
    [InlineData("System.Threading.Tasks.ProjectHelper")]
    [InlineData("MyApp.Service")]
    [InlineData("MyApp.Service+Nested")]
    [InlineData("MyApp.Hidden")]
    [InlineData("GlobalType")]
    [InlineData("System.Windows.Input.ICommand")]
    [InlineData("ReactiveUI.ReactiveCommand")]               // a namespace no reference declares
    [InlineData("System.IO.NoSuchType")]                     // a namespace that exists, a type that does not
    [InlineData("Microsoft.EntityFrameworkCore.DbContext")]
    [InlineData("NoNamespaceType")]
    public void Answers_what_the_compiler_lookup_answers(string metadataName)
    {
        var compilation = Compile(Basic.Reference.Assemblies.Net100.References.All);

        AssertSameAsCompiler(compilation, metadataName);
    }

    [Fact]
    public void A_type_two_references_declare_is_left_to_the_compiler()
    {
        var first = Library("First", "namespace Shared { public class Twice { } public class OnlyFirst { } }");
        var second = Library("Second", "namespace Shared { public class Twice { } internal class Internal { } }");
        var compilation = Compile(Basic.Reference.Assemblies.Net100.References.All.Append(first).Append(second));

        AssertSameAsCompiler(compilation, "Shared.Twice");
        AssertSameAsCompiler(compilation, "Shared.OnlyFirst");
        AssertSameAsCompiler(compilation, "Shared.Internal");
        AssertSameAsCompiler(compilation, "Shared.Missing");
    }

    [Fact]
    public void Successive_compilations_of_the_same_references_agree()
    {
        var compilation = Compile(Basic.Reference.Assemblies.Net100.References.All);
        var next = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Later { public class Added { } }"));

        AssertSameAsCompiler(compilation, "System.Net.Http.HttpClient");
        AssertSameAsCompiler(next, "System.Net.Http.HttpClient");
        AssertSameAsCompiler(next, "Later.Added");
    }

    private static void AssertSameAsCompiler(Compilation compilation, string metadataName)
    {
        var symbols = AsyncSymbols.TryCreate(compilation);
        Assert.NotNull(symbols);
#pragma warning disable RS0030 // the reference answer
        var expected = compilation.GetTypeByMetadataName(metadataName);
#pragma warning restore RS0030
        var actual = symbols!.Type(metadataName);
        Assert.True(SymbolEqualityComparer.Default.Equals(expected, actual), $"{metadataName}: compiler {Describe(expected)}, AsyncSymbols {Describe(actual)}");
    }

    private static string Describe(INamedTypeSymbol? type) => type is null ? "null" : $"{type} in {type.ContainingAssembly.Name}";

    private static CSharpCompilation Compile(System.Collections.Generic.IEnumerable<MetadataReference> references)
        => CSharpCompilation.Create("Project", [CSharpSyntaxTree.ParseText(Source)], references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static MetadataReference Library(string name, string source) => MetadataLibrary.Compile(name, source);
}
