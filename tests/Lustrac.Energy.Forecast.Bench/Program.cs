using System.Globalization;
using System.Text;
using Lustrac.Energy.Autonomy.Allocation;
using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.Forecast.Bench;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Protocol.Solar;
using Lustrac.Energy.Testing;

// Scores each day's 06:00 forecast of that day's production over the last N days of the demo site (firmware-host's
// physics, seed 1 as firmware-host's default), beside the naive "today = yesterday".
// Usage: [--days N] [--seed S] [--end yyyy-MM-dd] [--ratio-days N] [--verbose].
// Also, as an upper bound, the forecast refined with a cloud file holding firmware-host's own cloud cover (a perfect
// weather forecast, written in Open-Meteo's format and read back by the engine's parser).
int days = Arg("--days", 60);
ulong seed = (ulong)Arg("--seed", 1);
var site = SiteLoader.LoadFile(RepositoryPaths.SampleSite);
var zone = TimeZoneInfo.FindSystemTimeZoneById(site.Site.TimeZone);
var end = args.SkipWhile(a => a != "--end").Skip(1).FirstOrDefault() is { } e ? DateOnly.Parse(e, CultureInfo.InvariantCulture)
    : DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
var options = ForecastOptions.Default with { RatioDays = Arg("--ratio-days", ForecastOptions.Default.RatioDays) };
var first = end.AddDays(-days);
var historyFrom = LocalCalendar.StartUtc(first.AddDays(-options.HistoryDays), zone);
var physics = new SitePhysics(site, seed, new DateTimeOffset(historyFrom));
Console.WriteLine($"Site {site.Site.Id}: {site.Households.Count} households; scoring {days} days {first:yyyy-MM-dd} … {end.AddDays(-1):yyyy-MM-dd} (seed {seed})");
var demo = new DemoDays(physics, site, historyFrom, LocalCalendar.StartUtc(end, zone));

var arrays = site.Assets.Where(a => a.Kind == AssetKind.PvArray && a.Household is null && a.PeakKw > 0).Select(a =>
    new ForecastArray(a.Id, null, a.PeakKw!.Value, (s, len) => ClearSkyPv.EnergyPerKwp(new DateTimeOffset(s), len,
        site.Site.Latitude, site.Site.Longitude, a.TiltDegrees ?? 30, a.AzimuthDegrees ?? 180))).ToArray();
var actualByStart = demo.SharedProduction.ToDictionary(x => x.StartUtc, x => x.Kwh!.Value);
double Actual(DateTime from, DateTime to) => demo.SharedProduction.Where(x => x.StartUtc >= from && x.StartUtc < to).Sum(x => x.Kwh!.Value);

var errors = new List<(double Model, double Naive, double Clouds, double IntervalMae)>();
for (var d = first; d < end; d = d.AddDays(1))
{
    DateTime dayStart = LocalCalendar.StartUtc(d, zone), dayEnd = LocalCalendar.StartUtc(d.AddDays(1), zone), now = dayStart.AddHours(6);
    // Only what would have been stored by 06:00 goes in.
    var before = (List<IntervalEnergy> xs) => (IReadOnlyList<IntervalEnergy>)xs.Where(x => x.StartUtc < now).ToList();
    ForecastRequest Request(CloudCover? clouds) => new(now, zone, site.Site.IntervalMinutes, arrays, [.. site.Households.Select(h => h.Id)],
        new Dictionary<string, IReadOnlyList<IntervalEnergy>> { [ForecastRequest.SharedGroup] = before(demo.SharedProduction) },
        demo.Households.ToDictionary(h => h.Key, h => before(h.Value)), before(demo.NeighbourhoodConsumption), AllocationRule.DefaultDynamic, clouds, options);
    var forecast = DayAheadForecast.Compute(Request(null));
    var today = forecast.Neighbourhood.Days.Single(x => x.Date == d);
    double actual = Actual(today.FromUtc, today.ToUtc);
    double naive = Actual(LocalCalendar.StartUtc(d.AddDays(-1), zone), dayStart);
    var clouded = DayAheadForecast.Compute(Request(CloudCover.Parse(CloudFile(dayStart, dayEnd), Irradiance.CloudAttenuation, "bench")));
    double cloudsDay = clouded.Neighbourhood.Days.Single(x => x.Date == d).Production;
    double intervalMae = forecast.Neighbourhood.Intervals.Where(i => i.StartUtc < dayEnd).Average(i => Math.Abs(i.Production - actualByStart[i.StartUtc]));
    errors.Add((Math.Abs(today.Production - actual), Math.Abs(naive - actual), Math.Abs(cloudsDay - actual), intervalMae));
    if (args.Contains("--verbose"))
        Console.WriteLine($"{d:yyyy-MM-dd} actual {actual,7:F1}  forecast {today.Production,7:F1} [{today.ProductionLow,6:F1}–{today.ProductionHigh,6:F1}]  naive {naive,7:F1}  clouds {cloudsDay,7:F1}");
}
double meanActual = Enumerable.Range(0, days).Select(i => first.AddDays(i)).Average(x => Actual(LocalCalendar.StartUtc(x, zone), LocalCalendar.StartUtc(x.AddDays(1), zone)));
Console.WriteLine($"Mean daily shared production: {meanActual:F1} kWh");
Console.WriteLine($"MAE daily production, forecast (clear sky × {options.RatioDays}-day ratio): {errors.Average(x => x.Model):F1} kWh");
Console.WriteLine($"MAE daily production, naive (today = yesterday):         {errors.Average(x => x.Naive):F1} kWh");
Console.WriteLine($"MAE daily production, with a perfect cloud-cover file:   {errors.Average(x => x.Clouds):F1} kWh");
Console.WriteLine($"MAE per 15-min interval, forecast:                      {errors.Average(x => x.IntervalMae):F3} kWh");

// firmware-host's own cloud cover, hour by hour, in Open-Meteo's format (local times with their UTC offset).
string CloudFile(DateTime fromUtc, DateTime toUtc)
{
    var offset = (int)zone.GetUtcOffset(fromUtc).TotalSeconds;
    var times = new StringBuilder();
    var cover = new StringBuilder();
    for (var t = fromUtc; t < toUtc; t = t.AddHours(1))
    {
        var sep = times.Length == 0 ? "" : ",";
        times.Append(CultureInfo.InvariantCulture, $"{sep}\"{t.AddSeconds(offset):yyyy-MM-dd'T'HH:mm}\"");
        cover.Append(CultureInfo.InvariantCulture, $"{sep}{Math.Round(physics.Weather.CloudCover(new DateTimeOffset(t)) * 100)}");
    }
    return $"{{\"utc_offset_seconds\":{offset},\"hourly\":{{\"time\":[{times}],\"cloud_cover\":[{cover}]}}}}";
}

int Arg(string name, int fallback) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } v && int.TryParse(v, CultureInfo.InvariantCulture, out var n) ? n : fallback;
