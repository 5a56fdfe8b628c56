using System.Net;
using System.Text.Json;
using Lustrac.Energy.Autonomy.Energy;
using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Protocol.Solar;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Forecast;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Lustrac.Energy.Server.Tests.Forecast;

/// <summary>
/// /api/forecast and /api/forecast/scores through the whole server on both stores, from a stored history written by the
/// test: the test site's one 9 kWp array (no tilt or azimuth in the file: 30°, south) produced exactly 0.6 of the protocol's
/// clear-sky energy every interval of the last 8 days, and each of its two households used 0.25 kWh per quarter-hour.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed class ForecastApiTests(SharedServices services)
{
    private static readonly TimeSpan Quarter = TimeSpan.FromMinutes(15);
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static double Clear9(DateTime startUtc) => 9 * ClearSkyPv.EnergyPerKwp(new DateTimeOffset(startUtc), Quarter, 44.4, 0.85, 30, 180);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("influxdb")]
    public async Task The_forecast_and_its_scores_come_from_the_stored_history(string store)
    {
        // KeepFromLocalHour 24: the keeping service never runs here, so nothing reads the history before the test wrote it.
        await using var server = await RunningServer.StartAsync(store, services.MqttPort, services.InfluxUrl, "--Forecast:KeepFromLocalHour", "24");
        var results = server.Services.GetRequiredService<StoredResults>();
        DateTime latest = default;
        await server.WaitUntilAsync(async () => (await results.LatestIntervalAsync(CancellationToken.None)) is { } l && (latest = l) > DateTime.UtcNow.AddMinutes(-45),
            TimeSpan.FromSeconds(90), "done with its first backfill");
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Paris));
        DateTime from = LocalCalendar.StartUtc(today.AddDays(-8), Paris), to = latest + Quarter;
        await results.ReplaceAsync(new AutonomyResults(from, to, History(from, to), [], [], []), CancellationToken.None);

        var json = await server.GetJsonAsync("api/forecast");
        var shared = json.GetProperty("ratios").GetProperty("shared");
        // Every measured daylight interval was 0.6 × clear-sky: ratio 0.6 on each of the 7 days read, spread 0.
        Assert.Equal(0.6, shared.GetProperty("ratio").GetDouble(), 9);
        Assert.Equal(0.0, shared.GetProperty("spread").GetDouble(), 9);
        Assert.Equal(7, shared.GetProperty("days").GetInt32());
        Assert.Equal("measured", shared.GetProperty("basis").GetString());

        var tomorrow = json.GetProperty("days").EnumerateArray().Single(d => d.GetProperty("day").GetString() == "tomorrow");
        DateTime tFrom = LocalCalendar.StartUtc(today.AddDays(1), Paris), tTo = LocalCalendar.StartUtc(today.AddDays(2), Paris);
        double expected = 0, local = 0, cons = 0;
        for (var t = tFrom; t < tTo; t += Quarter) { expected += 0.6 * Clear9(t); local += Math.Min(0.6 * Clear9(t), 0.5); cons += 0.5; }
        Assert.Equal(expected, tomorrow.GetProperty("production_kwh").GetDouble(), 6);
        // Fewer than 4 same weekdays stored: consumption falls back to the last 7 days' mean, 2 × 0.25 = 0.5 per interval.
        Assert.Equal(cons, tomorrow.GetProperty("consumption_kwh").GetDouble(), 6);
        Assert.Equal(local / cons, tomorrow.GetProperty("self_sufficiency").GetDouble(), 6);
        AssertWindowsFollowTheRule(json);

        // Privacy: a shared screen sees the neighbourhood's production and windows, not the consumption of two homes;
        // nobody but a home itself sees a non-consenting home's forecast (its load curve).
        using var anonymous = new HttpClient { BaseAddress = server.Http.BaseAddress };
        var publicView = JsonDocument.Parse(await anonymous.GetStringAsync("api/forecast")).RootElement;
        Assert.Equal(JsonValueKind.Null, publicView.GetProperty("days")[0].GetProperty("consumption_kwh").ValueKind);
        Assert.Equal(json.GetProperty("next_window").ToString(), publicView.GetProperty("next_window").ToString());
        Assert.Equal(HttpStatusCode.Forbidden, (await anonymous.GetAsync("api/forecast?household=h01")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await server.Http.GetAsync("api/forecast?household=h01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await server.Http.GetAsync("api/forecast?household=h99")).StatusCode);

        await ScoresAsync(server, results, today);
    }

    /// <summary>Kept forecast for yesterday 11:00–12:00 UTC written with known offsets from what was measured.</summary>
    private static async Task ScoresAsync(RunningServer server, StoredResults results, DateOnly today)
    {
        var day = today.AddDays(-1);
        var start = day.ToDateTime(new TimeOnly(11, 0), DateTimeKind.Utc);
        double[] dp = [0.3, -0.1, 0, 0], consumption = [0.4, 0.7, 0.5, 0.5];
        var kept = Enumerable.Range(0, 4).Select(i => new KeptForecastRow(start + Quarter * i, null,
            0.6 * Clear9(start + Quarter * i) + dp[i], 0, 0, consumption[i], null, start.AddHours(-5))).ToArray();
        await results.Rows.WriteAsync(KeptForecasts.Schema.Points(kept), CancellationToken.None);

        var json = await server.GetJsonAsync($"api/forecast/scores?from={day:yyyy-MM-dd}&to={today:yyyy-MM-dd}");
        var scored = Assert.Single(json.GetProperty("days").EnumerateArray());
        // Production: |0.3| + |−0.1| + 0 + 0 over 4 = 0.1 kWh per interval; the day's totals differ by 0.3 − 0.1 = 0.2.
        Assert.Equal(0.1, scored.GetProperty("production_mae_kwh").GetDouble(), 9);
        Assert.Equal(0.2, scored.GetProperty("production_day_error_kwh").GetDouble(), 9);
        // Consumption, measured 0.5 each: |0.4−0.5| + |0.7−0.5| = 0.3 over 4 = 0.075; totals 2.1 vs 2.0 → 0.1.
        Assert.Equal(0.075, scored.GetProperty("consumption_mae_kwh").GetDouble(), 9);
        Assert.Equal(0.1, scored.GetProperty("consumption_day_error_kwh").GetDouble(), 9);
        Assert.Equal(4, scored.GetProperty("intervals_scored").GetInt32());

        var csv = (await server.Http.GetStringAsync($"api/forecast/scores.csv?from={day:yyyy-MM-dd}&to={today:yyyy-MM-dd}")).TrimEnd('\n').Split('\n');
        Assert.Equal(2, csv.Length);
        Assert.StartsWith($"{day:yyyy-MM-dd},4,0.1,0.075,", csv[1]);
        var bad = await server.Http.GetAsync("api/forecast/scores?from=yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("from: 'yesterday' is not a date", await bad.Content.ReadAsStringAsync());
    }

    /// <summary>Every interval inside a window has production ≥ 1.1 × consumption; the intervals just outside do not.</summary>
    private static void AssertWindowsFollowTheRule(JsonElement json)
    {
        var intervals = json.GetProperty("intervals").EnumerateArray().Select(i => (Start: i.GetProperty("start").GetDateTime().ToUniversalTime(),
            P: i.GetProperty("production_kwh").GetDouble(), C: i.GetProperty("consumption_kwh").GetDouble())).ToArray();
        var windows = json.GetProperty("windows").EnumerateArray().ToArray();
        Assert.NotEmpty(windows); // 0.6 × a clear winter noon on 9 kWp ≈ 0.8 kWh per quarter-hour, above 0.55
        foreach (var w in windows)
        {
            DateTime s = w.GetProperty("start").GetDateTime().ToUniversalTime(), e = w.GetProperty("end").GetDateTime().ToUniversalTime();
            Assert.All(intervals.Where(i => i.Start >= s && i.Start < e), i => Assert.True(i.P >= i.C * 1.1));
            Assert.All(intervals.Where(i => i.Start == s - Quarter || i.Start == e), i => Assert.False(i.P > 0 && i.P >= i.C * 1.1));
            Assert.Matches(@"^\d\d:\d\d–\d\d:\d\d$", w.GetProperty("label").GetString());
        }
    }

    private static List<EnergyIntervalRow> History(DateTime from, DateTime to)
    {
        var rows = new List<EnergyIntervalRow>();
        for (var t = from; t < to; t += Quarter)
        {
            double p = 0.6 * Clear9(t), share = Math.Min(p / 2, 0.25);
            rows.Add(Row(t, null, 0.5, p, Math.Min(p, 0.5), 2));
            rows.Add(Row(t, "h01", 0.25, share, share, 1));
            rows.Add(Row(t, "h02", 0.25, share, share, 1));
        }
        return rows;
    }

    private static EnergyIntervalRow Row(DateTime t, string? household, double consumption, double production, double local, int meters) =>
        new(t, household, new EnergyParts(consumption, production, consumption - local, Math.Max(0, production - local), 0, 0,
            household is null ? 0 : production, local, local), 0, IntervalQuality.Measured, meters, meters);
}
