using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.LinkyTic;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.EndToEnd.Tests;

/// <summary>
/// The gateway's Linky driver against firmware-host's Linky, each written from Enedis-NOI-CPT_54E on its own side,
/// over a socat pty pair the emulator makes at the site file's path. Real time (speed 1, starting now), so the meter's
/// own date agrees with the gateway's clock and the readings are good.
/// </summary>
public sealed class LinkyTicAgainstEmulatorTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-linky-").FullName;
    private EmulatedSite _site = null!;
    private DriverFactory _factory = null!;

    private string SiteYaml => TestSites.Builder("linky").Household("h01", occupants: 4).Household("h02", occupants: 2)
        .Gateway("gw-1")
        .Device("h01-linky", "gw-1", DeviceKinds.LinkyTic, $"tic://{_folder}/tic-h01", Roles.HouseholdMeter, household: "h01",
            settings: ("mode", "standard"))
        .Device("h02-linky", "gw-1", DeviceKinds.LinkyTic, $"tic://{_folder}/tic-h02", Roles.HouseholdMeter, household: "h02",
            settings: [("tariff_option", "base"), ("frame_timeout_s", 8)])
        .ToYaml();

    public async Task InitializeAsync()
    {
        var site = SiteLoader.Parse(SiteYaml);
        _site = await EmulatedSite.StartAsync(site, new EmulatedSiteOptions { Seed = 5, Speed = 1 });
        _factory = new DriverFactory(TimeSpan.FromSeconds(2), site, new DriverHardware { StateFolder = Path.Combine(_folder, "state") });
    }

    [Fact]
    public async Task A_standard_mode_linky_gives_its_indexes_and_the_pis_clock_agrees_with_the_meters()
    {
        var driver = (LinkyTicMeter)_factory.Create(_site.Site.FindDevice("h01-linky")!);
        var readings = (await driver.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);
        var truth = _site.Linky.ValuesOf("h01-linky");

        Assert.Equal(TicMode.Standard, driver.Mode);
        Assert.Equal(truth.TotalWh / 1000.0, readings["energy_import"].Value, 0.01); // whole Wh, a second or two of load
        Assert.Equal(truth.TariffIndexesWh[0] / 1000.0, readings["energy_import_tariff_01"].Value, 0.01);
        Assert.Equal(truth.TariffIndexesWh[1] / 1000.0, readings["energy_import_tariff_02"].Value, 0.01);
        Assert.Equal(truth.InjectedWh / 1000.0, readings["energy_export"].Value, 0.01);
        Assert.All(readings.Values, r => Assert.Equal(ReadingQuality.Good, r.Quality));
        Assert.InRange(driver.Statistics.ClockOffset!.Value.TotalSeconds, -1, 5); // the meter says whole seconds
        Assert.Equal(0, driver.Statistics.DroppedGroups);
    }

    [Fact]
    public async Task A_historique_linky_on_the_base_option_is_detected_and_read()
    {
        var driver = (LinkyTicMeter)_factory.Create(_site.Site.FindDevice("h02-linky")!);
        var readings = (await driver.ReadAsync(CancellationToken.None)).ToDictionary(r => r.Quantity);
        var truth = _site.Linky.ValuesOf("h02-linky");

        Assert.Equal(TicMode.Historique, driver.Mode);
        Assert.Equal(truth.TotalWh / 1000.0, readings["energy_import"].Value, 0.01);
        Assert.Equal(readings["energy_import"].Value, readings["energy_import_tariff_01"].Value);
        Assert.Contains("apparent_power", readings.Keys);
        Assert.DoesNotContain("energy_export", readings.Keys); // historique mode has no injection index
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _site.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
