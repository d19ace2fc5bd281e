using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC301SequentialAwaitsAnalyzer>;

namespace AsyncLint.Tests.ASYNC301;

/// <summary>
/// <c>await recipe.BuildAsync(builder); await builder.BuildWorkflowAsync();</c>: a command (a plain task, or a value the
/// statement drops) handed an object fills it, and the next call on that object reads what was filled: condition 2, even
/// when the object is behind an interface. Two reads that only pass the same object as an argument are still told.
/// </summary>
public sealed class ASYNC301FilledArgumentTests
{
    private const string Workflows = """

        public sealed class Workflow { }
        public interface IWorkflowBuilder { Task<Workflow> BuildWorkflowAsync(CancellationToken token = default); }
        public interface IWorkflowRecipe { ValueTask BuildAsync(IWorkflowBuilder builder, CancellationToken token = default); }
        public interface IWorkflowBuilderFactory { IWorkflowBuilder CreateBuilder(); }
        public interface ICatalog
        {
            Task<int> CountAsync(IWorkflowBuilder builder, CancellationToken token = default);
            Task<string> DescribeAsync(IWorkflowBuilder builder, CancellationToken token = default);
        }
        """;

    [Fact]
    public Task Command_that_fills_the_next_receiver_keeps_its_order() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Maker(IWorkflowBuilderFactory factory)
        {
            public async Task<Workflow> MakeAsync(IWorkflowRecipe recipe, CancellationToken token)
            {
                var builder = factory.CreateBuilder();
                await recipe.BuildAsync(builder, token);
                return await builder.BuildWorkflowAsync(token);
            }
        }
        """ + Workflows);

    [Fact]
    public Task Reads_handed_the_same_object_are_still_told() => Verify.AnalyzerAsync("""
        using System.Threading;
        using System.Threading.Tasks;

        public sealed class Report(IWorkflowBuilderFactory factory, ICatalog catalog)
        {
            public async Task<string> DescribeAsync(CancellationToken token)
            {
                var builder = factory.CreateBuilder();
                var count = {|ASYNC301:await catalog.CountAsync(builder, token)|};
                var text = await catalog.DescribeAsync(builder, token);
                return text + count;
            }
        }
        """ + Workflows);
}
