using System.Globalization;
using Lustrac.Energy.Server.Privacy;

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
        var homes = string.Join("", Households.Select((h, i) => $"""

              - id: {h}
                name: Maison {i + 1}
                occupants: 2
                consent_fine_data: {(i < 2 ? "true" : "false")}
            """));
        var meters = string.Join("", Households.Select((h, i) => $"""

              - id: {h}-meter
                gateway: gw-1
                kind: sdm630
                bus: modbus-tcp://127.0.0.1:{modbusPort}
                address: {i + 1}
                role: household_meter
                household: {h}
            """));
        File.WriteAllText(SiteFile, $"""
            site:
              id: {SiteId}
              name: Lustrac test
              latitude: 44.4
              longitude: 0.85
            households:{homes}
            assets:
              - id: pv-1
                kind: pv_array
                peak_kw: 30
              - id: tank-1
                kind: rain_tank
                shape: vertical_cylinder
                diameter_m: 2
                height_m: 2
                roof_area_m2: 100
            gateways:
              - id: gw-1
                poll_seconds: 1
              - id: gw-tanks
            devices:{meters}
              - id: pv-1-inverter
                gateway: gw-1
                kind: sunspec_inverter
                bus: modbus-tcp://127.0.0.1:{modbusPort}
                address: 20
                role: pv_production
                asset: pv-1
              - id: tank-1-level
                gateway: gw-tanks
                kind: tank_level_ultrasonic
                bus: gpio://17
                role: tank_level
                asset: tank-1
            """);
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
