using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers;

/// <summary>
/// A method a test framework runs: xUnit's, NUnit's, MSTest's or TUnit's test attributes, by name, or an attribute
/// derived from one (<c>[SkippableFact]</c>, a project's <c>[MonoTheory]</c>).
/// </summary>
internal static class TestMethods
{
    public static bool IsTest(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            // The attribute and its bases up to System.Attribute: derived test attributes are a few levels deep at most.
            var depth = 0;
            for (var type = attribute.AttributeClass; type is not null && depth < 4; type = type.BaseType, depth++)
            {
                if (type.Name is "FactAttribute" or "TheoryAttribute" or "TestAttribute" or "TestCaseAttribute"
                    or "TestCaseSourceAttribute" or "TestMethodAttribute" or "DataTestMethodAttribute")
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// A method a test framework runs to set a test class up before its tests: NUnit's <c>[SetUp]</c>/<c>[OneTimeSetUp]</c>,
    /// MSTest's <c>[TestInitialize]</c>/<c>[ClassInitialize]</c>, TUnit's <c>[Before]</c>, or xUnit's
    /// <c>IAsyncLifetime.InitializeAsync</c>.
    /// </summary>
    public static bool IsFixtureSetup(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (attribute.AttributeClass?.Name is "SetUpAttribute" or "OneTimeSetUpAttribute" or "TestInitializeAttribute"
                or "ClassInitializeAttribute" or "AssemblyInitializeAttribute" or "BeforeAttribute")
            {
                return true;
            }
        }

        if (method.Name != "InitializeAsync" || method.ContainingType is not { } type)
        {
            return false;
        }

        foreach (var contract in type.AllInterfaces)
        {
            if (contract.Name == "IAsyncLifetime")
            {
                return true;
            }
        }

        return false;
    }
}
