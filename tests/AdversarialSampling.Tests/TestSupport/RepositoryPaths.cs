namespace AdversarialSampling.Tests.TestSupport;

/// <summary>Locates files of the repository checkout the tests were built from.</summary>
internal static class RepositoryPaths
{
    /// <summary>The repository root: the nearest directory above the test binaries that holds AdversarialSampling.sln.</summary>
    public static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AdversarialSampling.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Repository root (AdversarialSampling.sln) not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A file's text with "\n" line endings.</summary>
    /// <param name="relativePath">Path relative to the root, '/'-separated.</param>
    public static string ReadText(string relativePath)
        => File.ReadAllText(Path.Combine([Root(), .. relativePath.Split('/')])).ReplaceLineEndings("\n");
}
