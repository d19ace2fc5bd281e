using Verify = AsyncLint.Tests.Verifiers.Verify<AsyncLint.Analyzers.FanOut.ASYNC302SequentialAwaitInLoopAnalyzer>;

namespace AsyncLint.Tests.ASYNC302;

/// <summary>
/// A loop of checks that return nothing and throw on the first failure (<c>ThrowIf…</c>, <c>Assert…</c>, <c>Validate…</c>):
/// the first failure must stop the rest and decide the error. Independent reads beside them are still reported.
/// </summary>
public sealed class ASYNC302ThrowingGateTests
{
    private const string Validators = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;

        public interface IRequest { object? Dto { get; set; } }
        public interface ITypeValidator
        {
            Task ThrowIfNotValidAsync(object dto, IRequest request);
            Task AssertValidAsync(object dto);
            Task<bool> IsValidAsync(object dto);
        }

        public abstract class TypeValidator : ITypeValidator
        {
            public string? Condition { get; set; }
            public virtual async Task ThrowIfNotValidAsync(object dto, IRequest request)
            {
                await Task.Yield();
                if (Condition == null) throw new ArgumentException("invalid", nameof(dto));
            }

            public abstract Task AssertValidAsync(object dto);
            public abstract Task<bool> IsValidAsync(object dto);
        }

        """;

    [Fact]
    public Task Checks_that_throw_on_the_first_failure_run_in_order() => Verify.AnalyzerAsync(Validators + """
        public static class Validation
        {
            public static Dictionary<Type, List<ITypeValidator>> Map { get; } = new();

            public static async Task AssertAsync(IRequest req, object dto, Type type)
            {
                if (Map.TryGetValue(type, out var validators))
                {
                    foreach (var v in validators)
                    {
                        await v.ThrowIfNotValidAsync(dto, req);
                    }

                    foreach (var v in validators)
                    {
                        await v.AssertValidAsync(dto);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task Independent_fetches_beside_the_checks_are_still_reported() => Verify.AnalyzerAsync(Validators + """
        public static class Pages
        {
            public static async Task<List<string>> LoadAsync(System.Net.Http.HttpClient http, List<string> urls)
            {
                var pages = new List<string>();
                foreach (var url in urls)
                {
                    pages.Add({|ASYNC302:await http.GetStringAsync(url)|});
                }

                return pages;
            }
        }
        """);
}
