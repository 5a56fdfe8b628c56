using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Protocol.Tests;

/// <summary>The one tank geometry of gateway, server and screen (DOMAIN.md, Rainwater), and its clamping rule.</summary>
public class TankGeometryTests
{
    [Fact]
    public void A_lying_cylinder_at_40_percent_depth_holds_37_35_percent()
    {
        var tank = new TankGeometry.HorizontalCylinder(DiameterM: 2.0, LengthM: 4.0);
        var full = Math.PI * 1.0 * 4.0 * 1000; // π r² L, r = 1 m

        Assert.Equal(full, tank.CapacityLitres, 6);
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
        Assert.Equal(3000, new TankGeometry.Rectangular(2.0, 1.5, 1.2).VolumeLitres(1.0), 9); // 2 × 1.5 × 1 m³
    }

    [Theory]
    // Below 0 → 0 L; above the full depth → the capacity; the same rule for every shape.
    [InlineData("vertical", -0.3, 0.0)]
    [InlineData("vertical", 5.0, 6283.185)]      // π × 1² × 2 m³ (2 m diameter, 2 m high)
    [InlineData("rectangular", -1.0, 0.0)]
    [InlineData("rectangular", 5.0, 3600.0)]     // 2 × 1.5 × 1.2 m³
    [InlineData("horizontal", -0.01, 0.0)]
    [InlineData("horizontal", 2.5, 12566.371)]   // π × 1² × 4 m³ (2 m diameter, 4 m long)
    public void A_depth_outside_the_tank_is_clamped_to_empty_or_full(string shape, double depthM, double litres)
    {
        TankGeometry tank = shape switch
        {
            "vertical" => new TankGeometry.VerticalCylinder(2.0, 2.0),
            "rectangular" => new TankGeometry.Rectangular(2.0, 1.5, 1.2),
            _ => new TankGeometry.HorizontalCylinder(2.0, 4.0),
        };
        Assert.Equal(litres, tank.VolumeLitres(depthM), 3);
        Assert.Equal(depthM < 0 ? 0 : tank.CapacityLitres, tank.VolumeLitres(depthM), 9);
    }

    [Fact]
    public void A_depth_that_is_not_a_number_is_refused()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TankGeometry.VerticalCylinder(2, 2).VolumeLitres(double.NaN));
        Assert.Contains("depth", e.Message);
    }

    [Fact]
    public void The_site_files_tank_gives_its_geometry_and_a_missing_dimension_names_the_tank_and_the_key()
    {
        static Asset Tank(string id, TankShape shape, double? diameter, double? length, double? width, double? height) =>
            new(id, AssetKind.RainTank, null, null, null, null, shape, diameter, length, width, height, null, null, new SourceLocation("site.yaml", 12, 5));
        Asset[] assets = [Tank("tank-1", TankShape.HorizontalCylinder, 2, 4, null, null), Tank("tank-2", TankShape.Rectangular, null, 2, 0, 1)];
        Assert.Equal(new TankGeometry.HorizontalCylinder(2, 4), TankGeometry.Of(assets[0]));
        var e = Assert.Throws<FormatException>(() => TankGeometry.Of(assets[1]));
        Assert.Contains("tank-2", e.Message);
        Assert.Contains("width_m", e.Message);
        Assert.Contains("site.yaml:12:5", e.Message);
    }
}
