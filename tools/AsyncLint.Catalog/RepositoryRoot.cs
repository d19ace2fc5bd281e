namespace AsyncLint.Catalog;

/// <summary>The repository root: the given folder, or the first folder holding AsyncLint.sln above the current directory or the tool.</summary>
public static class RepositoryRoot
{
    public static string Find(string? given = null)
    {
        if (given is not null)
        {
            return Path.GetFullPath(given);
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "AsyncLint.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("AsyncLint.sln not found above " + Directory.GetCurrentDirectory());
    }
}
