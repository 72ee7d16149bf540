namespace ChestDx.Cli.Tests.Repository;

/// <summary>The repository the tests were built from: tests that read sources and scripts find it from here.</summary>
internal static class SourceTree
{
    /// <summary>The nearest folder above the test binaries that holds ChestDx.sln.</summary>
    public static string Root()
    {
        for (DirectoryInfo? d = new(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "ChestDx.sln"))) return d.FullName;
        throw new InvalidOperationException(
            $"ChestDx.sln not found above {AppContext.BaseDirectory}: these tests read the sources");
    }
}
