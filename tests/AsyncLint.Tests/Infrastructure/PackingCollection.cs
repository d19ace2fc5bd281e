namespace AsyncLint.Tests.Infrastructure;

/// <summary>
/// Tests that run <c>dotnet pack</c> rebuild the Release outputs of the same projects; they must not run at once.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackingCollection
{
    public const string Name = "dotnet pack";
}
