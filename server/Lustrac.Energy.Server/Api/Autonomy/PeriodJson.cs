using System.Numerics;
using System.Text.Json.Serialization;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Autonomy.Water;

namespace Lustrac.Energy.Server.Api.Autonomy;

// How periods look on the wire: sums of the defined intervals, ratios from those sums, null (never 0) where undefined.

/// <summary>How many of a period's intervals are known, and how they were known.</summary>
public sealed record IntervalCounts(
    [property: JsonPropertyName("expected")] int Expected,
    [property: JsonPropertyName("present")] int Present,
    [property: JsonPropertyName("measured")] int Measured,
    [property: JsonPropertyName("interpolated")] int Interpolated,
    [property: JsonPropertyName("estimated")] int Estimated,
    [property: JsonPropertyName("missing")] int Missing);

/// <summary>What a period's figures rest on: intervals present / expected, meter-intervals reporting / expected.</summary>
public sealed record PeriodQuality(
    [property: JsonPropertyName("coverage")] double? Coverage,
    [property: JsonPropertyName("meter_coverage")] double? MeterCoverage,
    [property: JsonPropertyName("intervals")] IntervalCounts Intervals)
{
    public static PeriodQuality Of<T>(Rollup<T> r) where T : struct, IAdditionOperators<T, T, T>, IAdditiveIdentity<T, T> =>
        new(r.Coverage, r.MeterCoverage, new IntervalCounts(r.Expected, r.Present, r.Measured, r.Interpolated, r.Estimated, r.Missing));
}

/// <summary>One period of energy: kWh sums and the two ratios, all null when no interval of it is known.</summary>
public sealed record EnergyPeriodJson(
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("consumption_kwh")] double? ConsumptionKwh,
    [property: JsonPropertyName("production_kwh")] double? ProductionKwh,
    [property: JsonPropertyName("allocated_kwh")] double? AllocatedKwh,
    [property: JsonPropertyName("import_kwh")] double? ImportKwh,
    [property: JsonPropertyName("export_kwh")] double? ExportKwh,
    [property: JsonPropertyName("self_consumed_kwh")] double? SelfConsumedKwh,
    [property: JsonPropertyName("self_sufficiency")] double? SelfSufficiency,
    [property: JsonPropertyName("self_consumption")] double? SelfConsumption,
    [property: JsonPropertyName("quality")] PeriodQuality Quality)
{
    public static EnergyPeriodJson Of(Rollup<EnergyParts> r)
    {
        bool any = r.Present > 0;
        double? Kwh(double v) => any ? v : null;
        var s = r.Sum;
        return new(AutonomyQuery.Format(r.StartUtc), AutonomyQuery.Format(r.EndUtc), Kwh(s.Consumption), Kwh(s.Production),
            Kwh(s.Allocated), Kwh(s.Import), Kwh(s.Export), Kwh(s.SelfConsumed),
            any ? s.SelfSufficiency : null, any ? s.SelfConsumption : null, PeriodQuality.Of(r));
    }
}

/// <summary>One period of water: litres of rain and mains, and the share of rain.</summary>
public sealed record WaterPeriodJson(
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("rain_l")] double? RainL,
    [property: JsonPropertyName("mains_l")] double? MainsL,
    [property: JsonPropertyName("water_autonomy")] double? WaterAutonomy,
    [property: JsonPropertyName("quality")] PeriodQuality Quality)
{
    public static WaterPeriodJson Of(Rollup<WaterParts> r)
    {
        bool any = r.Present > 0;
        return new(AutonomyQuery.Format(r.StartUtc), AutonomyQuery.Format(r.EndUtc), any ? r.Sum.Rain : null, any ? r.Sum.Mains : null,
            any ? r.Sum.Autonomy : null, PeriodQuality.Of(r));
    }
}

/// <summary>Self-sufficiency of one period against the target.</summary>
public sealed record EnergyProgressJson(
    [property: JsonPropertyName("start")] string Start,
    [property: JsonPropertyName("end")] string End,
    [property: JsonPropertyName("self_sufficiency")] double? SelfSufficiency,
    [property: JsonPropertyName("target")] double Target,
    [property: JsonPropertyName("progress")] double? Progress,
    [property: JsonPropertyName("met")] bool? Met,
    [property: JsonPropertyName("coverage")] double? Coverage)
{
    public static EnergyProgressJson Of(Rollup<EnergyParts> r, double target)
    {
        double? ss = r.Present > 0 ? r.Sum.SelfSufficiency : null;
        return new(AutonomyQuery.Format(r.StartUtc), AutonomyQuery.Format(r.EndUtc), ss, target,
            ss is double v && target > 0 ? Math.Min(1, v / target) : null, ss is double m ? m >= target : null, r.Coverage);
    }
}

/// <summary>The day, the month and the 12 months up to a reference time, each against the target.</summary>
public sealed record ProgressJson<T>(
    [property: JsonPropertyName("day")] T Day,
    [property: JsonPropertyName("month")] T Month,
    [property: JsonPropertyName("rolling_12_months")] T Rolling12Months);
