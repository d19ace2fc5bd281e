using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers;

/// <summary>A method a test framework runs: xUnit's, NUnit's, MSTest's or TUnit's test attributes, by name.</summary>
internal static class TestMethods
{
    public static bool IsTest(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is "FactAttribute" or "TheoryAttribute" or "TestAttribute" or "TestCaseAttribute"
                or "TestCaseSourceAttribute" or "TestMethodAttribute" or "DataTestMethodAttribute")
            {
                return true;
            }
        }

        return false;
    }
}
