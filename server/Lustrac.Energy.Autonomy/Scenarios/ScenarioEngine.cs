using Lustrac.Energy.Autonomy.Energy;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>One side of a comparison: the energy balance by day, the water side (null without water history) and batteries.</summary>
public sealed record ScenarioRun(DailyEnergy Energy, WaterScenario? Water, IReadOnlyList<BatteryTrace> Batteries, double? PerformanceRatio, double[]? ShiftedKwh);

/// <summary>What happened and what would have happened under the changes, over the same history.</summary>
public sealed record ScenarioOutcome(ScenarioHistory History, ScenarioRun Actual, ScenarioRun Scenario);

/// <summary>
/// Recomputes a stored history under a scenario with the engine's own balance and allocator, in this order:
/// (1) shared production = arrays scaled and added (<see cref="MorePv"/>); (2) the balance with it, whose surplus
/// (neighbourhood export) tells (3) where flexible load moves (<see cref="LoadShifter"/>) and where (4) household
/// batteries charge and discharge; (5) the balance again over the changed meters, under the scenario's key;
/// (6) shared batteries on that balance; (7) the tanks replayed. A change absent leaves its step out, so no change
/// at all gives exactly the engine's figures of the history (property-tested). Steps (5) and (6) keep no interval
/// records: the balance is added into days as it is computed (<see cref="DailyEnergySink"/>).
/// </summary>
public static class ScenarioEngine
{
    /// <param name="scenarioIntervals">Given, it receives the scenario's final balance interval by interval (tests look at it).</param>
    public static ScenarioOutcome Run(ScenarioHistory history, ScenarioChanges changes, IEnergySink? scenarioIntervals = null)
    {
        ScenarioValidation.ThrowIfInvalid(history, changes);
        var ids = history.Households.Select(h => h.HouseholdId).ToArray();
        // What happened does not depend on the changes: computed on another core while the scenario is.
        var actualRun = Task.Run(() =>
        {
            var days = new DailyEnergySink(history.Grid, history.Zone, ids);
            EnergyEngine.Run(history.Meters, history.Allocation, days);
            return new ScenarioRun(days.Finish(), history.Water is null ? null : TankReplay.Actual(history.Grid, history.Zone, history.Water), [], null, null);
        });

        var rule = changes.Allocation ?? history.Allocation;
        var shared = MorePv.Apply(history, changes, out var pr);
        var households = history.Households;
        var meters = new NeighbourhoodMeters(history.Grid, households, shared);
        var traces = new List<BatteryTrace>();
        double[]? shifted = null;
        var homeBatteries = (changes.Batteries ?? []).Where(b => b.Household is not null).ToArray();
        if (changes.LoadShift is not null || homeBatteries.Length > 0)
        {
            var first = EnergyEngine.Compute(meters, rule);
            if (changes.LoadShift is { } shift)
            {
                households = LoadShifter.Apply(history with { Households = households }, first, shift, out shifted);
                if (homeBatteries.Length > 0) first = EnergyEngine.Compute(meters with { Households = households }, rule);
            }
            if (homeBatteries.Length > 0) households = ScenarioBatteries.InHouseholds(households, first, homeBatteries, traces);
            meters = meters with { Households = households };
        }
        var daily = new DailyEnergySink(history.Grid, history.Zone, ids, scenarioIntervals);
        var sharedBatteries = (changes.Batteries ?? []).Where(b => b.Household is null).ToArray();
        var sharedBattery = sharedBatteries.Length > 0 ? new SharedBatteries(sharedBatteries, rule, history.Grid, daily) : null;
        EnergyEngine.Run(meters, rule, (IEnergySink?)sharedBattery ?? daily);
        if (sharedBattery is not null) traces.AddRange(sharedBattery.Traces);

        var actual = actualRun.GetAwaiter().GetResult();
        var water = history.Water is null ? null
            : changes.Tank is { } tank ? TankReplay.Replay(history.Grid, history.Zone, history.Water, tank)
            : actual.Water;
        return new ScenarioOutcome(history, actual, new ScenarioRun(daily.Finish(), water, traces, pr, shifted));
    }
}
