using System.Linq;
using AsyncLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AsyncLint.Tests.FanOut;

/// <summary>
/// The text-first await search the fan-out rules use as their pre-check: the word must be an await expression's
/// keyword, never a comment, a string, an identifier that contains it, or (for the own-function form) an await of a
/// nested lambda or local function.
/// </summary>
public sealed class AwaitSyntaxTests
{
    [Theory]
    [InlineData("var x = await F();", true, true)]
    [InlineData("x.P = Combine(1, await F());", true, true)]
    [InlineData("var s = $\"{await F()}\";", true, true)]
    [InlineData("var awaiter = F().GetAwaiter();", false, false)]
    [InlineData("var x = /* await this */ F();", false, false)]
    [InlineData("var s = \"await\";", false, false)]
    [InlineData("var s = @\"x await y\";", false, false)]
    [InlineData("var @await = F();", false, false)]
    [InlineData("var x = _await + await_ + awaited;", false, false)]
    [InlineData("Run(async () => await F());", true, false)]
    [InlineData("Run(async delegate { await F(); });", true, false)]
    [InlineData("Run(async x => { await F(x); Run(async () => await G()); });", true, false)]
    [InlineData("Run(async () => await F(), await G());", true, true)]
    [InlineData("Run(async () => { /* await */ }, \"await\", await G());", true, true)]
    public void Finds_only_await_expressions(string statement, bool anywhere, bool outsideFunctions)
    {
        var node = Statement(statement);

        Assert.Equal(anywhere, AwaitSyntax.ContainsAwait(node));
        Assert.Equal(outsideFunctions, AwaitSyntax.ContainsAwaitOutsideFunctions(node));
    }

    [Fact]
    public void Awaits_of_a_local_function_belong_to_it()
    {
        var block = (BlockSyntax)SyntaxFactory.ParseStatement("{ async Task L() { await F(); } L(); }");
        var body = SyntaxFactory.SyntaxTree(block).GetRoot();

        Assert.True(AwaitSyntax.ContainsAwait(body));
        Assert.False(AwaitSyntax.ContainsAwaitOutsideFunctions(body));
    }

    [Fact]
    public void Deep_nesting_is_searched_in_one_pass()
    {
        // Each level's await is its lambda's own; the search skips whole lambdas instead of re-reading them.
        var statement = "Run(async () => { await F(); " + string.Concat(Enumerable.Repeat("Run(async () => { await F(); ", 300))
                        + new string('}', 301).Replace("}", "}); ").TrimEnd();
        var node = Statement(statement);

        Assert.True(AwaitSyntax.ContainsAwait(node));
        Assert.False(AwaitSyntax.ContainsAwaitOutsideFunctions(node));
    }

    private static SyntaxNode Statement(string statement)
    {
        var tree = CSharpSyntaxTree.ParseText("class C { async System.Threading.Tasks.Task M() { " + statement + " } }");
        return tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single().Body!.Statements.Single();
    }
}
