using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;

namespace Lustrac.Energy.Server.Autonomy;

/// <summary>How periods look on the wire: sums of the defined intervals, ratios from those sums, null (never 0) where undefined.</summary>
public static class AutonomyJson
{
    public static object Coverage<T>(Rollup<T> r) where T : struct, System.Numerics.IAdditionOperators<T, T, T>, System.Numerics.IAdditiveIdentity<T, T> => new
    {
        coverage = r.Coverage,
        meter_coverage = r.MeterCoverage,
        intervals = new { expected = r.Expected, present = r.Present, measured = r.Measured, interpolated = r.Interpolated, estimated = r.Estimated, missing = r.Missing },
    };

    public static object Energy(Rollup<EnergyParts> r)
    {
        bool any = r.Present > 0;
        double? Kwh(double v) => any ? v : null;
        return new
        {
            start = AutonomyQuery.Format(r.StartUtc),
            end = AutonomyQuery.Format(r.EndUtc),
            consumption_kwh = Kwh(r.Sum.Consumption),
            production_kwh = Kwh(r.Sum.Production),
            allocated_kwh = Kwh(r.Sum.Allocated),
            import_kwh = Kwh(r.Sum.Import),
            export_kwh = Kwh(r.Sum.Export),
            self_consumed_kwh = Kwh(r.Sum.SelfConsumed),
            self_sufficiency = any ? r.Sum.SelfSufficiency : null,
            self_consumption = any ? r.Sum.SelfConsumption : null,
            quality = Coverage(r),
        };
    }

    public static object Water(Rollup<WaterParts> r)
    {
        bool any = r.Present > 0;
        return new
        {
            start = AutonomyQuery.Format(r.StartUtc),
            end = AutonomyQuery.Format(r.EndUtc),
            rain_l = any ? r.Sum.Rain : (double?)null,
            mains_l = any ? r.Sum.Mains : (double?)null,
            water_autonomy = any ? r.Sum.Autonomy : null,
            quality = Coverage(r),
        };
    }

    /// <summary>Self-sufficiency of one period against the target.</summary>
    public static object Progress(Rollup<EnergyParts> r, double target)
    {
        double? ss = r.Present > 0 ? r.Sum.SelfSufficiency : null;
        return new
        {
            start = AutonomyQuery.Format(r.StartUtc),
            end = AutonomyQuery.Format(r.EndUtc),
            self_sufficiency = ss,
            target,
            progress = ss is double v && target > 0 ? Math.Min(1, v / target) : (double?)null,
            met = ss is double m ? m >= target : (bool?)null,
            coverage = r.Coverage,
        };
    }
}
