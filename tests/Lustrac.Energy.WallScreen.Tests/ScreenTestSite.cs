using System.Globalization;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// A small site for screen tests: six homes on one emulated Modbus bus (h01 and h02 consent to fine data, the
/// others do not), one shared array, one rain tank whose level device no gateway emulates (tests publish its
/// readings by hand on gw-tanks' topic). The secrets file holds the hashes of the tokens below.
/// </summary>
public sealed class ScreenTestSite : IDisposable
{
    public static readonly string[] Households = ["h01", "h02", "h03", "h04", "h05", "h06"];
    public const string OperatorToken = "test-operator-token";

    public string SiteId { get; } = "scr" + Guid.NewGuid().ToString("N")[..8];
    public string Folder { get; } = Directory.CreateTempSubdirectory("lustrac-screen-").FullName;
    public string SiteFile => Path.Combine(Folder, "site.yaml");
    public string SecretsFile => Path.Combine(Folder, "households.secrets");

    public static string TokenOf(string household) => "test-token-" + household;

    public ScreenTestSite(int modbusPort)
    {
        var bus = $"modbus-tcp://127.0.0.1:{modbusPort}";
        var site = TestSites.Builder(SiteId, name: "Lustrac test");
        for (var i = 0; i < Households.Length; i++) site.Household(Households[i], name: $"Maison {i + 1}", occupants: 2, consent: i < 2);
        site.Asset("pv-1", AssetKind.PvArray, ("peak_kw", 30))
            .Asset("tank-1", AssetKind.RainTank, ("shape", "vertical_cylinder"), ("diameter_m", 2), ("height_m", 2), ("roof_area_m2", 100))
            .Gateway("gw-1", pollSeconds: 1).Gateway("gw-tanks");
        for (var i = 0; i < Households.Length; i++)
            site.Device($"{Households[i]}-meter", "gw-1", DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: Households[i], address: i + 1);
        site.Device("pv-1-inverter", "gw-1", DeviceKinds.SunSpecInverter, bus, Roles.PvProduction, asset: "pv-1", address: 20)
            .Device("tank-1-level", "gw-tanks", DeviceKinds.TankLevelUltrasonic, "gpio://17", Roles.TankLevel, asset: "tank-1")
            .WriteTo(SiteFile);
        File.WriteAllLines(SecretsFile, Households.Select(h => HouseholdTokenStore.FileLine(h, TokenOf(h)))
            .Append(HouseholdTokenStore.FileLine(HouseholdTokenStore.Operator, OperatorToken)));
    }

    public string[] ServerArgs(int httpPort, params string[] more) =>
    [
        "--site", SiteFile, "--urls", $"http://127.0.0.1:{httpPort.ToString(CultureInfo.InvariantCulture)}",
        "--Privacy:SecretsFile", SecretsFile, "--Store:SqlitePath", Path.Combine(Folder, "lustrac.db"), .. more,
    ];

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); }
        catch (IOException) { /* best effort: a temp folder */ }
    }
}
