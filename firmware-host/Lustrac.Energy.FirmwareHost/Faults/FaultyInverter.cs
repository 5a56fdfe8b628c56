using Lustrac.Energy.FirmwareHost.SunSpec;

namespace Lustrac.Energy.FirmwareHost.Faults;

/// <summary>An inverter whose readings suffer value faults (stuck, lifetime counter reset or replacement), as <see cref="FaultyMeter"/>.</summary>
public sealed class FaultyInverter(IPvInverter inverter, IReadOnlyList<FaultSpec> faults) : IPvInverter
{
    public double AcRatingW => inverter.AcRatingW;

    public InverterValues ValuesAt(DateTimeOffset t)
    {
        var stuck = faults.FirstOrDefault(f => f.Kind == FaultKind.Stuck && f.IsActiveAt(t));
        return stuck?.From is { } frozenAt ? Counted(frozenAt) with { At = t } : Counted(t);
    }

    /// <summary>The values with counter restarts applied (a stuck meter shows these as of its fault start).</summary>
    private InverterValues Counted(DateTimeOffset t)
    {
        var values = inverter.ValuesAt(t);
        var restart = faults.Where(f => f.Kind is FaultKind.CounterReset or FaultKind.MeterReplacement && f.From <= t).MaxBy(f => f.From);
        if (restart?.From is not { } at) return values;
        var newBaseWh = restart.Kind == FaultKind.MeterReplacement ? restart.NewBaseKwh * 1000 : 0;
        return values with { LifetimeWh = values.LifetimeWh - inverter.ValuesAt(at).LifetimeWh + newBaseWh };
    }
}
