using Lustrac.Energy.Gateway.TankLevel;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.Tests.TankLevel;

public class TankGeometryTests
{
    [Fact]
    public void A_lying_cylinder_at_40_percent_depth_holds_37_35_percent()
    {
        var tank = new TankGeometry.HorizontalCylinder(DiameterM: 2.0, LengthM: 4.0);
        var full = Math.PI * 1.0 * 4.0 * 1000;

        Assert.Equal(0.3735, tank.VolumeLitres(0.8) / full, 4);
        Assert.Equal(0.5, tank.VolumeLitres(1.0) / full, 9);
        Assert.Equal(full, tank.VolumeLitres(2.0), 6);
    }

    [Fact]
    public void A_standing_cylinder_is_pi_r_squared_h()
    {
        // tank-nord of the Lustrac site: 2.5 m diameter. 1 m of water: π × 1.25² × 1 m³ = 4908.7 L.
        Assert.Equal(4908.7, new TankGeometry.VerticalCylinder(2.5, 2.4).VolumeLitres(1.0), 1);
    }

    [Fact]
    public void A_rectangular_tank_is_l_w_h()
    {
        Assert.Equal(3000, new TankGeometry.Rectangular(2.0, 1.5, 1.2).VolumeLitres(1.0), 9);
    }

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
}
