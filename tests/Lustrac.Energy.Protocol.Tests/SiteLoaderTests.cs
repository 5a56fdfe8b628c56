// Keeps literal YAML: the site file's text is what these tests are about (the loader's reading of it and its messages).
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Protocol.Tests;

public class SiteLoaderTests
{
    private const string Valid = """
        site:
          id: demo
          latitude: 44.4
          longitude: 0.85
        households:
          - id: h01
          - id: h02
        assets:
          - id: pv-1
            kind: pv_array
            peak_kw: 9
        gateways:
          - id: gw-1
        devices:
          - id: h01-meter
            gateway: gw-1
            kind: sdm630
            bus: modbus-tcp://127.0.0.1:1502
            address: 1
            role: household_meter
            household: h01
          - id: h02-meter
            gateway: gw-1
            kind: sdm120
            bus: modbus-tcp://127.0.0.1:1502
            address: 2
            role: household_meter
            household: h02
          - id: pv-1-inverter
            gateway: gw-1
            kind: sunspec_inverter
            bus: modbus-tcp://127.0.0.1:1503
            address: 1
            role: pv_production
            asset: pv-1
        """;

    [Fact]
    public void Loads_the_lustrac_sample_site()
    {
        var site = SiteLoader.LoadFile(RepositoryPaths.SampleSite);

        Assert.Equal("lustrac", site.Site.Id);
        Assert.Equal(30, site.Households.Count);
        Assert.Equal(15, site.Site.IntervalMinutes);
        Assert.Equal(0.85, site.Targets.VitalNeeds);
        Assert.All(site.Households, h => Assert.Contains(site.Devices, d => d.Household == h.Id && d.Role == Roles.HouseholdMeter));
        Assert.Contains(site.Assets, a => a.Kind == AssetKind.PvArray);
        Assert.Contains(site.Assets, a => a.Kind == AssetKind.RainTank);
        Assert.Contains(site.Assets, a => a.Kind == AssetKind.CompostPile);
    }

    [Fact]
    public void The_demo_devices_extend_the_sample_site_validly()
    {
        var yaml = File.ReadAllText(RepositoryPaths.SampleSite) + File.ReadAllText(Path.Combine(RepositoryPaths.Root, "site", "lustrac.demo-devices.yaml"));

        var site = SiteLoader.Parse(yaml);

        Assert.Equal(3, site.Devices.Count(d => d.Role == Roles.CompostTemperature));
        Assert.Equal(2, site.Devices.Count(d => d.Role == Roles.TankLevel));
    }

    [Fact]
    public void Loads_a_small_valid_site_with_defaults()
    {
        var site = SiteLoader.Parse(Valid);

        Assert.Equal(3, site.Devices.Count);
        Assert.Equal("Europe/Paris", site.Site.TimeZone);
        Assert.Equal(AllocationKey.DefaultDynamic, site.Allocation.Key);
        Assert.Equal(10, site.Gateways[0].PollSeconds);
        Assert.Equal(new SourceLocation("site.yaml", 15, 5), site.Devices[0].Location);
    }

    [Fact]
    public void Names_an_unknown_device_kind_with_its_line_and_a_suggestion()
    {
        var problem = SingleProblem(Valid.Replace("kind: sdm630", "kind: sdm603"));

        Assert.Equal(15, problem.Location.Line);
        Assert.Contains("unknown kind 'sdm603'", problem.Message);
        Assert.Contains("Did you mean 'sdm630'?", problem.Message);
    }

    [Fact]
    public void Names_a_duplicate_id_and_where_it_was_first_used()
    {
        var problem = SingleProblem(Valid.Replace("id: h02-meter", "id: h01-meter").Replace("household: h02", "household: h01"), allowMore: true);

        Assert.Contains("device id 'h01-meter' is used twice (first at line 15)", problem.Message);
        Assert.Equal(22, problem.Location.Line);
    }

    [Fact]
    public void Names_a_device_on_an_unknown_gateway()
    {
        var problem = SingleProblem(Valid.Replace("""
              - id: h02-meter
                gateway: gw-1
            """, """
              - id: h02-meter
                gateway: gw-2
            """));

        Assert.Equal(22, problem.Location.Line);
        Assert.Contains("device 'h02-meter' is on gateway 'gw-2', which is not listed under 'gateways'", problem.Message);
        Assert.Contains("Did you mean 'gw-1'?", problem.Message);
    }

    [Fact]
    public void Names_a_household_without_a_meter_and_how_to_fix_it()
    {
        var yaml = Valid.Replace("  - id: h02\n", "  - id: h02\n  - id: h03\n");

        var problem = SingleProblem(yaml);

        Assert.Equal(8, problem.Location.Line);
        Assert.Contains("household 'h03' has no meter", problem.Message);
        Assert.Contains("role: household_meter", problem.Message);
    }

    [Fact]
    public void Names_a_misspelt_setting()
    {
        var problem = SingleProblem(Valid.Replace("    address: 2\n", "    adress: 2\n"));

        Assert.Contains("unknown setting 'adress'", problem.Message);
        Assert.Contains("Did you mean 'address'?", problem.Message);
    }

    [Fact]
    public void Names_two_meters_sharing_a_bus_address()
    {
        var problem = SingleProblem(Valid.Replace("    address: 2\n", "    address: 1\n"));

        Assert.Contains("same bus and address as 'h01-meter'", problem.Message);
    }

    [Fact]
    public void Reports_every_problem_at_once()
    {
        var yaml = Valid.Replace("kind: sdm630", "kind: nope").Replace("gateway: gw-1\n    kind: sdm120", "gateway: gw-9\n    kind: sdm120");

        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(yaml));

        Assert.Equal(2, ex.Problems.Count);
        Assert.StartsWith("The site file has 2 problems:", ex.Message);
    }

    [Theory]
    [InlineData("latitude: 44.4", "latitude: 144.4", "'latitude' of 'site' is 144.4; it must lie between -90 and 90")]
    [InlineData("latitude: 44.4", "latitude: north", "'latitude' of 'site' must be a number")]
    [InlineData("  id: demo\n", "  id: Demo Site\n", "id 'Demo Site' of 'site' is not allowed")]
    [InlineData("    peak_kw: 9\n", "", "PV array 'pv-1' needs 'peak_kw'")]
    [InlineData("    household: h02\n", "", "device 'h02-meter' has role 'household_meter' and so needs 'household: <id>'")]
    [InlineData("role: pv_production", "role: water_rain", "cannot have role 'water_rain'")]
    public void Explains_each_kind_of_mistake(string from, string to, string expected)
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(Valid.Replace(from, to)));

        Assert.Contains(ex.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Reports_broken_yaml_with_its_line()
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse("site:\n  id: x\n   latitude: [1\n"));

        Assert.Contains("not valid YAML", ex.Problems[0].Message);
        Assert.True(ex.Problems[0].Location.Line >= 2);
    }

    [Fact]
    public void Reports_a_missing_file_with_its_full_path()
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.LoadFile("/nowhere/site.yaml"));

        Assert.Contains("/nowhere/site.yaml", ex.Message);
    }

    private static SiteProblem SingleProblem(string yaml, bool allowMore = false)
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(yaml));
        if (!allowMore) Assert.Single(ex.Problems);
        return ex.Problems[0];
    }
}

public sealed class DepartedHouseholdSiteTests
{
    private const string Site = """
        site:
          id: s
          latitude: 44.4
          longitude: 0.85
        households:
          - id: h01
            left: 2026-10-01
          - id: h02
        assets:
          - id: pv-h01
            kind: pv_array
            household: h01
            peak_kw: 3
        gateways:
          - id: gw
        devices:
          - id: m1
            gateway: gw
            kind: sdm120
            bus: modbus-tcp://127.0.0.1:1502
            address: 1
            role: household_meter
            household: h01
          - id: m2
            gateway: gw
            kind: sdm120
            bus: modbus-tcp://127.0.0.1:1502
            address: 2
            role: household_meter
            household: h02
        """;

    [Fact]
    public void A_household_marked_left_is_out_of_the_site_with_its_devices_and_assets()
    {
        var model = SiteLoader.Parse(Site);
        Assert.Equal(["h02"], model.Households.Select(h => h.Id));
        Assert.Equal(["m2"], model.Devices.Select(d => d.Id));
        Assert.Empty(model.Assets);
        var gone = Assert.Single(model.Departed);
        Assert.Equal(("h01", new DateOnly(2026, 10, 1)), (gone.Id, gone.Left));
        Assert.Equal(["m1"], gone.Devices);
    }

    [Fact]
    public void A_left_date_that_is_not_a_date_is_refused_with_its_line()
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(Site.Replace("left: 2026-10-01", "left: 1er octobre")));
        var problem = Assert.Single(ex.Problems);
        Assert.Contains("'left' is '1er octobre'; write the date the household left as YYYY-MM-DD", problem.Message);
        Assert.Equal(7, problem.Location.Line);
    }

    [Fact]
    public void A_departed_household_keeping_a_static_share_is_refused()
    {
        var yaml = Site.Replace("households:", "allocation:\n  key: static\n  static_shares:\n    h01: 0.5\n    h02: 0.5\nhouseholds:");
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(yaml));
        Assert.Contains(ex.Problems, p => p.Message.Contains("household 'h01' has left (left: 2026-10-01) but still has a static share"));
    }
}
