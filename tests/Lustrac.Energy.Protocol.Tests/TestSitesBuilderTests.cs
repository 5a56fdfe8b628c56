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

    [Fact]
    public void Site_keys_allocation_settlement_and_a_households_departure_reach_the_model()
    {
        var site = TestSites.Builder("b3", name: "Lustrac test", timezone: "Etc/GMT-3", intervalMinutes: 5)
            .Allocation("static", ("h01", 0.7), ("h03", 0.3))
            .Settlement(("step_minutes", 30), ("key", "default_dynamic"), ("price_eur_per_kwh", 0.12), ("price_abeille_per_kwh", 0.1))
            .Household("h01").Household("h02", left: new DateOnly(2026, 11, 30)).Household("h03")
            .Gateway("gw-1", name: "Pi de l'atelier")
            .Device("m1", "gw-1", DeviceKinds.Sdm120, "modbus-tcp://127.0.0.1:1", Roles.HouseholdMeter, household: "h01", address: 1)
            .Device("m2", "gw-1", DeviceKinds.Sdm120, "modbus-tcp://127.0.0.1:1", Roles.HouseholdMeter, household: "h02", address: 2)
            .Device("m3", "gw-1", DeviceKinds.Sdm120, "modbus-tcp://127.0.0.1:1", Roles.HouseholdMeter, household: "h03", address: 3).Model();

        Assert.Equal(("Lustrac test", "Etc/GMT-3", 5), (site.Site.Name, site.Site.TimeZone, site.Site.IntervalMinutes));
        Assert.Equal(AllocationKey.Static, site.Allocation.Key);
        Assert.Equal([("h01", 0.7), ("h03", 0.3)], site.Allocation.StaticShares.Select(s => (s.Key, s.Value)).OrderBy(s => s.Key));
        Assert.Equal((30, SettlementKeyName.DefaultDynamic, 0.12, 0.1),
            (site.Settlement.StepMinutes, site.Settlement.Key, site.Settlement.PriceEurPerKwh, site.Settlement.PriceAbeillePerKwh));
        Assert.Equal(["h01", "h03"], site.Households.Select(h => h.Id)); // a departed household is listed apart, with its devices
        Assert.Equal(("h02", new DateOnly(2026, 11, 30), "m2"), (site.Departed[0].Id, site.Departed[0].Left, Assert.Single(site.Departed[0].Devices)));
        Assert.Equal("Pi de l'atelier", Assert.Single(site.Gateways).Name);
    }

    [Fact]
    public void Water_compost_battery_and_named_household_assets_load_with_their_properties()
    {
        var site = TestSites.Builder("b4").Household("h01")
            .Asset("pv-h01", AssetKind.PvArray, ("name", "Toit de l'atelier"), ("peak_kw", 3), ("tilt_deg", 30), ("azimuth_deg", 180), ("household", "h01"))
            .Asset("tank-sud", AssetKind.RainTank, ("shape", "horizontal_cylinder"), ("diameter_m", 2.0), ("length_m", 4.0))
            .Asset("compost-1", AssetKind.CompostPile, ("sanitisation_rule", "epa_in_vessel"))
            .Asset("bat-1", AssetKind.Battery, ("household", "h01"))
            .Gateway("gw-1")
            .Device("h01-meter", "gw-1", DeviceKinds.Sdm120, "modbus-tcp://127.0.0.1:1", Roles.HouseholdMeter, household: "h01")
            .Device("h01-water", "gw-1", DeviceKinds.WaterPulse, "gpio://17", Roles.WaterMains, household: "h01",
                settings: [("litres_per_pulse", 10), ("initial_index", 123450)])
            .Device("compost-1-t30", "gw-1", DeviceKinds.Ds18b20, "w1://28-0123456789ab", Roles.CompostTemperature, asset: "compost-1",
                settings: ("depth_m", 0.3))
            .Model();

        var pv = site.Assets[0];
        Assert.Equal((AssetKind.PvArray, "Toit de l'atelier", 3.0, 30.0, 180.0, "h01"), (pv.Kind, pv.Name, pv.PeakKw, pv.TiltDegrees, pv.AzimuthDegrees, pv.Household));
        var tank = site.Assets[1];
        Assert.Equal((TankShape.HorizontalCylinder, 2.0, 4.0), (tank.Shape, tank.DiameterM, tank.LengthM));
        Assert.Equal((AssetKind.CompostPile, "epa_in_vessel"), (site.Assets[2].Kind, site.Assets[2].SanitisationRule));
        Assert.Equal((AssetKind.Battery, "h01"), (site.Assets[3].Kind, site.Assets[3].Household));
        Assert.Equal(("10", "123450"), (site.FindDevice("h01-water")!.Settings["litres_per_pulse"], site.FindDevice("h01-water")!.Settings["initial_index"]));
        Assert.Equal(("compost-1", "0.3"), (site.FindDevice("compost-1-t30")!.Asset, site.FindDevice("compost-1-t30")!.Settings["depth_m"]));
    }
}
