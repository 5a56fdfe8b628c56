using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.LinkyTic;

/// <summary>What a Linky shows at an instant: its indexes in Wh (the meter counts whole watt-hours) and its gauges.</summary>
/// <param name="TariffIndexesWh">Per supplier tariff period, in the option's order (base: one; heures creuses: HC, HP).</param>
/// <param name="ImportVa">Apparent power drawn (SINSTS, PAPP); <paramref name="ExportVa"/> injected (SINSTI).</param>
public sealed record LinkyValues(DateTimeOffset Time, long[] TariffIndexesWh, long InjectedWh, int ImportVa, int ExportVa, int CurrentA, int VoltageV, bool OffPeak)
{
    /// <summary>EAST, the total withdrawn: the sum of the supplier indexes, as on the meter.</summary>
    public long TotalWh => TariffIndexesWh.Sum();
}

/// <summary>
/// A Linky on a household's grid connection, driven by the same household model as the emulated Eastron meters:
/// the home's net power integrated into one index per tariff period (heures creuses 22:00–06:00 local time when the
/// option is <c>hc</c>) and an injection index, from seeded starting values of a meter a few years in service.
/// </summary>
public sealed class LinkyMeterModel
{
    private readonly Func<DateTimeOffset, double> _netKw;
    private readonly EnergyCounter[] _indexes;
    private readonly EnergyCounter _injected;
    private readonly TimeZoneInfo _france;
    private readonly ulong _voltageSeed;
    private readonly double _powerFactor;

    public LinkyMeterModel(string deviceId, Func<DateTimeOffset, double> netKw, bool heuresCreuses, TimeZoneInfo france, DateTimeOffset origin, ulong seed)
    {
        var key = StableRandom.Combine(seed, deviceId);
        _netKw = netKw;
        _france = france;
        _voltageSeed = StableRandom.Combine(key, "voltage");
        _powerFactor = StableRandom.Between(StableRandom.Combine(key, "pf"), 0.9, 0.98);
        var years = StableRandom.Between(StableRandom.Combine(key, "age"), 0.5, 6);
        var importedKwh = HouseholdLoadModel.TypicalDailyKwh * 365 * years;
        HeuresCreuses = heuresCreuses;
        _indexes = heuresCreuses
            ? [new EnergyCounter(t => OffPeakAt(t) ? netKw(t) : 0, origin, Math.Round(importedKwh * 0.4, 3)),
               new EnergyCounter(t => OffPeakAt(t) ? 0 : netKw(t), origin, Math.Round(importedKwh * 0.6, 3))]
            : [new EnergyCounter(netKw, origin, Math.Round(importedKwh, 3))];
        _injected = new EnergyCounter(t => -netKw(t), origin, Math.Round(300 * years, 3));
    }

    public bool HeuresCreuses { get; }

    public TimeZoneInfo France => _france;

    /// <summary>Heures creuses, 22:00 to 06:00 local time: the most common schedule [the grid operator sets each meter's own].</summary>
    public bool OffPeakAt(DateTimeOffset t) => HeuresCreuses && TimeZoneInfo.ConvertTime(t, _france).Hour is >= 22 or < 6;

    public LinkyValues ValuesAt(DateTimeOffset t)
    {
        var netW = _netKw(t) * 1000;
        var voltage = 230 + 4 * SmoothNoise.At(_voltageSeed, t, TimeSpan.FromMinutes(3));
        var va = Math.Abs(netW) / _powerFactor;
        return new LinkyValues(t,
            _indexes.Select(c => (long)Math.Floor(c.KwhAt(t) * 1000)).ToArray(),
            (long)Math.Floor(_injected.KwhAt(t) * 1000),
            ImportVa: netW > 0 ? (int)Math.Round(va) : 0,
            ExportVa: netW < 0 ? (int)Math.Round(va) : 0,
            CurrentA: (int)Math.Round(va / voltage),
            VoltageV: (int)Math.Round(voltage),
            OffPeak: OffPeakAt(t));
    }
}
