using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scenarios;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lustrac.Energy.Server.Tests.Scenarios;

/// <summary>A scenario's range is read in the site's own zone: a date is its local midnight, a time is widened to whole local days.</summary>
public class ScenarioQueryZoneTests
{
    private static SitePlan Plan(string zone) => SitePlan.From(TestSites.Builder("zone-test", timezone: zone).Household("h01")
        .Gateway("gw-1").Device("h01-meter", "gw-1", DeviceKinds.Sdm630, "modbus-tcp://127.0.0.1:1502", Roles.HouseholdMeter, household: "h01", address: 1)
        .Model());

    private static ScenarioQuery Parse(string zone, string from, string to)
    {
        var q = new QueryCollection(new Dictionary<string, StringValues> { ["from"] = from, ["to"] = to });
        var (query, error) = ScenarioQuery.Parse(q, Plan(zone), new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Null(error);
        return query!;
    }

    // Réunion is UTC+4 all year, French Guiana UTC−3, Paris UTC+2 in June.
    [Theory]
    [InlineData("Indian/Reunion", "2026-06-21", "2026-06-23", "2026-06-20T20:00:00Z", "2026-06-22T20:00:00Z")]
    [InlineData("America/Cayenne", "2026-06-21", "2026-06-23", "2026-06-21T03:00:00Z", "2026-06-23T03:00:00Z")]
    [InlineData("Europe/Paris", "2026-06-21", "2026-06-23", "2026-06-20T22:00:00Z", "2026-06-22T22:00:00Z")]
    // 10:00Z is 14:00 in Réunion on the 21st; 21:00Z on the 21st is 01:00 on the 22nd there: widened to [21st, 23rd).
    [InlineData("Indian/Reunion", "2026-06-21T10:00:00Z", "2026-06-21T21:00:00Z", "2026-06-20T20:00:00Z", "2026-06-22T20:00:00Z")]
    // The same times in French Guiana are 07:00 and 18:00 on the 21st: one local day.
    [InlineData("America/Cayenne", "2026-06-21T10:00:00Z", "2026-06-21T21:00:00Z", "2026-06-21T03:00:00Z", "2026-06-22T03:00:00Z")]
    public void The_range_is_whole_local_days_of_the_site(string zone, string from, string to, string fromUtc, string toUtc)
    {
        var query = Parse(zone, from, to);
        Assert.Equal(DateTime.Parse(fromUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), query.FromUtc);
        Assert.Equal(DateTime.Parse(toUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), query.ToUtc);
    }
}
