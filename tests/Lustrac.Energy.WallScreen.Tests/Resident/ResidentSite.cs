using System.Globalization;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.WallScreen.Tests.Resident;

/// <summary>
/// Six homes (h01, h02 consent to fine data; h03–h06 do not) and one shared 30 kWp array, with a week of meter counters
/// written straight into the store: today's local day up to the current interval and the six days before. h01 also has
/// its own panels and water meters. The zone is a fixed offset chosen so that it is about 13:00 there now, so today
/// has some fifty closed intervals whenever the test runs. Every counter follows <see cref="Consumption"/>,
/// <see cref="SharedPv"/> and <see cref="OwnPv"/>, so a day's figures can be worked out from them by hand.
/// </summary>
public sealed class ResidentSite : IDisposable
{
    public static readonly string[] Households = ["h01", "h02", "h03", "h04", "h05", "h06"];
    public const string OperatorToken = "resident-operator";

    public string SiteId { get; } = "res" + Guid.NewGuid().ToString("N")[..8];
    public string Folder { get; } = Directory.CreateTempSubdirectory("lustrac-resident-").FullName;
    public string SiteFile => Path.Combine(Folder, "site.yaml");
    public string SecretsFile => Path.Combine(Folder, "households.secrets");
    public string SqlitePath => Path.Combine(Folder, "lustrac.db");
    public int OffsetHours { get; }
    public DateTimeOffset LocalMidnightToday { get; }
    public DateTimeOffset CountersUntil { get; }

    public static string TokenOf(string household) => "resident-token-" + household;

    public ResidentSite()
    {
        var now = DateTimeOffset.UtcNow;
        OffsetHours = 13 - now.Hour; // −10 … +13, all of which exist as Etc/GMT zones
        var zone = OffsetHours == 0 ? "Etc/GMT" : $"Etc/GMT{(OffsetHours > 0 ? "-" : "+")}{Math.Abs(OffsetHours)}";
        var local = now.ToOffset(TimeSpan.FromHours(OffsetHours));
        LocalMidnightToday = new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        var quarter = TimeSpan.FromMinutes(15).Ticks;
        CountersUntil = new DateTimeOffset(now.UtcTicks - now.UtcTicks % quarter, TimeSpan.Zero);

        const string bus = "modbus-tcp://127.0.0.1:1502";
        var site = TestSites.Builder(SiteId, name: "Lustrac test", timezone: zone);
        for (var i = 0; i < Households.Length; i++) site.Household(Households[i], name: $"Maison {i + 1}", consent: i < 2);
        site.Asset("pv-1", AssetKind.PvArray, ("name", "Toit de l'atelier"), ("peak_kw", 30))
            .Asset("pv-h01", AssetKind.PvArray, ("peak_kw", 3), ("household", "h01"))
            .Asset("tank-1", AssetKind.RainTank, ("name", "Cuve nord"), ("shape", "vertical_cylinder"), ("diameter_m", 2), ("height_m", 2), ("roof_area_m2", 100))
            .Gateway("gw-1").Gateway("gw-2");
        for (var i = 0; i < Households.Length; i++)
            site.Device($"{Households[i]}-meter", "gw-1", DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: Households[i], address: i + 1);
        site.Device("pv-1-inverter", "gw-1", DeviceKinds.SunSpecInverter, bus, Roles.PvProduction, asset: "pv-1", address: 20)
            .Device("h01-pv", "gw-1", DeviceKinds.SunSpecInverter, bus, Roles.HouseholdPv, household: "h01", asset: "pv-h01", address: 21)
            .Device("h01-mains", "gw-2", DeviceKinds.WaterPulse, "gpio://22", Roles.WaterMains, household: "h01", settings: ("litres_per_pulse", 1))
            .Device("h01-rain", "gw-2", DeviceKinds.WaterPulse, "gpio://23", Roles.WaterRain, household: "h01", settings: ("litres_per_pulse", 1))
            .Device("tank-1-level", "gw-2", DeviceKinds.TankLevelUltrasonic, "gpio://17", Roles.TankLevel, asset: "tank-1")
            .WriteTo(SiteFile);
        File.WriteAllLines(SecretsFile, Households.Select(h => HouseholdTokenStore.FileLine(h, TokenOf(h)))
            .Append(HouseholdTokenStore.FileLine(HouseholdTokenStore.Operator, OperatorToken)));
    }

    /// <summary>Local days from 6 days ago to today, as the screen's week shows them.</summary>
    public DateTimeOffset DayStart(int daysAgo) => LocalMidnightToday.AddDays(-daysAgo);

    /// <summary>kWh home <paramref name="h"/> uses in the interval starting at <paramref name="start"/>: a base, more at 7–9 and 18–21 local.</summary>
    public double Consumption(int h, DateTimeOffset start)
    {
        int hour = start.ToOffset(TimeSpan.FromHours(OffsetHours)).Hour;
        return 0.05 + 0.02 * h + (hour is >= 7 and < 9 or >= 18 and < 21 ? 0.25 : 0);
    }

    /// <summary>Daylight 8–18 local, a sine arch, days brighter towards today: kWh per interval.</summary>
    public double SharedPv(DateTimeOffset start) => 2.4 * Sun(start);

    public double OwnPv(DateTimeOffset start) => 0.3 * Sun(start);

    private double Sun(DateTimeOffset start)
    {
        var local = start.ToOffset(TimeSpan.FromHours(OffsetHours));
        double hour = local.Hour + local.Minute / 60.0 + 7.5 / 60;
        int daysAgo = (int)Math.Round((LocalMidnightToday - new DateTimeOffset(local.Date, local.Offset)).TotalDays);
        return hour is < 8 or > 18 ? 0 : Math.Sin(Math.PI * (hour - 8) / 10) * (1 - 0.1 * daysAgo);
    }

    /// <summary>The counters, one reading per interval boundary, from 6 days before today's midnight to <see cref="CountersUntil"/>.</summary>
    public List<StoredReading> Counters()
    {
        var list = new List<StoredReading>();
        var start = DayStart(6);
        int n = (int)((CountersUntil - start).TotalMinutes / 15);
        var totals = new Dictionary<string, double>();
        ulong seq = 0;
        void Add(string device, string role, string? household, string? asset, string quantity, string unit, DateTimeOffset at, double increment)
        {
            totals[device + quantity] = totals.GetValueOrDefault(device + quantity, 1000) + increment;
            list.Add(new StoredReading(SiteId, device.EndsWith("mains") || device.EndsWith("rain") ? "gw-2" : "gw-1", device, role, household, asset,
                quantity, unit, at, totals[device + quantity], ReadingQuality.Good, ++seq));
        }
        for (int k = 0; k <= n; k++)
        {
            var at = start.AddMinutes(15 * k);
            var previous = at.AddMinutes(-15); // the interval this boundary closes (none for k = 0)
            bool first = k == 0;
            Add("pv-1-inverter", "pv_production", null, "pv-1", "energy_produced", "kWh", at, first ? 0 : SharedPv(previous));
            Add("h01-pv", "household_pv", "h01", "pv-h01", "energy_produced", "kWh", at, first ? 0 : OwnPv(previous));
            for (int h = 0; h < Households.Length; h++)
            {
                // The home's grid meter sees its load net of its own panels (h01 only).
                double net = first ? 0 : Consumption(h, previous) - (h == 0 ? OwnPv(previous) : 0);
                Add($"{Households[h]}-meter", "household_meter", Households[h], null, "energy_import", "kWh", at, Math.Max(0, net));
                Add($"{Households[h]}-meter", "household_meter", Households[h], null, "energy_export", "kWh", at, Math.Max(0, -net));
            }
            Add("h01-mains", "water_mains", "h01", null, "water_volume", "L", at, first ? 0 : 2);
            Add("h01-rain", "water_rain", "h01", null, "water_volume", "L", at, first ? 0 : 1);
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
