using System.Globalization;
using System.Text.RegularExpressions;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Ds18b20;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>
/// The emulated 1-Wire devices of a site: their files under one root folder, rewritten every second of wall time
/// (a DS18B20 converts in 750 ms at 12 bits, so a reader sees fresh values at about the real rate).
/// </summary>
public sealed partial class W1Devices : IAsyncDisposable
{
    private readonly List<Ds18b20Probe> _probes = [];
    private readonly SimulationClock _clock;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public W1Devices(string root, SimulationClock clock)
    {
        Root = root;
        _clock = clock;
    }

    /// <summary>The folder that stands for /sys/bus/w1/devices.</summary>
    public string Root { get; }

    public IReadOnlyList<Ds18b20Probe> Probes => _probes;

    public static string DefaultRoot => Path.Combine(Path.GetTempPath(), "lustrac-w1", "devices");

    [GeneratedRegex("^w1://(28-[0-9a-f]{12})$")]
    private static partial Regex Ds18b20Bus();

    /// <summary>Adds a DS18B20 measuring a compost pile at the depth of its setting <c>depth_m</c> (default 0.5 m).</summary>
    public string? TryAddCompostProbe(Device device, SitePhysics physics, IReadOnlyList<FaultSpec> faults)
    {
        var match = Ds18b20Bus().Match(device.Bus);
        if (!match.Success) return $"bus '{device.Bus}' is not w1://28-<12 lower-case hex digits>";
        if (device.Asset is not { } asset || !physics.CompostPiles.TryGetValue(asset, out var pile))
            return "a DS18B20 is emulated in a compost pile: name a compost_pile asset";
        var depth = double.TryParse(device.Settings.GetValueOrDefault("depth_m"), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0.5;
        _probes.Add(new Ds18b20Probe(Root, match.Groups[1].Value, t => pile.TemperatureC(t, depth), faults));
        return null;
    }

    public void Start()
    {
        if (_probes.Count == 0) return;
        Directory.CreateDirectory(Root);
        WriteAll();
        _loop = RunAsync(_clock, _stopping.Token);
    }

    /// <summary>Rewrites every probe's files for the simulated now.</summary>
    public void WriteAll()
    {
        var now = _clock.Now;
        foreach (var probe in _probes) probe.WriteAt(now);
    }

    private async Task RunAsync(SimulationClock clock, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try { await Task.Delay(TimeSpan.FromSeconds(1), clock.Wall, ct); }
            catch (OperationCanceledException) { return; }
            try { WriteAll(); }
            catch (IOException) { } // a reader held a file; the next round writes it
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_loop is not null) await _loop;
        foreach (var probe in _probes)
        {
            if (Directory.Exists(probe.Folder)) Directory.Delete(probe.Folder, recursive: true);
        }
        _stopping.Dispose();
    }
}
