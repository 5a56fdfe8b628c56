using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Forecast;

namespace Lustrac.Energy.Autonomy.Tests.Forecast;

/// <summary>A hand-made sky, so every expected figure can be worked out on paper: the real sky model is the server's to pass in.</summary>
internal static class ForecastFixtures
{
    public static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);

    /// <summary>0.2 kWh per kWp in each quarter-hour from <paramref name="fromHourUtc"/> to <paramref name="toHourUtc"/> UTC, 0 otherwise.</summary>
    public static Func<DateTime, TimeSpan, double> Sky(int fromHourUtc, int toHourUtc) =>
        (start, _) => start.Hour >= fromHourUtc && start.Hour < toHourUtc ? 0.2 : 0;

    /// <summary>Kasten &amp; Czeplak, written out: 1 − 0.75 c^3.4.</summary>
    public static double KastenCzeplak(double c) => 1 - 0.75 * Math.Pow(c, 3.4);

    /// <summary>Every quarter-hour from <paramref name="fromUtc"/> for <paramref name="count"/> intervals with the same energy.</summary>
    public static IEnumerable<IntervalEnergy> Run(DateTime fromUtc, int count, double? kwh) =>
        Enumerable.Range(0, count).Select(i => new IntervalEnergy(fromUtc + Quarter * i, kwh));

    public static ForecastRequest Request(DateTime nowUtc, ForecastArray[] arrays, IReadOnlyList<IntervalEnergy> shared,
        IReadOnlyList<IntervalEnergy>? neighbourhoodConsumption = null, CloudCover? clouds = null) =>
        new(nowUtc, TestData.Paris, 15, arrays, [], new Dictionary<string, IReadOnlyList<IntervalEnergy>> { [ForecastRequest.SharedGroup] = shared },
            new Dictionary<string, IReadOnlyList<IntervalEnergy>>(), neighbourhoodConsumption ?? [], AllocationRule.DefaultDynamic, clouds);
}
