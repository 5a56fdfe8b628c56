using Lustrac.Energy.Autonomy.Settlement;
using Lustrac.Energy.Autonomy.Settlement.Reconciliation;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Settlement;

/// <summary>The JSON shapes of the settlement endpoints (kWh, euros, Abeilles; days as local dates).</summary>
public static class SettlementJson
{
    public static object Statement(string site, SettlementSetup setup, SettlementMonth month, MonthlyStatement s, IReadOnlyList<SettlementStep> steps) => new
    {
        site,
        household = s.Household,
        month = month.Text,
        step_minutes = setup.Grid.StepMinutes,
        key = setup.KeyName,
        consumption_kwh = s.Consumption,
        autoconsumed_kwh = s.Autoconsumed,
        complement_kwh = s.Complement,
        local_share = s.LocalShare,
        steps_settled = s.StepsSettled,
        steps = s.Steps,
        price_eur_per_kwh = s.Prices.EurPerKwh,
        price_abeille_per_kwh = s.Prices.AbeillePerKwh,
        stayed_eur = s.StayedEur,
        stayed_abeilles = s.StayedAbeilles,
        // The shared arrays' month, the same for every household: no household's data.
        shared_production_kwh = steps.Where(x => x.IsSettled).Sum(x => x.Production ?? 0),
        shared_surplus_kwh = steps.Where(x => x.IsSettled).Sum(x => x.Surplus ?? 0),
        days = s.Days.Select(d => new
        {
            day = d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            consumption_kwh = d.Consumption,
            autoconsumed_kwh = d.Autoconsumed,
            complement_kwh = d.Complement,
            steps_settled = d.StepsSettled,
            steps = d.Steps,
        }),
    };

    /// <param name="fineData">False for a household that did not consent to fine data: its steps show when and by how
    /// much the two sides differ, not the half-hourly consumption itself (its load curve).</param>
    public static object Reconciliation(ReconciliationMonth m, bool fineData) => new
    {
        household = m.Household,
        month = $"{m.Year:0000}-{m.Month:00}",
        monthly_quantities_only = m.MonthlyQuantitiesOnly,
        operator_consumption_kwh = m.OperatorConsumption,
        own_consumption_kwh = m.OwnConsumption,
        consumption_difference_kwh = m.ConsumptionDifference,
        operator_autoconsumed_kwh = m.OperatorAutoconsumed,
        own_autoconsumed_kwh = m.OwnAutoconsumed,
        autoconsumed_difference_kwh = m.AutoconsumedDifference,
        steps = m.Steps.Select(d => new
        {
            start = AutonomyQuery.Format(d.StartUtc),
            operator_minutes = d.OperatorMinutes,
            operator_consumption_kwh = fineData ? d.OperatorConsumption : null,
            own_consumption_kwh = fineData ? d.OwnConsumption : null,
            consumption_difference_kwh = d.ConsumptionDifference,
            operator_autoconsumed_kwh = fineData ? d.OperatorAutoconsumed : null,
            own_autoconsumed_kwh = fineData ? d.OwnAutoconsumed : null,
            autoconsumed_difference_kwh = d.AutoconsumedDifference,
        }),
    };
}
