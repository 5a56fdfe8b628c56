using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// The engine's energy sums of the current local day up to the last closed interval, per scope, kept in memory so the
/// wall screen's "today" figure starts from the same numbers as <c>/api/autonomy</c> and Grafana (a live line and a
/// period headline that disagree is what residents would notice first). Refreshed by the interval closing loop after each
/// close or recomputation.
/// </summary>
public sealed class EngineToday
{
    private volatile Snapshot? _current;

    private sealed record Snapshot(DateTime DayStartUtc, DateTime ClosedUntilUtc, IReadOnlyDictionary<string, EnergyPeriodSum?[]> Sums);

    /// <summary>Reads the day rows of the local day containing the last closed interval.</summary>
    public async Task RefreshAsync(IAutonomyStore results, SitePlan plan, DateTime closedUntilUtc, CancellationToken ct)
    {
        var day = LocalCalendar.Boundaries(closedUntilUtc.AddTicks(-1), closedUntilUtc, LocalCalendar.Period.Day, plan.Zone);
        var sums = await results.SumEnergyDaysAsync(ScopeSelection.EveryScope, [day[0], day[^1]], ct).ConfigureAwait(false);
        _current = new Snapshot(day[0], closedUntilUtc, sums);
    }

    /// <summary>Engine sums of one scope (household, or null for the neighbourhood) for the day starting at
    /// <paramref name="dayStartUtc"/>, with the instant they reach and the households they cover; null when none.</summary>
    public EngineDay? For(string? household, DateTime dayStartUtc)
    {
        var s = _current;
        if (s is null || s.DayStartUtc != dayStartUtc || !s.Sums.TryGetValue(household ?? EnergySums.Neighbourhood, out var sums) || sums[0] is not { } sum)
            return null;
        if (sum.Defined == 0) return null; // every interval so far unknown: nothing to start from
        int households = household is null ? s.Sums.Keys.Count(k => k != EnergySums.Neighbourhood) : 1;
        return new EngineDay(sum.Sum, s.ClosedUntilUtc, households);
    }
}

/// <summary>What the engine knows of today for one scope: its summed parts up to <paramref name="ClosedUntilUtc"/>.</summary>
public sealed record EngineDay(EnergyParts Parts, DateTime ClosedUntilUtc, int Households);
