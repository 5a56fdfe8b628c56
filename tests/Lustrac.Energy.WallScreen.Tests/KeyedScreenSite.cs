using System.Globalization;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// Three homes and one shared array under a chosen allocation key (static shares 0.5 / 0.3 / 0.2), and the counters of
/// two closed intervals (see <see cref="ScreenShareMatchesApiTests"/>). The site's time zone is a fixed offset chosen so
/// that it is about noon there now: both intervals fall in today's local day whenever the test runs.
/// </summary>
public sealed class KeyedScreenSite : IDisposable
{
    public static readonly string[] Households = ["h01", "h02", "h03"];

    public string SiteId { get; } = "key" + Guid.NewGuid().ToString("N")[..8];
    public string Folder { get; } = Directory.CreateTempSubdirectory("lustrac-keyed-").FullName;
    public string SiteFile => Path.Combine(Folder, "site.yaml");
    public string SecretsFile => Path.Combine(Folder, "households.secrets");
    public string SqlitePath => Path.Combine(Folder, "lustrac.db");

    /// <summary>Local time = UTC + this (whole hours, so 15-minute intervals stay aligned).</summary>
    public int OffsetHours { get; }

    /// <summary>The first of the two intervals: an hour before the current one, so both ended well past the grace delay.</summary>
    public DateTimeOffset FirstInterval { get; }

    public static string TokenOf(string household) => "keyed-token-" + household;

    public KeyedScreenSite(string key)
    {
        var now = DateTimeOffset.UtcNow;
        OffsetHours = 12 - now.Hour; // −11 … +12, all of which exist as Etc/GMT zones
        // IANA's Etc/GMT signs are inverted: Etc/GMT-3 is UTC+3.
        var zone = OffsetHours == 0 ? "Etc/GMT" : $"Etc/GMT{(OffsetHours > 0 ? "-" : "+")}{Math.Abs(OffsetHours)}";
        var quarter = TimeSpan.FromMinutes(15).Ticks;
        FirstInterval = new DateTimeOffset(now.UtcTicks - now.UtcTicks % quarter, TimeSpan.Zero).AddHours(-1);

        const string bus = "modbus-tcp://127.0.0.1:1502";
        var site = TestSites.Builder(SiteId, name: "Keyed test", timezone: zone).Allocation(key, ("h01", 0.5), ("h02", 0.3), ("h03", 0.2));
        foreach (var h in Households) site.Household(h, consent: true);
        site.Asset("pv-1", AssetKind.PvArray, ("peak_kw", 30)).Gateway("gw-1");
        for (var i = 0; i < Households.Length; i++)
            site.Device($"{Households[i]}-meter", "gw-1", DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: Households[i], address: i + 1);
        site.Device("pv-1-inverter", "gw-1", DeviceKinds.SunSpecInverter, bus, Roles.PvProduction, asset: "pv-1", address: 20)
            .WriteTo(SiteFile);
        File.WriteAllLines(SecretsFile, Households.Select(h => HouseholdTokenStore.FileLine(h, TokenOf(h)))
            .Append(HouseholdTokenStore.FileLine(HouseholdTokenStore.Operator, "keyed-operator")));
    }

    /// <summary>Counters on the three boundaries of the two intervals: the table of <see cref="ScreenShareMatchesApiTests"/>.</summary>
    public IReadOnlyList<StoredReading> Counters()
    {
        var list = new List<StoredReading>();
        void Counter(string device, string role, string? household, string quantity, double[] values)
        {
            for (int b = 0; b < values.Length; b++)
                list.Add(new StoredReading(SiteId, "gw-1", device, role, household, household is null ? "pv-1" : null, quantity, "kWh",
                    FirstInterval.AddMinutes(15 * b), values[b], ReadingQuality.Good, (ulong)(b + 1)));
        }
        Counter("pv-1-inverter", "pv_production", null, "energy_produced", [500, 503, 504]);
        double[][] imports = [[100, 101, 101.5], [200, 202, 202.5], [300, 300.2, 301.2]];
        for (int h = 0; h < Households.Length; h++)
        {
            Counter($"{Households[h]}-meter", "household_meter", Households[h], "energy_import", imports[h]);
            Counter($"{Households[h]}-meter", "household_meter", Households[h], "energy_export", [10, 10, 10]);
        }
        return list;
    }

    public string[] ServerArgs(int httpPort, params string[] more) =>
    [
        "--site", SiteFile, "--urls", $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
        "--Privacy:SecretsFile", SecretsFile, "--Store:SqlitePath", SqlitePath, .. more,
    ];

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
    }
}
