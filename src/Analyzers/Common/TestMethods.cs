using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace AsyncLint.Analyzers;

/// <summary>
/// A method a test framework runs: xUnit's, NUnit's, MSTest's or TUnit's test attributes, by name, or an attribute
/// derived from one (<c>[SkippableFact]</c>, a project's <c>[MonoTheory]</c>).
/// </summary>
internal static class TestMethods
{
    /// <summary>A test attribute of each test framework: a compilation that sees one of them is a test project.</summary>
    private static readonly ImmutableArray<string> TestAttributeNames = ImmutableArray.Create(
        "Xunit.FactAttribute",
        "NUnit.Framework.TestAttribute",
        "Microsoft.VisualStudio.TestTools.UnitTesting.TestMethodAttribute",
        "TUnit.Core.TestAttribute");

    /// <summary>
    /// The compilation references a test framework (xUnit, NUnit, MSTest, TUnit): its code is tests and what they need.
    /// Each name is resolved once per compilation through <paramref name="symbols"/>' cache; keep the answer in a
    /// family's symbols object (a <c>Lazy&lt;bool&gt;</c>) when it is asked often.
    /// </summary>
    public static bool IsTestProject(AsyncSymbols symbols)
    {
        foreach (var name in TestAttributeNames)
        {
            if (symbols.Type(name) is not null)
            {
                return true;
            }
        }

        return false;
    }

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
