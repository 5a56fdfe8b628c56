using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Bench;

/// <summary>
/// A year of counter readings for the Lustrac site file: every household meter (import, export) and every shared
/// array (energy produced), one reading every 15 minutes a few seconds after the boundary, like a gateway poll.
/// Generated day by day so the year never sits in memory as objects.
/// </summary>
internal static class SyntheticYear
{
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public const int DayCount = 365;

    /// <summary>Readings of each poll slot (every 15 minutes), day by day; the first day starts with one slot before it.</summary>
    public static IEnumerable<List<StoredReading>> Days(SiteModel site, int dayCount = DayCount, int seed = 1)
    {
        var rnd = new Random(seed);
        var meters = site.Devices.Where(d => d.Role == Roles.HouseholdMeter).ToArray();
        var arrays = site.Devices.Where(d => d.Role == Roles.PvProduction).ToArray();
        var import = meters.Select(_ => (double)rnd.Next(1000, 9000)).ToArray();
        var export = meters.Select(_ => (double)rnd.Next(0, 2000)).ToArray();
        var produced = arrays.Select(_ => 0.0).ToArray();
        ulong seq = 0;
        // One extra reading before the first day so its first boundary is bracketed.
        for (int day = 0; day < dayCount; day++)
        {
            var batch = new List<StoredReading>((meters.Length * 2 + arrays.Length) * 96);
            for (int k = day == 0 ? -1 : 0; k < 96; k++)
            {
                var boundary = Start.AddDays(day).AddMinutes(15 * k);
                double hour = boundary.Hour + boundary.Minute / 60.0;
                double sun = Math.Max(0, Math.Sin((hour - 6) / 12 * Math.PI));
                seq++;
                for (int m = 0; m < meters.Length; m++)
                {
                    var t = new DateTimeOffset(boundary.AddSeconds(rnd.Next(1, 20)));
                    double load = 0.08 + 0.12 * rnd.NextDouble();
                    double ownPv = m % 2 == 0 ? 0.3 * sun * rnd.NextDouble() : 0; // half the homes export a little
                    double net = load - ownPv;
                    if (net > 0) import[m] += net; else export[m] -= net;
                    batch.Add(Reading(meters[m], "energy_import", t, import[m], seq));
                    batch.Add(Reading(meters[m], "energy_export", t, export[m], seq));
                }
                for (int a = 0; a < arrays.Length; a++)
                {
                    produced[a] += 3 * sun * (0.7 + 0.3 * rnd.NextDouble());
                    batch.Add(Reading(arrays[a], "energy_produced", new DateTimeOffset(boundary.AddSeconds(rnd.Next(1, 20))), produced[a], seq));
                }
            }
            yield return batch;
        }
    }

    private static StoredReading Reading(Device d, string quantity, DateTimeOffset time, double kwh, ulong seq) =>
        new("lustrac", d.Gateway, d.Id, d.Role, d.Household, d.Asset, quantity, "kWh", time, kwh, ReadingQuality.Good, seq);
}
