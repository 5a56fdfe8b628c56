using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Protocol.Tests;

/// <summary>The shared test-site builder writes files the site loader reads back as the builder was told.</summary>
public sealed class TestSitesBuilderTests
{
    [Fact]
    public void A_built_site_loads_with_every_household_asset_gateway_and_device_as_given()
    {
        var yaml = TestSites.Builder("b1", latitude: 45.5, longitude: 1.25, name: "Built")
            .Household("h01", occupants: 3, consent: true, name: "Maison 1")
            .Household("h02")
            .Asset("tank-1", "rain_tank", ("shape", "vertical_cylinder"), ("diameter_m", 2.5), ("height_m", 2), ("roof_area_m2", 100))
            .Gateway("gw-1", pollSeconds: 5)
            .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h01", address: 7)
            .Device("h02-meter", "gw-1", DeviceKinds.Sdm120, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h02", address: 8)
            .Device("tank-1-level", "gw-1", DeviceKinds.TankLevelUltrasonic, "uart:///dev/ttyAMA0?baud=9600", Roles.TankLevel,
                asset: "tank-1", settings: ("mount_height_m", 2.25))
            .ToYaml();

        var site = SiteLoader.Parse(yaml);

        Assert.Equal(("b1", "Built", 45.5, 1.25), (site.Site.Id, site.Site.Name, site.Site.Latitude, site.Site.Longitude));
        Assert.Equal([("h01", "Maison 1", 3, true), ("h02", "", 2, false)], // 2 occupants and no consent are the loader's defaults
            site.Households.Select(h => (h.Id, h.Name, h.Occupants, h.ConsentFineData)));
        var tank = Assert.Single(site.Assets);
        Assert.Equal((AssetKind.RainTank, 2.5, 2.0, 100.0), (tank.Kind, tank.DiameterM, tank.HeightM, tank.RoofAreaM2));
        Assert.Equal(5, Assert.Single(site.Gateways).PollSeconds);
        var meter = site.FindDevice("h01-meter")!;
        Assert.Equal((DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", 7, Roles.HouseholdMeter, "h01"),
            (meter.Kind, meter.Bus, meter.Address, meter.Role, meter.Household));
        var level = site.FindDevice("tank-1-level")!;
        Assert.Equal(("uart:///dev/ttyAMA0?baud=9600", "tank-1", "2.25"), (level.Bus, level.Asset, level.Settings["mount_height_m"]));
    }

    [Fact]
    public void The_yaml_is_block_style_with_the_site_first()
    {
        var yaml = TestSites.Builder("b2").Household("h01").Gateway("gw-1")
            .Device("m", "gw-1", DeviceKinds.Sdm120, "modbus-tcp://127.0.0.1:1", Roles.HouseholdMeter, household: "h01").ToYaml();

        Assert.Equal("""
            site:
              id: b2
              latitude: 44.4
              longitude: 0.85
            households:
              - id: h01
            gateways:
              - id: gw-1
            devices:
              - id: m
                gateway: gw-1
                kind: sdm120
                bus: modbus-tcp://127.0.0.1:1
                role: household_meter
                household: h01

            """.Replace("\r\n", "\n", StringComparison.Ordinal), yaml);
    }
}
