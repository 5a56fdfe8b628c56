using System.Globalization;
using System.Text.Json;

namespace Lustrac.Energy.Autonomy.Forecast;

/// <summary>
/// An hourly cloud-cover forecast, read from the JSON an Open-Meteo forecast returns
/// (<c>/v1/forecast?latitude=44.4&amp;longitude=0.85&amp;hourly=cloud_cover&amp;timezone=Europe/Paris</c>). Fields read:
/// <c>timezone</c> (an IANA zone: each time converted with its own offset, so the hours after a DST change keep
/// their place), else <c>utc_offset_seconds</c> (one offset for every time; absent = 0, UTC), <c>hourly.time</c> (ISO local times
/// "2026-12-03T11:00") and <c>hourly.cloud_cover</c> (total cloud cover in %, 0–100; null = unknown). Everything else
/// is ignored. Each value applies from 30 min before to 30 min after its hour (nearest hour); the attenuation is passed
/// in (the server gives the protocol's Kasten &amp; Czeplak <c>Irradiance.CloudAttenuation</c>: 1 − 0.75 c^3.4).
/// </summary>
public sealed class CloudCover(IReadOnlyDictionary<DateTime, double> fractionByHourUtc, Func<double, double> attenuation)
{
    /// <summary>The cloud fraction (0–1) nearest to <paramref name="utc"/> (within half an hour), or null.</summary>
    public double? FractionAt(DateTime utc)
    {
        var hour = new DateTime(utc.Ticks - utc.Ticks % TimeSpan.TicksPerHour, DateTimeKind.Utc);
        if (utc - hour >= TimeSpan.FromMinutes(30)) hour = hour.AddHours(1);
        return fractionByHourUtc.TryGetValue(hour, out var f) ? f : null;
    }

    /// <summary>The share of clear-sky irradiance left at the midpoint of an interval, or null when the file does not cover it.</summary>
    public double? FactorAt(DateTime startUtc, TimeSpan length) => FractionAt(startUtc + length / 2) is double c ? attenuation(c) : null;

    public int Hours => fractionByHourUtc.Count;

    /// <exception cref="FormatException">The text is not such a file; the message names the field and the position.</exception>
    public static CloudCover Parse(string json, Func<double, double> attenuation, string source = "cloud-cover file")
    {
        JsonDocument doc;
        try { doc = JsonDocument.Parse(json); }
        catch (JsonException e) { throw new FormatException($"{source}: not JSON ({e.Message})"); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("hourly", out var hourly) || hourly.ValueKind != JsonValueKind.Object)
                throw new FormatException($"{source}: no 'hourly' object (expected Open-Meteo's forecast JSON with hourly=cloud_cover)");
            var offset = root.TryGetProperty("utc_offset_seconds", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt32() : 0;
            var zone = root.TryGetProperty("timezone", out var z) && z.ValueKind == JsonValueKind.String
                && TimeZoneInfo.TryFindSystemTimeZoneById(z.GetString()!, out var found) ? found : null;
            var times = ArrayOf(hourly, "time", source);
            DateTime? previousUtc = null;
            var cover = ArrayOf(hourly, "cloud_cover", source);
            if (times.Length != cover.Length)
                throw new FormatException($"{source}: hourly.time has {times.Length} entries but hourly.cloud_cover {cover.Length}");
            var byHour = new Dictionary<DateTime, double>();
            for (int i = 0; i < times.Length; i++)
            {
                if (times[i].ValueKind != JsonValueKind.String || !DateTime.TryParseExact(times[i].GetString(), "yyyy-MM-dd'T'HH:mm",
                    CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    throw new FormatException($"{source}: hourly.time[{i}] is not a time like 2026-12-03T11:00");
                var utc = zone is null ? DateTime.SpecifyKind(local.AddSeconds(-offset), DateTimeKind.Utc) : ToUtc(local, zone, previousUtc);
                previousUtc = utc;
                if (cover[i].ValueKind == JsonValueKind.Null) continue;
                if (cover[i].ValueKind != JsonValueKind.Number || cover[i].GetDouble() is var pct && (pct < 0 || pct > 100))
                    throw new FormatException($"{source}: hourly.cloud_cover[{i}] must be a percentage from 0 to 100");
                byHour[utc] = cover[i].GetDouble() / 100;
            }
            return new CloudCover(byHour, attenuation);
        }
    }

    /// <summary>
    /// A local time of the zone in UTC. The hour repeated when clocks go back is listed twice: its first listing is the
    /// summer one (the earlier instant), the next one — after a time already at or past that instant — the winter one.
    /// </summary>
    private static DateTime ToUtc(DateTime local, TimeZoneInfo zone, DateTime? previousUtc)
    {
        if (!zone.IsAmbiguousTime(local))
            // A time skipped when clocks go forward does not occur; it is read with the offset before the change.
            return DateTime.SpecifyKind(local - (zone.IsInvalidTime(local) ? zone.GetUtcOffset(local.AddHours(-1)) : zone.GetUtcOffset(local)), DateTimeKind.Utc);
        var offsets = zone.GetAmbiguousTimeOffsets(local).OrderByDescending(o => o).ToArray();
        var earlier = DateTime.SpecifyKind(local - offsets[0], DateTimeKind.Utc);
        return previousUtc is DateTime p && p >= earlier ? DateTime.SpecifyKind(local - offsets[^1], DateTimeKind.Utc) : earlier;
    }

    private static JsonElement[] ArrayOf(JsonElement hourly, string name, string source) =>
        hourly.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? [.. a.EnumerateArray()]
            : throw new FormatException($"{source}: no 'hourly.{name}' array");
}
