using Lustrac.Energy.Server.Autonomy;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Today's self-sufficiency on the screen: the engine's sums for the intervals it has closed plus the live estimate for
/// the rest of the day, as one ratio of summed energy. With the engine caught up, the screen and /api/autonomy agree on
/// every closed interval and differ only by the minutes still open.
/// </summary>
public static class TodayFigures
{
    public const string Meters = "meters";
    public const string MetersAndLiveEstimate = "meters_and_live_estimate";
    public const string LiveEstimate = "live_power_estimate";

    public static (double? SelfSufficiency, string Basis, int Households) Combine(EngineDay? engine, LiveDay live)
    {
        double supplied = live.SelfConsumedKwh, consumption = live.ConsumptionKwh;
        if (engine is not null)
        {
            supplied += engine.Parts.LocallySupplied;
            consumption += engine.Parts.Consumption;
        }
        string basis = engine is null ? LiveEstimate : live.ConsumptionKwh > 0 ? MetersAndLiveEstimate : Meters;
        int households = Math.Max(engine?.Households ?? 0, live.Households);
        return (consumption > 0 ? Math.Clamp(supplied / consumption, 0, 1) : null, basis, households);
    }
}
