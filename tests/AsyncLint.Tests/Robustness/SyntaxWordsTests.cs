using System.Linq;
using AsyncLint.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AsyncLint.Tests.Robustness;

/// <summary>The text-first identifier search must find exactly the identifier tokens a walk of every token finds.</summary>
public sealed class SyntaxWordsTests
{
    [Theory]
    [InlineData("task")]
    [InlineData("Handler")]
    [InlineData("count")]
    [InlineData("await")]
    [InlineData("x")]
    public void Finds_what_a_token_walk_finds(string name)
    {
        const string Source = """
            class C
            {
                // task Handler count: words in a comment
                string s = "task Handler @task";
                int count, counter, _count, count2;
                void Handler() { }
                void M(System.Threading.Tasks.Task task, int @count)
                {
                    var tasks = new[] { task };
                    var x = @task ?? task; /* task */
                    System.Action a = Handler;
                    a += this.Handler;
                    count = counter + @count + x.GetHashCode();
                    var y = $"{task} task {count}";
                }
            }
            """;

        AssertSameAsWalk(Source, name);
    }

    [Fact]
    public void Unicode_escaped_identifiers_are_found_too()
    {
        const string Source = """
            class C
            {
                void M(int task)
                {
                    var other = \u0074ask + task;
                    t\u0061sk = 1;
                }
            }
            """;

        AssertSameAsWalk(Source, "task");
    }

    [Fact]
    public void String_literals_are_found_when_the_word_is_their_whole_value()
    {
        const string Source = """"
            class C
            {
                // "Step" in a comment
                string[] names = { "Step", @"Step", "Step two", "step", $"Step", """Step""", "St\u0065p" };
                void Step() { }
            }
            """";
        var root = CSharpSyntaxTree.ParseText(Source).GetRoot();

        var found = SyntaxWords.StringLiterals(root, "Step").Select(t => t.Text).ToList();

        Assert.Equal(new[] { "\"Step\"", "@\"Step\"", "\"\"\"Step\"\"\"" }, found);
        Assert.True(SyntaxWords.MayName(root.SyntaxTree.GetText(), "Step"));
        Assert.False(SyntaxWords.MayName(CSharpSyntaxTree.ParseText("class C { }").GetText(), "Step"));
    }

    private static void AssertSameAsWalk(string source, string name)
    {
        var root = CSharpSyntaxTree.ParseText(source).GetRoot();
        var expected = root.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name).Select(t => t.SpanStart).ToList();
        var actual = SyntaxWords.Identifiers(root, name).Select(t => t.SpanStart).ToList();
        Assert.Equal(expected, actual);
    }
}
