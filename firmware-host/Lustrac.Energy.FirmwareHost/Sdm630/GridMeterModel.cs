using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.Sdm630;

/// <summary>
/// A meter on a supply point whose net power comes from the site model (positive = import). Spreads the power over
/// the phases with seeded shares (a single-phase home on a three-phase meter loads its phases unevenly), adds grid
/// voltage and frequency wander, and integrates import and export counters from a seeded, plausible starting value.
/// </summary>
public sealed class GridMeterModel : IElectricityMeter
{
    private readonly Func<DateTimeOffset, double> _netPowerKw;
    private readonly double[] _phaseShares;
    private readonly ulong _voltageSeed;
    private readonly ulong _frequencySeed;
    private readonly EnergyCounter _import;
    private readonly EnergyCounter _export;
    private readonly EnergyCounter _importReactive;
    private readonly EnergyCounter _exportReactive;
    private readonly double _powerFactor;

    /// <param name="netPowerKw">Net active power at an instant, kW, import positive.</param>
    /// <param name="phases">1 for an SDM120 (all on L1), 3 for an SDM630.</param>
    public GridMeterModel(string deviceId, Func<DateTimeOffset, double> netPowerKw, int phases, DateTimeOffset origin,
        ulong siteSeed, double initialImportKwh, double initialExportKwh)
    {
        var key = StableRandom.Combine(siteSeed, deviceId);
        _netPowerKw = netPowerKw;
        _phaseShares = phases == 1 ? [1, 0, 0] : PhaseShares(key);
        _voltageSeed = StableRandom.Combine(key, "voltage");
        // Frequency is the same for the whole synchronous grid: seeded by the site, not the meter.
        _frequencySeed = StableRandom.Combine(siteSeed, "grid-frequency");
        _powerFactor = StableRandom.Between(StableRandom.Combine(key, "pf"), 0.92, 0.99);
        _import = new EnergyCounter(t => netPowerKw(t), origin, initialImportKwh);
        _export = new EnergyCounter(t => -netPowerKw(t), origin, initialExportKwh);
        // Reactive energy of the flow at the meter's power factor, Q = |P|·tan φ, counted in the flow's direction;
        // a meter in service for years has counted about a third as many kvarh as kWh (tan φ ≈ 0.2–0.4).
        var tanPhi = Math.Tan(Math.Acos(_powerFactor));
        _importReactive = new EnergyCounter(t => netPowerKw(t) * tanPhi, origin, Math.Round(initialImportKwh * tanPhi, 1));
        _exportReactive = new EnergyCounter(t => -netPowerKw(t) * tanPhi, origin, Math.Round(initialExportKwh * tanPhi, 1));
        Phases = phases;
    }

    public int Phases { get; }

    public MeterValues ValuesAt(DateTimeOffset t)
    {
        var netW = _netPowerKw(t) * 1000;
        var frequency = 50 + 0.04 * SmoothNoise.At(_frequencySeed, t, TimeSpan.FromSeconds(20));
        return new MeterValues(t, Phase(0, t, netW), Phase(1, t, netW), Phase(2, t, netW), frequency,
            _import.KwhAt(t), _export.KwhAt(t), _importReactive.KwhAt(t), _exportReactive.KwhAt(t));
    }

    private PhaseValues Phase(int index, DateTimeOffset t, double netW)
    {
        if (index >= Phases) return new PhaseValues(0, 0, 0, 1);
        // EN 50160 allows ±10 %; a rural LV feeder typically sits a few volts either side of 230 V.
        var voltage = 230 + 4 * SmoothNoise.At(StableRandom.Combine(_voltageSeed, (ulong)index), t, TimeSpan.FromMinutes(3));
        var power = netW * _phaseShares[index];
        var current = Math.Abs(power) / (voltage * _powerFactor);
        return new PhaseValues(voltage, current, power, _powerFactor);
    }

    private static double[] PhaseShares(ulong key)
    {
        var a = StableRandom.Between(StableRandom.Combine(key, 1UL), 0.2, 1);
        var b = StableRandom.Between(StableRandom.Combine(key, 2UL), 0.2, 1);
        var c = StableRandom.Between(StableRandom.Combine(key, 3UL), 0.2, 1);
        var sum = a + b + c;
        return [a / sum, b / sum, c / sum];
    }
}
