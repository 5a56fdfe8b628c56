using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Water;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>
/// The result schema, written once and used by both stores so that SQLite tables and InfluxDB measurements carry the
/// same names (dashboards are built against them). Identity = (measurement, tags, time): a recomputation overwrites.
/// </summary>
public static class AutonomySchema
{
    private static double? Defined(bool defined, double value) => defined ? value : null;
    private static string? Household(IStoredRow r) => r.Text("household") is { Length: > 0 } h ? h : null;

    public static readonly MeasurementSchema<EnergyIntervalRow> Energy = new("energy_interval",
    [
        new("scope", ColumnKind.Tag, r => r.Scope),
        new("household", ColumnKind.Tag, r => r.Household ?? ""),
        new("consumption_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.Consumption)),
        new("own_production_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.OwnProduction)),
        new("allocated_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.Allocated)),
        new("production_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.Production)),
        new("import_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.Import)),
        new("export_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.Export)),
        new("self_consumed_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.SelfConsumed)),
        // Not in the dashboard contract, but needed to sum periods exactly (SS numerator, battery flows).
        new("locally_supplied_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.LocallySupplied)),
        new("battery_charge_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.BatteryCharge)),
        new("battery_discharge_kwh", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.BatteryDischarge)),
        new("self_sufficiency", ColumnKind.Float, r => r.IsDefined ? r.Parts.SelfSufficiency : null),
        new("self_consumption", ColumnKind.Float, r => r.IsDefined ? r.Parts.SelfConsumption : null),
        new("quality", ColumnKind.Text, r => WireNames.Of(r.Quality)),
        new("coverage", ColumnKind.Float, r => r.Coverage),
        new("meters_reporting", ColumnKind.Integer, r => (long)r.MetersReporting),
        new("meters_expected", ColumnKind.Integer, r => (long)r.MetersExpected),
    ], r => r.StartUtc, s => new EnergyIntervalRow(s.TimeUtc, Household(s),
        new EnergyParts(
            Consumption: s.Float("consumption_kwh") ?? 0,
            Production: s.Float("production_kwh") ?? 0,
            Import: s.Float("import_kwh") ?? 0,
            Export: s.Float("export_kwh") ?? 0,
            BatteryCharge: s.Float("battery_charge_kwh") ?? 0,
            BatteryDischarge: s.Float("battery_discharge_kwh") ?? 0,
            Allocated: s.Float("allocated_kwh") ?? 0,
            LocallySupplied: s.Float("locally_supplied_kwh") ?? 0,
            SelfConsumed: s.Float("self_consumed_kwh") ?? 0),
        s.Float("own_production_kwh") ?? 0, WireNames.ParseQuality(s.Text("quality")),
        (int)(s.Integer("meters_reporting") ?? 0), (int)(s.Integer("meters_expected") ?? 0)));

    public static readonly MeasurementSchema<WaterIntervalRow> Water = new("water_interval",
    [
        new("scope", ColumnKind.Tag, r => r.Scope),
        new("household", ColumnKind.Tag, r => r.Household ?? ""),
        new("rain_l", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.Rain)),
        new("mains_l", ColumnKind.Float, r => Defined(r.IsDefined, r.Parts.Mains)),
        new("water_autonomy", ColumnKind.Float, r => r.IsDefined ? r.Parts.Autonomy : null),
        new("quality", ColumnKind.Text, r => WireNames.Of(r.Quality)),
        new("coverage", ColumnKind.Float, r => r.Coverage),
        new("meters_reporting", ColumnKind.Integer, r => (long)r.MetersReporting),
        new("meters_expected", ColumnKind.Integer, r => (long)r.MetersExpected),
    ], r => r.StartUtc, s => new WaterIntervalRow(s.TimeUtc, Household(s),
        new WaterParts(s.Float("rain_l") ?? 0, s.Float("mains_l") ?? 0), WireNames.ParseQuality(s.Text("quality")),
        (int)(s.Integer("meters_reporting") ?? 0), (int)(s.Integer("meters_expected") ?? 0)));

    public static readonly MeasurementSchema<TankStateRow> Tank = new("tank_state",
    [
        new("asset", ColumnKind.Tag, r => r.Asset),
        new("volume_l", ColumnKind.Float, r => r.VolumeL),
        new("days_left", ColumnKind.Float, r => r.DaysLeft),
        new("harvested_l", ColumnKind.Float, r => r.HarvestedL),
        new("expected_l", ColumnKind.Float, r => r.ExpectedL),
    ], r => r.StartUtc, s => new TankStateRow(s.TimeUtc, s.Text("asset") ?? "", s.Float("volume_l") ?? 0, s.Float("days_left"),
        s.Float("harvested_l") ?? 0, s.Float("expected_l")));

    public static readonly MeasurementSchema<CompostStatusRow> Compost = new("compost_status",
    [
        new("asset", ColumnKind.Tag, r => r.Asset),
        new("status", ColumnKind.Text, r => WireNames.Of(r.Status)),
        new("progress", ColumnKind.Float, r => r.Progress),
        new("coolest_c", ColumnKind.Float, r => r.CoolestC),
        new("rule", ColumnKind.Text, r => r.Rule),
        new("turnings", ColumnKind.Integer, r => (long)r.Turnings),
    ], r => r.StartUtc, s => new CompostStatusRow(s.TimeUtc, s.Text("asset") ?? "", WireNames.ParseStatus(s.Text("status")),
        s.Float("progress") ?? 0, s.Float("coolest_c"), s.Text("rule") ?? "", (int)(s.Integer("turnings") ?? 0)));

    public static readonly MeasurementSchema<VitalNeedsRow> Vital = new("vital_needs",
    [
        new("energy", ColumnKind.Float, r => r.Energy),
        new("water", ColumnKind.Float, r => r.Water),
        new("compost", ColumnKind.Float, r => r.Compost),
        new("index", ColumnKind.Float, r => r.Index),
        new("target", ColumnKind.Float, r => r.Target),
        // The sums behind each ratio, so a month or a rolling year is re-summed from days, never averaged.
        new("energy_local_kwh", ColumnKind.Float, r => r.Parts.Energy?.Part),
        new("energy_consumption_kwh", ColumnKind.Float, r => r.Parts.Energy?.Whole),
        new("water_rain_l", ColumnKind.Float, r => r.Parts.Water?.Part),
        new("water_total_l", ColumnKind.Float, r => r.Parts.Water?.Whole),
        new("compost_diverted_kg", ColumnKind.Float, r => r.Parts.Compost?.Part),
        new("compost_total_kg", ColumnKind.Float, r => r.Parts.Compost?.Whole),
    ], r => r.DayStartUtc, s => new VitalNeedsRow(s.TimeUtc, s.Float("energy"), s.Float("water"), s.Float("compost"), s.Float("index"), s.Float("target") ?? 0,
        new VitalNeedsParts(
            ShareOf(s, "energy_local_kwh", "energy_consumption_kwh"),
            ShareOf(s, "water_rain_l", "water_total_l"),
            ShareOf(s, "compost_diverted_kg", "compost_total_kg"))));

    /// <summary>A recorded turning of a compost pile: an operator's event, not a derived figure, so it is never replaced by a recomputation.</summary>
    public static readonly MeasurementSchema<CompostTurning> Turning = new("compost_turning",
    [
        new("asset", ColumnKind.Tag, r => r.Pile),
        new("recorded_at_ms", ColumnKind.Integer, r => CompostTurning.Ms(r.RecordedAtUtc)),
        new("recorded_by", ColumnKind.Text, r => r.RecordedBy),
    ], r => r.TimeUtc, s => new CompostTurning(s.Text("asset") ?? "", s.TimeUtc,
        DateTime.UnixEpoch.AddMilliseconds(s.Integer("recorded_at_ms") ?? 0), s.Text("recorded_by") ?? ""));

    private static Share? ShareOf(IStoredRow s, string part, string whole) =>
        s.Float(part) is double p && s.Float(whole) is double w ? new Share(p, w) : null;
}
