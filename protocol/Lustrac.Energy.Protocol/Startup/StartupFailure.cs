using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Protocol.Startup;

/// <summary>
/// Turns the exceptions that mean "the configuration is wrong" into the text a Program prints before exiting 2.
/// The options framework throws one <see cref="OptionsValidationException"/> per settings section, or an
/// <see cref="AggregateException"/> of them when several sections are wrong: every problem is listed, one a line.
/// </summary>
public static class StartupFailure
{
    /// <returns>The message to print, or null when <paramref name="error"/> is not a configuration problem (a bug, a crash).</returns>
    public static string? Describe(Exception error) => error switch
    {
        StartupException or SiteModelException => error.Message,
        OptionsValidationException options => Listed(options.Failures),
        AggregateException { InnerExceptions.Count: > 0 } all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            Listed(all.InnerExceptions.SelectMany(e => ((OptionsValidationException)e).Failures)),
        _ => null,
    };

    private static string Listed(IEnumerable<string> failures)
    {
        var problems = failures.ToList();
        return problems.Count == 1
            ? problems[0]
            : $"{problems.Count} settings are wrong:\n  - {string.Join("\n  - ", problems)}";
    }
}
