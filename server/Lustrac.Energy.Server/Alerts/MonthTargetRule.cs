using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// The neighbourhood's self-sufficiency for the month so far (local month, summed from the stored <c>energy_day</c>
/// rows like /api/autonomy's month progress: Σ locally supplied / Σ consumption) below the site's target minus
/// <see cref="AlertSettings.MonthMargin"/>, once <see cref="AlertSettings.MonthMinimumDays"/> days of intervals are in it.
/// </summary>
public sealed class MonthTargetRule(SitePlan plan, IAutonomyStore store, AlertSettings settings) : IAlertRule, IReadsStoredFigures
{
    public async Task<IReadOnlyList<AlertCondition>> EvaluateAsync(DateTimeOffset now, CancellationToken ct)
    {
        var local = TimeZoneInfo.ConvertTime(now, plan.Zone);
        var monthStart = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var tomorrow = local.Date.AddDays(1);
        DateTime[] boundaries = [TimeZoneInfo.ConvertTimeToUtc(monthStart, plan.Zone), TimeZoneInfo.ConvertTimeToUtc(tomorrow, plan.Zone)];
        var sums = await store.SumEnergyDaysAsync(ScopeSelection.One(null), boundaries, ct).ConfigureAwait(false);
        if (!sums.TryGetValue(EnergySums.Neighbourhood, out var periods) || periods[0] is not { } month) return [];
        var intervalsPerDay = TimeSpan.FromDays(1) / plan.IntervalLength;
        var days = month.Defined / intervalsPerDay;
        if (days < settings.MonthMinimumDays || month.Sum.SelfSufficiency is not { } ratio) return [];
        var target = plan.Targets.EnergySelfSufficiency;
        if (ratio >= target - settings.MonthMargin) return [];
        var name = monthStart.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        return [new AlertCondition(AlertKinds.MonthBehindTarget, AlertKinds.MonthBehindTarget, "site", AlertAudience.Operator,
            $"Self-sufficiency for {name} so far is {AlertText.Percent(ratio)} against the {AlertText.Percent(target)} target " +
            $"({month.Sum.LocallySupplied:F0} of {month.Sum.Consumption:F0} kWh supplied locally over {days:F1} days of figures). " +
            "Shifting use to sunny hours (the wall screen's good-time signal) closes the gap.")];
    }
}
