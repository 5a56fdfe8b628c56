// Keeps literal YAML: the tests check how the loader reads a Linky entry as a person writes it, and its messages.
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Protocol.Tests;

/// <summary>A Linky on its TIC port in the site file, and the quantities it publishes in the vocabulary.</summary>
public class LinkyTicSiteTests
{
    private static string Site(string bus, string role = "household_meter") => $"""
        site: {"{"}id: demo, latitude: 44.4, longitude: 0.85{"}"}
        households:
          - id: h01
        gateways:
          - id: gw-1
        devices:
          - id: h01-linky
            gateway: gw-1
            kind: linky_tic
            bus: {bus}
            role: {role}
            household: h01
        """;

    [Fact]
    public void A_linky_on_a_tic_bus_is_a_household_meter()
    {
        var device = SiteLoader.Parse(Site("tic:///dev/ttyAMA0")).Devices.Single();
        Assert.Equal(("linky_tic", "tic:///dev/ttyAMA0"), (device.Kind, device.Bus));
    }

    [Theory]
    [InlineData("uart:///dev/ttyAMA0", "household_meter", "write its bus as tic:///dev/ttyAMA0")]
    [InlineData("tic:///dev/ttyUSB0", "household_pv", "cannot have role 'household_pv'")]
    public void A_wrong_bus_or_role_is_refused_with_the_fix(string bus, string role, string expected)
    {
        var ex = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(Site(bus, role)));
        Assert.Contains(ex.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Apparent_power_and_ten_tariff_indexes_are_in_the_vocabulary()
    {
        Assert.True(QuantityVocabulary.TryGet("apparent_power", out var va));
        Assert.Equal(("VA", QuantityKind.Gauge), (va.Unit, va.Kind));
        for (var n = 1; n <= 10; n++)
        {
            Assert.True(QuantityVocabulary.TryGet($"energy_import_tariff_{n:D2}", out var q));
            Assert.Equal(("kWh", QuantityKind.Counter), (q.Unit, q.Kind));
        }
        Assert.False(QuantityVocabulary.TryGet("energy_import_tariff_11", out _));
    }
}
