using Lustrac.Energy.Gateway.TankLevel;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Tests.TankLevel;

/// <summary>The gateway's level readings; the geometry itself is the site model's (tested in Protocol.Tests).</summary>
public class TankReadingsTests
{
    [Theory]
    [InlineData(-0.10, ReadingQuality.Bad)]
    [InlineData(-0.01, ReadingQuality.Good)]  // within sensor accuracy: clamped to 0
    [InlineData(1.20, ReadingQuality.Good)]
    [InlineData(2.45, ReadingQuality.Bad)]    // above the 2.4 m tank
    public void Impossible_depths_are_flagged_bad_on_both_readings(double depth, ReadingQuality expected)
    {
        var readings = TankReadings.From(depth, new TankGeometry.VerticalCylinder(2.5, 2.4), ReadingQuality.Good);

        Assert.Equal(["tank_level", "tank_volume"], readings.Select(r => r.Quantity));
        Assert.Equal(["m", "L"], readings.Select(r => r.Unit));
        Assert.All(readings, r => Assert.Equal(expected, r.Quality));
        if (expected == ReadingQuality.Good) Assert.InRange(readings[0].Value, 0, 2.4);
    }

    [Fact]
    public void A_bad_depth_above_the_tank_never_claims_more_than_the_tank_holds()
    {
        // 2.5 m diameter, 2.4 m high: full = π × 1.25² × 2.4 m³ = 11 781.0 L; a 3 m depth is kept as bad, its volume clamped.
        var readings = TankReadings.From(3.0, new TankGeometry.VerticalCylinder(2.5, 2.4), ReadingQuality.Good);
        Assert.Equal(11781.0, readings[1].Value, 1);
    }
}
