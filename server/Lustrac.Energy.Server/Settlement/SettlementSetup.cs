using Lustrac.Energy.Autonomy.Settlement;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Settlement;

/// <summary>The site file's settlement section as the engine's inputs: step grid, key (coefficients in the plan's household order), prices.</summary>
public sealed record SettlementSetup(StepGrid Grid, SettlementKey Key, SettlementPrices Prices, IReadOnlyList<string> Participants, TimeZoneInfo Zone)
{
    public string KeyName => Key.Kind switch
    {
        SettlementKeyKind.Static => "static",
        SettlementKeyKind.Dynamic => "dynamic",
        _ => "default_dynamic",
    };

    /// <returns>The setup, or the reason the settlement cannot run on this site (a 60-min interval under a 30-min step).</returns>
    public static (SettlementSetup? Setup, string? Problem) Of(SiteModel site, SitePlan plan)
    {
        var s = site.Settlement;
        try
        {
            var grid = new StepGrid(s.StepMinutes, plan.IntervalMinutes);
            var ids = plan.Households.Select(h => h.Id).ToArray();
            var key = s.Key switch
            {
                SettlementKeyName.Static => new SettlementKey(SettlementKeyKind.Static, [.. ids.Select(id => s.Coefficients[id])]),
                SettlementKeyName.Dynamic => new SettlementKey(SettlementKeyKind.Dynamic, [.. ids.Select(id => s.Coefficients[id])]),
                _ => SettlementKey.DefaultDynamic,
            };
            key.Validate(ids.Length);
            return (new SettlementSetup(grid, key, new SettlementPrices(s.PriceEurPerKwh, s.PriceAbeillePerKwh), ids, plan.Zone), null);
        }
        catch (ArgumentException e)
        {
            return (null, "the settlement cannot run on this site: " + e.Message + " Set 'settlement: step_minutes' in the site file.");
        }
    }
}
