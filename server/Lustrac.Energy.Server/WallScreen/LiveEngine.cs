using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// One device's flow over a stretch of time, split by direction (never signed): forward is import for a grid meter,
/// production for PV, discharge for a battery (README, sign convention); reverse is export or charge.
/// </summary>
public readonly record struct DeviceFlow(double Forward, double Reverse)
{
    /// <summary>A signed power or energy as its two directions.</summary>
    public static DeviceFlow Of(double signed) => new(Math.Max(0, signed), Math.Max(0, -signed));

    public static DeviceFlow operator +(DeviceFlow a, DeviceFlow b) => new(a.Forward + b.Forward, a.Reverse + b.Reverse);
}

/// <summary>
/// The autonomy engine (<see cref="EnergyEngine"/> with the site's allocation rule) run on flows estimated from live
/// power, so the screen's open interval and its live watts are split exactly as <c>/api/autonomy</c> splits closed
/// intervals. A device of the plan without a flow is Missing, as a meter without counters is in the engine: under the
/// dynamic keys every share then depends on it and is unknown. Watts may be passed as they are: every key is linear
/// (k × production shared among k × demands gives k × the shares), so W in gives W out.
/// </summary>
public static class LiveEngine
{
    /// <summary>Runs the engine over <paramref name="grid"/>; <paramref name="flowOf"/> gives a device's flow in interval k, or null.</summary>
    public static EnergyResult Run(SitePlan plan, IntervalGrid grid, Func<int, string, DeviceFlow?> flowOf, AllocationRule? rule = null)
    {
        var households = plan.Households.Select(h => new HouseholdMeters(
            h.Id,
            Import: Series(grid, h.Meters, flowOf, f => f.Forward) ?? Unknown(grid),
            Export: Series(grid, h.Meters, flowOf, f => f.Reverse) ?? Unknown(grid),
            OwnProduction: Series(grid, h.OwnPv, flowOf, f => f.Forward),
            BatteryCharge: Series(grid, h.Batteries, flowOf, f => f.Reverse),
            BatteryDischarge: Series(grid, h.Batteries, flowOf, f => f.Forward))).ToList();
        var shared = rule is null
            ? plan.SharedProduction.Select(d => Series(grid, [d], flowOf, f => f.Forward)!).ToList()
            : []; // a rule of its own (consumption only): nothing to share
        return EnergyEngine.Compute(new NeighbourhoodMeters(grid, households, shared), rule ?? plan.Allocation);
    }

    /// <summary>
    /// Each household's consumption alone, known wherever its own devices reported whatever the others did: consumption
    /// does not depend on the key, so the engine runs with nothing to share under a static key of zero shares.
    /// </summary>
    public static EnergyResult Consumption(SitePlan plan, IntervalGrid grid, Func<int, string, DeviceFlow?> flowOf) =>
        Run(plan, grid, flowOf, new AllocationRule(AllocationKey.Static, new double[plan.Households.Count]));

    /// <summary>A household without a grid meter (the validator refuses one) has unknown import and export.</summary>
    private static IntervalValue[] Unknown(IntervalGrid grid) => Enumerable.Repeat(IntervalValue.Missing, grid.Count).ToArray();

    /// <summary>The summed flows of a role's devices per interval; Missing where one of them has none; null without devices.</summary>
    private static IntervalValue[]? Series(IntervalGrid grid, string[] devices, Func<int, string, DeviceFlow?> flowOf, Func<DeviceFlow, double> part)
    {
        if (devices.Length == 0) return null;
        var series = new IntervalValue[grid.Count];
        for (int k = 0; k < grid.Count; k++)
        {
            double sum = 0;
            bool known = true;
            foreach (var d in devices)
            {
                if (flowOf(k, d) is { } f) sum += part(f);
                else { known = false; break; }
            }
            series[k] = known ? IntervalValue.Measured(sum) : IntervalValue.Missing;
        }
        return series;
    }
}
