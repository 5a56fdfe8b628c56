using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.LinkyTic;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.FirmwareHost.Serial;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>
/// The Linky meters of a site, each on its <c>tic:///path</c>: a socat pty pair made at the path (the gateway opens
/// it as its serial port), or the port <see cref="EmulatedSiteOptions.SerialPorts"/> maps it to. Device settings:
/// <c>mode</c> (historique, the meter's factory setting, or standard), <c>tariff_option</c> (hc, the default, or base).
/// </summary>
public sealed class LinkyDevices(SitePhysics physics, SimulationClock clock, EmulatedSiteOptions options) : IAsyncDisposable
{
    private readonly List<(Device Device, LinkyMeterModel Model, TicOutputMode Mode, IReadOnlyList<FaultSpec> Faults)> _pending = [];
    private readonly List<(LinkyTicEmulator Emulator, PtyPair? Pty)> _running = [];
    private readonly Dictionary<string, LinkyMeterModel> _models = new(StringComparer.Ordinal);

    public IReadOnlyList<LinkyTicEmulator> Emulators => _running.Select(r => r.Emulator).ToArray();

    /// <summary>What the meter shows at an instant (the simulated now by default).</summary>
    public LinkyValues ValuesOf(string deviceId, DateTimeOffset? at = null) =>
        _models.TryGetValue(deviceId, out var m) ? m.ValuesAt(at ?? clock.Now) : throw new KeyNotFoundException($"no emulated Linky '{deviceId}'");

    public string? TryAdd(Device device, IReadOnlyList<FaultSpec> faults)
    {
        if (device.Kind != DeviceKinds.LinkyTic) return $"kind '{device.Kind}' is not a Linky";
        if (device.Role != Roles.HouseholdMeter || device.Household is not { } h || !physics.Households.ContainsKey(h))
            return "a Linky is emulated on a household's grid connection (role household_meter with its household)";
        var mode = device.Settings.GetValueOrDefault("mode") == "standard" ? TicOutputMode.Standard : TicOutputMode.Historique;
        var heuresCreuses = device.Settings.GetValueOrDefault("tariff_option", "hc") != "base";
        var model = new LinkyMeterModel(device.Id, t => physics.HouseholdNetKw(h, t), heuresCreuses, physics.TimeZone, clock.Start, physics.Seed);
        _models[device.Id] = model;
        _pending.Add((device, model, mode, faults));
        return null;
    }

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var (device, model, mode, faults) in _pending)
        {
            var path = new Uri(device.Bus).AbsolutePath;
            PtyPair? pty = null;
            if (!options.SerialPorts.TryGetValue(path, out var port))
            {
                pty = await PtyPair.CreateAsync(path, ct: ct);
                port = pty.EmulatorSide;
            }
            // A meter's id (ADCO/ADSC) is 12 digits: seeded from the device id so a run repeats.
            var meterId = (StableRandom.Combine(physics.Seed, device.Id) % 1_000_000_000_000UL).ToString("D12", System.Globalization.CultureInfo.InvariantCulture);
            var emulator = new LinkyTicEmulator(port, meterId, mode, model, clock, faults, physics.Seed);
            emulator.Start();
            _running.Add((emulator, pty));
        }
        _pending.Clear();
    }

    public ValueTask DisposeAsync()
    {
        foreach (var (emulator, pty) in _running)
        {
            emulator.Dispose();
            pty?.Dispose();
        }
        _running.Clear();
        return ValueTask.CompletedTask;
    }
}
