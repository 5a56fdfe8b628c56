using Lustrac.Energy.FirmwareHost.SunSpec;

namespace Lustrac.Energy.FirmwareHost.Faults;

/// <summary>
/// An inverter whose readings suffer value faults (stuck, lifetime counter reset or replacement), as <see cref="FaultyMeter"/>,
/// and trips: while an <see cref="FaultKind.InverterFault"/> is active it reports St = 7 FAULT, produces nothing and its
/// lifetime counter stands still (afterwards it counts on from there: the energy of the fault was never produced).
/// </summary>
public sealed class FaultyInverter(IPvInverter inverter, IReadOnlyList<FaultSpec> faults) : IPvInverter
{
    public double AcRatingW => inverter.AcRatingW;

    public InverterValues ValuesAt(DateTimeOffset t)
    {
        var stuck = faults.FirstOrDefault(f => f.Kind == FaultKind.Stuck && f.IsActiveAt(t));
        return stuck?.From is { } frozenAt ? Counted(frozenAt) with { At = t } : Counted(t);
    }

    /// <summary>The values with trips and counter restarts applied (a stuck meter shows these as of its fault start).</summary>
    private InverterValues Counted(DateTimeOffset t)
    {
        var values = Tripped(t);
        var restart = faults.Where(f => f.Kind is FaultKind.CounterReset or FaultKind.MeterReplacement && f.From <= t).MaxBy(f => f.From);
        if (restart?.From is not { } at) return values;
        var newBaseWh = restart.Kind == FaultKind.MeterReplacement ? restart.NewBaseKwh * 1000 : 0;
        return values with { LifetimeWh = values.LifetimeWh - Tripped(at).LifetimeWh + newBaseWh };
    }

    private InverterValues Tripped(DateTimeOffset t)
    {
        var values = inverter.ValuesAt(t);
        double lostWh = 0;
        foreach (var trip in faults.Where(f => f.Kind == FaultKind.InverterFault && f.From <= t))
        {
            var end = trip.To is { } to && to < t ? to : t;
            lostWh += inverter.ValuesAt(end).LifetimeWh - inverter.ValuesAt(trip.From!.Value).LifetimeWh;
        }
        values = values with { LifetimeWh = values.LifetimeWh - lostWh };
        return faults.Any(f => f.Kind == FaultKind.InverterFault && f.IsActiveAt(t))
            ? values with { AcPowerW = 0, AcCurrentA = 0, DcPowerW = 0, State = InverterState.Fault }
            : values;
    }
}
