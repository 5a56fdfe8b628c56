using System.Globalization;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>The command line: <c>--site FILE [--speed N] [--start ISO-8601] [--seed N] [--faults FILE] [--serial PATH=PORT]… [--w1-root DIR]</c>.</summary>
/// <param name="HistoryBroker">With <c>--history-days</c>: the MQTT broker (host:port) the past is published to.</param>
public sealed record CommandLine(string SitePath, string? FaultsPath, EmulatedSiteOptions Options, (string Host, int Port)? HistoryBroker = null)
{
    public const string Usage =
        "usage: Lustrac.Energy.FirmwareHost --site FILE [--speed N] [--start 2026-06-21T00:00:00Z] [--seed N]\n" +
        "                                   [--faults FILE] [--serial BUS-PATH=PORT]... [--w1-root DIR]\n" +
        "                                   [--history-days N --history-broker HOST:PORT [--history-step MINUTES]]\n" +
        "  --site   the site model file (e.g. site/lustrac.site.yaml)\n" +
        "  --speed  simulated seconds per second: 1 real time (default), 60 an hour per minute, 0 frozen\n" +
        "  --start  simulated start instant (default: now)\n" +
        "  --seed   seed for clouds, loads and starting counters (default 1)\n" +
        "  --faults a fault file (timeouts, CRC errors, exceptions, stuck values, counter resets…)\n" +
        "  --serial the port the emulator opens for an RTU bus path (default: a socat pty pair at that path)\n" +
        "  --w1-root folder for emulated w1 devices (default: <temp>/lustrac-w1/devices)\n" +
        "  --history-days    backfill: publish the last N days of the site over MQTT as its gateways would have, then run live\n" +
        "  --history-broker  the broker to publish the history to, e.g. 127.0.0.1:18830 (required with --history-days)\n" +
        "  --history-step    minutes between the history's samples (default 15; divides 60)";

    /// <summary>Parses the arguments; on a mistake returns null and a message saying what to fix.</summary>
    public static (CommandLine? Parsed, string? Error) Parse(IReadOnlyList<string> args)
    {
        string? site = null;
        string? faults = null;
        var serial = new Dictionary<string, string>(StringComparer.Ordinal);
        var options = new EmulatedSiteOptions();
        (string, int)? broker = null;
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
                case "--history-days" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= 400:
                    options = options with { HistoryDays = days };
                    break;
                case "--history-step" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) && minutes is >= 1 and <= 60 && 60 % minutes == 0:
                    options = options with { HistoryStepMinutes = minutes };
                    break;
                case "--history-broker" when value.LastIndexOf(':') is > 0 and var colon
                                             && int.TryParse(value[(colon + 1)..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535:
                    broker = (value[..colon], port);
                    break;
                case "--history-days":
                    return (null, $"--history-days '{value}' is not valid: a whole number of days from 1 to 400.\n{Usage}");
                case "--history-step":
                    return (null, $"--history-step '{value}' is not valid: minutes that divide 60 (1, 5, 15, 30, 60).\n{Usage}");
                case "--history-broker":
                    return (null, $"--history-broker '{value}' is not valid: HOST:PORT, e.g. 127.0.0.1:18830.\n{Usage}");
                case "--speed" or "--start" or "--seed" or "--serial":
                    return (null, $"{name} '{value}' is not valid.\n{Usage}");
                default:
                    return (null, $"unknown option '{name}'.\n{Usage}");
            }
        }
        if (site is null) return (null, $"--site is required.\n{Usage}");
        if ((options.HistoryDays > 0) != (broker is not null))
            return (null, $"--history-days and --history-broker go together: the history is published to that broker.\n{Usage}");
        return (new CommandLine(site, faults, options, broker), null);
    }
}
