using System.Globalization;
using System.Text;
using Lustrac.Energy.Autonomy.Scenarios;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Scenarios;

/// <summary>How a comparison looks on the wire (JSON and CSV): snake_case like /api/autonomy, ratios as fractions, null where undefined.</summary>
public static class ScenarioJson
{
    public static object Figures(ScenarioFigures f) => new
    {
        consumption_kwh = f.Energy.Consumption,
        production_kwh = f.Energy.Production,
        import_kwh = f.Energy.Import,
        export_kwh = f.Energy.Export,
        self_consumed_kwh = f.Energy.SelfConsumed,
        locally_supplied_kwh = f.Energy.LocallySupplied,
        battery_charge_kwh = f.Energy.BatteryCharge,
        battery_discharge_kwh = f.Energy.BatteryDischarge,
        self_sufficiency = f.SelfSufficiency,
        self_consumption = f.SelfConsumption,
        scenario_battery = new { charged_kwh = f.ScenarioBatteryChargedKwh, discharged_kwh = f.ScenarioBatteryDischargedKwh, equivalent_full_cycles = f.ScenarioBatteryCycles },
        water = f.Water is { } w ? new { rain_l = w.Rain, mains_l = w.Mains, autonomy = w.Autonomy } : null,
        dry_days = f.DryDays,
        compost_diversion = f.CompostDiversion,
        vital_needs_index = f.VitalNeedsIndex,
        intervals = new { present = f.IntervalsPresent, expected = f.IntervalsExpected },
    };

    public static object Change(ScenarioDelta d) => new
    {
        import_kwh = d.ImportKwh,
        export_kwh = d.ExportKwh,
        consumption_kwh = d.ConsumptionKwh,
        production_kwh = d.ProductionKwh,
        self_consumed_kwh = d.SelfConsumedKwh,
        locally_supplied_kwh = d.LocallySuppliedKwh,
        self_sufficiency_points = d.SelfSufficiencyPoints,
        self_consumption_points = d.SelfConsumptionPoints,
        water_autonomy_points = d.WaterAutonomyPoints,
        vital_needs_points = d.VitalNeedsPoints,
        dry_days = d.DryDays,
    };

    public static object Row(ScenarioComparisonRow r) => new
    {
        start = AutonomyQuery.Format(r.FromUtc),
        end = AutonomyQuery.Format(r.ToUtc),
        actual = Figures(r.Actual),
        scenario = Figures(r.Scenario),
        change = Change(r.Change),
    };

    private static readonly string[] Columns =
    [
        "start", "end", "scope", "household", "side", "consumption_kwh", "production_kwh", "import_kwh", "export_kwh", "self_consumed_kwh",
        "locally_supplied_kwh", "self_sufficiency", "self_consumption", "scenario_battery_discharged_kwh", "scenario_battery_cycles",
        "water_rain_l", "water_mains_l", "water_autonomy", "dry_days", "vital_needs_index",
    ];

    /// <summary>One line per period, scope and side (actual, scenario); ratios as fractions with a dot, empty when undefined.</summary>
    public static string Csv(IEnumerable<ScenarioComparisonRow> rows)
    {
        var sb = new StringBuilder(string.Join(',', Columns)).Append('\n');
        static string N(double? v) => v is double x ? x.ToString("R", CultureInfo.InvariantCulture) : "";
        foreach (var r in rows)
            foreach (var (side, f) in new[] { ("actual", r.Actual), ("scenario", r.Scenario) })
                sb.AppendJoin(',',
                    AutonomyQuery.Format(r.FromUtc), AutonomyQuery.Format(r.ToUtc),
                    r.Household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household, r.Household ?? "", side,
                    N(f.Energy.Consumption), N(f.Energy.Production), N(f.Energy.Import), N(f.Energy.Export), N(f.Energy.SelfConsumed),
                    N(f.Energy.LocallySupplied), N(f.SelfSufficiency), N(f.SelfConsumption), N(f.ScenarioBatteryDischargedKwh), N(f.ScenarioBatteryCycles),
                    N(f.Water?.Rain), N(f.Water?.Mains), N(f.WaterAutonomy), N(f.DryDays), N(f.VitalNeedsIndex)).Append('\n');
        return sb.ToString();
    }
}
