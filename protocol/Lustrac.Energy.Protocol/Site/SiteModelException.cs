namespace Lustrac.Energy.Protocol.Site;

/// <summary>One problem in a site file: where it is, what is wrong, and how to fix it.</summary>
public sealed record SiteProblem(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>Thrown when the site file cannot be used; lists every problem found, not just the first.</summary>
public sealed class SiteModelException(IReadOnlyList<SiteProblem> problems)
    : Exception(Format(problems))
{
    public IReadOnlyList<SiteProblem> Problems { get; } = problems;

    private static string Format(IReadOnlyList<SiteProblem> problems) =>
        $"The site file has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}:" + Environment.NewLine +
        string.Join(Environment.NewLine, problems.Select(p => "  - " + p));
}
