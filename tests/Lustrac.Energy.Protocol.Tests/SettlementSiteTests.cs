// Keeps literal YAML: the tests check the loader's reading of the settlement section as written, and its messages.
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Protocol.Tests;

public class SettlementSiteTests
{
    private static string Site(string settlement, int interval = 15) => $"""
        site:
          id: demo
          latitude: 44.4
          longitude: 0.85
          interval_minutes: {interval}
        households:
          - id: h01
          - id: h02
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
        {settlement}
        """;

    [Fact]
    public void Without_a_section_the_settlement_is_30_min_default_dynamic_without_prices()
    {
        var s = SiteLoader.Parse(Site("")).Settlement;
        Assert.Equal((30, SettlementKeyName.DefaultDynamic, (double?)null), (s.StepMinutes, s.Key, s.PriceEurPerKwh));
    }

    [Fact]
    public void A_full_section_is_read()
    {
        var s = SiteLoader.Parse(Site("""
            settlement:
              step_minutes: 15
              key: dynamic
              coefficients: { h01: 2, h02: 1 }
              price_eur_per_kwh: 0.12
              price_abeille_per_kwh: 0.1
            """)).Settlement;
        Assert.Equal(15, s.StepMinutes);
        Assert.Equal(SettlementKeyName.Dynamic, s.Key);
        Assert.Equal(2, s.Coefficients["h01"]);
        Assert.Equal((0.12, 0.1), (s.PriceEurPerKwh!.Value, s.PriceAbeillePerKwh!.Value));
    }

    [Theory]
    [InlineData("settlement:\n  step_minutes: 30\n", 20, "site.yaml:27:21: 'step_minutes' is 30, not a multiple of the site's interval_minutes (20)")]
    [InlineData("settlement:\n  step_minutes: 20\n", 10, "'step_minutes' is 20; the grid operator settles at 15 or 30 minutes")]
    [InlineData("settlement:\n  price_eur_per_kwh: -0.1\n", 15, "site.yaml:27:26: 'price_eur_per_kwh' of 'settlement' is -0.1; it must lie between 0 and 100")]
    [InlineData("settlement:\n  key: static\n  coefficients: { h01: 0.7, h02: 0.4 }\n", 15, "static coefficients add up to 1.1")]
    [InlineData("settlement:\n  key: static\n  coefficients: { h01: 0.7 }\n", 15, "needs a coefficient for every household; missing: h02")]
    [InlineData("settlement:\n  key: dynamic\n  coefficients: { h01: 1, h09: 1 }\n", 15, "'h09' in settlement.coefficients is not a household id")]
    [InlineData("settlement:\n  key: pro_rata\n", 15, "settlement key 'pro_rata' is unknown")]
    public void Bad_settings_are_refused_naming_the_line(string section, int interval, string message)
    {
        var e = Assert.Throws<SiteModelException>(() => SiteLoader.Parse(Site(section.Replace("\n", "\n    ").TrimEnd(), interval)));
        Assert.Contains(e.Problems, p => p.ToString().Contains(message, StringComparison.Ordinal));
    }
}
