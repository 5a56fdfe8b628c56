using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Forecast;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Server.Tests.Forecast;

/// <summary>Which forecast is kept: the first at or after 06:00 local each day, never replaced by a later one (a restart).</summary>
public sealed class MorningForecastTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-morning-").FullName;

    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_first_forecast_after_six_is_kept_once_per_day_and_survives_a_restart()
    {
        var site = TestSite.Model();
        var plan = SitePlan.From(site);
        var results = StoredResults.InSqlite(Path.Combine(_folder, "r.db"), "test");
        await results.InitialiseAsync(CancellationToken.None);
        var kept = new KeptForecasts(results);
        var settings = new ForecastSettings();
        var clock = new FakeTimeProvider(Utc(3, 4, 59)); // 05:59 in Paris (UTC+1 in December)
        MorningForecast Morning() => new(new ForecastBoard(new ForecastSource(results, plan, site, settings), results, plan, clock), kept, plan, settings, clock);
        var morning = Morning();
        var ct = CancellationToken.None;

        Assert.False(await morning.KeepIfDueAsync(ct));
        clock.SetUtcNow(Utc(3, 5, 7)); // 06:07 local
        Assert.True(await morning.KeepIfDueAsync(ct));
        var day = await kept.ReadAsync(null, Utc(2, 23).UtcDateTime, Utc(3, 23).UtcDateTime, ct);
        // From the interval containing 05:07 UTC (05:00) to local midnight (23:00 UTC): 18 h = 72 quarter-hours.
        Assert.Equal(72, day.Count);
        Assert.Equal(Utc(3, 5).UtcDateTime, day[0].StartUtc);
        Assert.All(day, r => Assert.Equal(Utc(3, 5, 7).UtcDateTime, r.IssuedUtc));
        Assert.Equal(72, (await kept.ReadAsync("h02", Utc(2, 23).UtcDateTime, Utc(3, 23).UtcDateTime, ct)).Count);

        clock.SetUtcNow(Utc(3, 11));
        Assert.False(await morning.KeepIfDueAsync(ct));
        Assert.False(await Morning().KeepIfDueAsync(ct)); // a restart at noon: the morning's forecast stays
        Assert.All(await kept.ReadAsync(null, Utc(2, 23).UtcDateTime, Utc(3, 23).UtcDateTime, ct), r => Assert.Equal(Utc(3, 5, 7).UtcDateTime, r.IssuedUtc));

        clock.SetUtcNow(Utc(4, 5, 30)); // the next day, 06:30
        Assert.True(await morning.KeepIfDueAsync(ct));
        Assert.Equal(70, (await kept.ReadAsync(null, Utc(3, 23).UtcDateTime, Utc(4, 23).UtcDateTime, ct)).Count); // 05:30 → 23:00 UTC
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
