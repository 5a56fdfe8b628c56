using System.Text.Json;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Tests.Autonomy;
using static Lustrac.Energy.Server.Tests.Autonomy.Golden;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Retention;

/// <summary>
/// The golden readings of 21 June closed into results, and what the API answers for them: what retention and
/// restore must leave unchanged. Figures are read through the real endpoints (AutonomyApi) on the given stores.
/// </summary>
public static class RetainedFigures
{
    public static readonly string[] Urls =
    [
        "api/autonomy?from=2026-06-21&to=2026-06-22&resolution=interval",
        "api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day",
        "api/autonomy?from=2026-06-21&to=2026-06-22&resolution=day&household=h01",
        "api/autonomy?from=2026-06-01&to=2026-07-01&resolution=month",
        "api/water?from=2026-06-21&to=2026-06-22",
        "api/vital-needs?from=2026-06-21&to=2026-06-22&resolution=day",
    ];

    public static DateTimeOffset DayStart => T0.AddHours(-12);
    public static DateTimeOffset DayEnd => T0.AddHours(12);

    public static async Task ComputeGoldenAsync(AutonomyStores stores)
    {
        await stores.Readings.WriteAsync(Readings(), CancellationToken.None);
        var calculator = Calculator(stores);
        await calculator.ResumeAsync(T0.UtcDateTime, CancellationToken.None);
        var closed = await calculator.CloseDueAsync(T0.AddMinutes(32).AddSeconds(1).UtcDateTime, CancellationToken.None);
        Assert.Equal((T0.UtcDateTime, T0.AddMinutes(30).UtcDateTime), closed);
    }

    /// <summary>The JSON of every <see cref="Urls"/>, in order, after checking that the day has its figures (not all null).</summary>
    public static async Task<string[]> ReadAsync(AutonomyStores stores, bool expectGolden = true)
    {
        await using var api = await AutonomyApi.StartAsync(stores, T0.AddHours(1));
        var figures = new string[Urls.Length];
        for (int i = 0; i < Urls.Length; i++) figures[i] = await api.Http.GetStringAsync(Urls[i]);
        if (!expectGolden) return figures;
        using var day = JsonDocument.Parse(figures[1]);
        // Neighbourhood consumption of the golden day: 1.5 + 2.0 kWh.
        Assert.Equal(3.5, day.RootElement.GetProperty("periods")[0].GetProperty("consumption_kwh").GetDouble(), 6);
        return figures;
    }

    public static async Task<int> ReadingCountAsync(IReadingStore readings, string quantity)
    {
        var byDevice = await readings.ReadQuantityAsync(quantity, DayStart, DayEnd, CancellationToken.None);
        return byDevice.Values.Sum(l => l.Count);
    }

    /// <summary>Writes a reading a second until cancelled, well after the golden day: ingest going on during a backup.</summary>
    public static async Task<int> KeepWritingAsync(IReadingStore readings, Action<int> wrote, CancellationToken ct)
    {
        int n = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var batch = Enumerable.Range(0, 20).Select(i => Counter("h01-meter", "energy_import", T0.AddDays(2).AddSeconds(n * 20 + i), 200 + n * 20 + i)).ToList();
                await readings.WriteAsync(batch, ct);
                wrote(++n);
            }
        }
        catch (OperationCanceledException) { }
        return n;
    }
}
