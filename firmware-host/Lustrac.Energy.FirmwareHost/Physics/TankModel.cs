namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// A rainwater tank: filled by rain on its roof (1 mm on 1 m² = 1 L, runoff coefficient 0.9 for a pitched roof),
/// emptied by the WC flushing of the households it serves, overflowing when full and simply not supplying when
/// empty (the houses then flush with mains water). Stepped on a fixed 5-minute grid from its origin so the level at
/// an instant does not depend on when it is read. Thread-safe.
/// </summary>
public sealed class TankModel
{
    public const double RunoffCoefficient = 0.9;
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);
    private readonly RainModel _rain;
    private readonly double _roofM2;
    private readonly Func<DateTimeOffset, double> _drawLitresPerHour;
    private readonly Lock _gate = new();
    private DateTimeOffset _at;
    private double _litres;
    private readonly double _initialLitres;

    public TankModel(string tankId, TankGeometry geometry, double roofAreaM2, RainModel rain, Func<DateTimeOffset, double> drawLitresPerHour,
        DateTimeOffset origin, ulong seed)
    {
        Id = tankId;
        Geometry = geometry;
        _rain = rain;
        _roofM2 = roofAreaM2;
        _drawLitresPerHour = drawLitresPerHour;
        Origin = origin;
        _initialLitres = geometry.CapacityLitres * StableRandom.Between(StableRandom.Combine(seed, "fill/" + tankId), 0.3, 0.8);
        _at = origin;
        _litres = _initialLitres;
    }

    public string Id { get; }
    public TankGeometry Geometry { get; }
    public DateTimeOffset Origin { get; }

    public double LitresAt(DateTimeOffset t)
    {
        lock (_gate)
        {
            if (t < _at) (_at, _litres) = (Origin, _initialLitres); // an earlier instant: replay from the origin
            while (_at + Step <= t) Advance(Step);
            return Math.Clamp(_litres + Flow(_at, t - _at), 0, Geometry.CapacityLitres);
        }
    }

    public double DepthAt(DateTimeOffset t) => Geometry.DepthAt(LitresAt(t));

    private void Advance(TimeSpan span)
    {
        _litres = Math.Clamp(_litres + Flow(_at, span), 0, Geometry.CapacityLitres);
        _at += span;
    }

    private double Flow(DateTimeOffset from, TimeSpan span)
    {
        if (span <= TimeSpan.Zero) return 0;
        var inflow = _rain.FallenMm(from, from + span) * _roofM2 * RunoffCoefficient;
        var draw = _drawLitresPerHour(from + span / 2) * span.TotalHours;
        return inflow - draw;
    }
}
