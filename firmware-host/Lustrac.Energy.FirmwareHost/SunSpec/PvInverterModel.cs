using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>
/// An inverter fed by a <see cref="PvArrayModel"/>: AC power from the array model, a lifetime energy counter
/// integrated from it (starting from a seeded value of one to six years of yield), DC side at a conversion
/// efficiency of 97 %, grid voltage and frequency wander, and the SunSpec operating state.
/// </summary>
public sealed class PvInverterModel : IPvInverter
{
    private const double ConversionEfficiency = 0.97;
    private readonly PvArrayModel _array;
    private readonly EnergyCounter _lifetime;
    private readonly ulong _voltageSeed;
    private readonly ulong _frequencySeed;
    private readonly ulong _dcSeed;

    public PvInverterModel(string deviceId, PvArrayModel array, DateTimeOffset origin, ulong siteSeed)
    {
        var key = StableRandom.Combine(siteSeed, deviceId);
        _array = array;
        var years = StableRandom.Between(StableRandom.Combine(key, "age"), 1, 6);
        var initialKwh = Math.Round(array.PeakKw * 1270 * years);
        _lifetime = new EnergyCounter(array.AcPowerKw, origin, initialKwh);
        _voltageSeed = StableRandom.Combine(key, "voltage");
        _frequencySeed = StableRandom.Combine(siteSeed, "grid-frequency");
        _dcSeed = StableRandom.Combine(key, "dc-voltage");
    }

    public double AcRatingW => _array.AcRatingKw * 1000;

    public PvArrayModel Array => _array;

    public InverterValues ValuesAt(DateTimeOffset t)
    {
        var acW = _array.AcPowerKw(t) * 1000;
        var producing = acW > 0.5;
        double Voltage(ulong phase) => 230 + 4 * SmoothNoise.At(StableRandom.Combine(_voltageSeed, phase), t, TimeSpan.FromMinutes(3));
        var (va, vb, vc) = (Voltage(0), Voltage(1), Voltage(2));
        var current = acW / ((va + vb + vc) / 3); // total of the three phase currents
        var state = !producing ? InverterState.Sleeping : _array.IsThrottled(t) ? InverterState.Throttled : InverterState.Mppt;
        return new InverterValues(
            t,
            acW,
            current,
            va, vb, vc,
            50 + 0.04 * SmoothNoise.At(_frequencySeed, t, TimeSpan.FromSeconds(20)),
            _lifetime.KwhAt(t) * 1000,
            producing ? acW / ConversionEfficiency : 0,
            producing ? 620 + 25 * SmoothNoise.At(_dcSeed, t, TimeSpan.FromMinutes(10)) : 0,
            22 + 18 * acW / AcRatingW,
            state);
    }
}
