using Microsoft.Extensions.Configuration;

namespace Lustrac.Energy.Protocol.Startup;

/// <summary>
/// `--config FILE`: a JSON settings file (a package's /etc/lustrac/server.json or gateway.json), read before the command
/// line so that a switch still overrides it. A missing or broken file stops start-up naming the file.
/// </summary>
public static class ConfigFile
{
    /// <param name="example">The installed file, shown in the message when --config has no file name.</param>
    public static void Add(IConfigurationBuilder configuration, string[] args, string example)
    {
        var at = Array.IndexOf(args, "--config");
        if (at < 0) return;
        if (at + 1 >= args.Length) throw new StartupException($"--config needs a file name, e.g. --config {example}.");
        var file = Path.GetFullPath(args[at + 1]);
        if (!File.Exists(file)) throw new StartupException($"The configuration file {file} does not exist. Reinstall the package or create it (see README, Deploying).");
        try
        {
            configuration.AddJsonFile(file, optional: false, reloadOnChange: false);
        }
        catch (InvalidDataException ex)
        {
            throw new StartupException($"The configuration file {file} is not valid JSON: {ex.InnerException?.Message ?? ex.Message}");
        }
    }
}
