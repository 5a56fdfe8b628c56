using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// Today's figures on the screen: the engine's sums for the intervals it has closed plus the live estimate (the engine
/// run on live power) for the rest of the day, as sums of energy and one ratio of those sums. With the engine caught
/// up, the screen and /api/autonomy agree on every closed interval and differ only by the minutes still open.
/// </summary>
public static class TodayFigures
{
    public const string Meters = "meters";
    public const string MetersAndLiveEstimate = "meters_and_live_estimate";
    public const string LiveEstimate = "live_power_estimate";

    /// <returns>Self-sufficiency (null where nothing was consumed), the shared production allocated (kWh; null without
    /// data), the basis and the households covered.</returns>
    public static (double? SelfSufficiency, double? SharedSolarKwh, string Basis, int Households) Combine(EngineDay? engine, LiveDay live)
    {
        var parts = live.Parts;
        if (engine is not null) parts += engine.Parts;
        string basis = engine is null ? LiveEstimate : live.Households > 0 ? MetersAndLiveEstimate : Meters;
        int households = Math.Max(engine?.Households ?? 0, live.Households);
        bool any = engine is not null || live.Households > 0;
        return (parts.SelfSufficiency, any ? parts.Allocated : null, basis, households);
    }

    /// <summary>The live estimate of the part of today the engine has not closed, from <paramref name="from"/>; null without one.</summary>
    public static OpenEstimate? Open(LiveDay live, DateTimeOffset from) => live.Households == 0 ? null
        : new OpenEstimate(from, live.Parts.Consumption, live.Parts.Allocated, live.Parts.Import, live.Parts.Export, live.Parts.Production);
}
