using Lustrac.Energy.FirmwareHost.Sdm630;

namespace Lustrac.Energy.FirmwareHost.Faults;

/// <summary>
/// A meter whose readings suffer value faults: stuck (everything frozen at the fault's start), counter reset
/// (counters restart at 0) or replacement (a new meter, counters restart at a new base). What it returns is what the
/// meter shows — and so what <see cref="Hosting.EmulatedSite.MeterValues"/> reports as served.
/// </summary>
public sealed class FaultyMeter(IElectricityMeter meter, IReadOnlyList<FaultSpec> faults) : IElectricityMeter
{
    public MeterValues ValuesAt(DateTimeOffset t)
    {
        var stuck = faults.FirstOrDefault(f => f.Kind == FaultKind.Stuck && f.IsActiveAt(t));
        return stuck?.From is { } frozenAt ? Counted(frozenAt) with { At = t } : Counted(t);
    }

    /// <summary>The values with counter restarts applied (a stuck meter shows these as of its fault start).</summary>
    private MeterValues Counted(DateTimeOffset t)
    {
        var values = meter.ValuesAt(t);
        // The latest counter restart before t decides the offset; earlier ones are superseded by it.
        var restart = faults.Where(f => f.Kind is FaultKind.CounterReset or FaultKind.MeterReplacement && f.From <= t)
                            .MaxBy(f => f.From);
        if (restart?.From is not { } at) return values;
        var atRestart = meter.ValuesAt(at);
        var newBase = restart.Kind == FaultKind.MeterReplacement ? restart.NewBaseKwh : 0;
        return values with
        {
            ImportKwh = values.ImportKwh - atRestart.ImportKwh + newBase,
            ExportKwh = values.ExportKwh - atRestart.ExportKwh,
            ImportKvarh = values.ImportKvarh - atRestart.ImportKvarh,
            ExportKvarh = values.ExportKvarh - atRestart.ExportKvarh,
        };
    }
}
