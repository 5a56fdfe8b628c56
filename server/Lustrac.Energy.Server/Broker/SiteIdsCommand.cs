using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Broker;

/// <summary>
/// <c>Lustrac.Energy.Server site-ids SITE_FILE</c>: the site id and the gateway ids, one per line (<c>site ID</c>, then
/// <c>gateway ID</c> lines), read by the project's own site loader and validator, so deploy/mosquitto/make-users.sh
/// makes users for exactly the gateways the server and the gateways see, whatever YAML style the file uses.
/// </summary>
public static class SiteIdsCommand
{
    public const string Name = "site-ids";

    /// <returns>The process exit code: 0, or 2 when the file cannot be used (the reason on standard error).</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter errors)
    {
        if (args.Count != 1)
        {
            errors.WriteLine($"usage: Lustrac.Energy.Server {Name} SITE_FILE");
            return 2;
        }
        SiteModel site;
        try
        {
            site = SiteLoader.LoadFile(args[0]);
        }
        catch (Exception ex) when (ex is SiteModelException or IOException or UnauthorizedAccessException)
        {
            errors.WriteLine($"Cannot read the site file {args[0]}. {ex.Message}");
            return 2;
        }
        output.WriteLine($"site {site.Site.Id}");
        foreach (var gateway in site.Gateways) output.WriteLine($"gateway {gateway.Id}");
        return 0;
    }
}
