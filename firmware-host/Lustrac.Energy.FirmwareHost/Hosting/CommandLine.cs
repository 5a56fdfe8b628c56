using System.Globalization;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>The command line: <c>--site FILE [--speed N] [--start ISO-8601] [--seed N] [--faults FILE] [--serial PATH=PORT]… [--w1-root DIR]</c>.</summary>
public sealed record CommandLine(string SitePath, string? FaultsPath, EmulatedSiteOptions Options)
{
    public const string Usage =
        "usage: Lustrac.Energy.FirmwareHost --site FILE [--speed N] [--start 2026-06-21T00:00:00Z] [--seed N]\n" +
        "                                   [--faults FILE] [--serial BUS-PATH=PORT]... [--w1-root DIR]\n" +
        "  --site   the site model file (e.g. site/lustrac.site.yaml)\n" +
        "  --speed  simulated seconds per second: 1 real time (default), 60 an hour per minute, 0 frozen\n" +
        "  --start  simulated start instant (default: now)\n" +
        "  --seed   seed for clouds, loads and starting counters (default 1)\n" +
        "  --faults a fault file (timeouts, CRC errors, exceptions, stuck values, counter resets…)\n" +
        "  --serial the port the emulator opens for an RTU bus path (default: a socat pty pair at that path)\n" +
        "  --w1-root folder for emulated w1 devices (default: <temp>/lustrac-w1/devices)";

    /// <summary>Parses the arguments; on a mistake returns null and a message saying what to fix.</summary>
    public static (CommandLine? Parsed, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? site = null;
        string? faults = null;
        var serial = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EmulatedSiteOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            if (name is "-h" or "--help") return (null, Usage);
            if (i + 1 >= args.Count) return (null, $"{name} needs a value.\n{Usage}");
            var value = args[++i];
            switch (name)
            {
                case "--site":
                    site = value;
                    break;
                case "--faults":
                    faults = value;
                    break;
                case "--w1-root":
                    options = options with { W1Root = value };
                    break;
                case "--serial" when value.IndexOf('=') is > 0 and var eq && eq < value.Length - 1:
                    serial[value[..eq]] = value[(eq + 1)..];
                    options = options with { SerialPorts = serial };
                    break;
                case "--speed" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var speed) && speed is >= 0 and <= Clock.SimulationClock.MaxSpeed:
                    options = options with { Speed = speed };
                    break;
                case "--speed":
                    return (null, $"--speed '{value}' is not valid: simulated seconds per second, from 0 (frozen) to 86400 (a day per second); 1 is real time.\n{Usage}");
                case "--start" when DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start):
                    options = options with { Start = start.ToUniversalTime() };
                    break;
                case "--seed" when ulong.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed):
                    options = options with { Seed = seed };
                    break;
                case "--speed" or "--start" or "--seed" or "--serial":
                    return (null, $"{name} '{value}' is not valid.\n{Usage}");
                default:
                    return (null, $"unknown option '{name}'.\n{Usage}");
            }
        }
        return site is null ? (null, $"--site is required.\n{Usage}") : (new CommandLine(site, faults, options), null);
    }
}
