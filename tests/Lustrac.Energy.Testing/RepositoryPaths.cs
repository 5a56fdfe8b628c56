namespace Lustrac.Energy.Testing;

public static class RepositoryPaths
{
    /// <summary>The repository root, found by walking up from the test binaries to Lustrac.Energy.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string SampleSite => Path.Combine(Root, "site", "lustrac.site.yaml");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lustrac.Energy.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("cannot find Lustrac.Energy.sln above " + AppContext.BaseDirectory);
    }
}
