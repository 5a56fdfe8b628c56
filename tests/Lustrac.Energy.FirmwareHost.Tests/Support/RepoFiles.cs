namespace Lustrac.Energy.FirmwareHost.Tests.Support;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepoFiles
{
    public static string Root { get; } = FindRoot();

    public static string SampleSite => Path.Combine(Root, "site", "lustrac.site.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "site", "lustrac.site.yaml"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("cannot find the repository root (site/lustrac.site.yaml) above " + AppContext.BaseDirectory);
    }
}
