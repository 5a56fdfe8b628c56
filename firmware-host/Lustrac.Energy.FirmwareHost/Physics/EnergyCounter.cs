namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// A cumulative energy register (kWh) integrating a power signal over simulated time. Integration runs on a fixed
/// grid of <see cref="Step"/> from the counter's origin (trapezoids, linear within a step), so the value at an instant
/// depends only on that instant — not on when or how often it was read — which keeps runs reproducible. Never
/// decreases for a non-negative power signal. Thread-safe.
/// </summary>
public sealed class EnergyCounter
{
    private readonly Func<DateTimeOffset, double> _powerKw;
    private readonly Lock _gate = new();
    private long _gridIndex;          // last grid point integrated to
    private double _kwhAtGridIndex;   // counter value at that grid point
    private double _powerAtGridIndex; // power at that grid point (kW)

    /// <param name="powerKw">Power at an instant in kW; negative values are treated as zero.</param>
    public EnergyCounter(Func<DateTimeOffset, double> powerKw, DateTimeOffset origin, double initialKwh, TimeSpan? step = null)
    {
        _powerKw = t => Math.Max(0, powerKw(t));
        Origin = origin;
        Step = step ?? TimeSpan.FromSeconds(10);
        _kwhAtGridIndex = initialKwh;
        _powerAtGridIndex = _powerKw(origin);
        InitialKwh = initialKwh;
    }

    public DateTimeOffset Origin { get; }
    public TimeSpan Step { get; }
    public double InitialKwh { get; }

    /// <summary>The counter in kWh at <paramref name="t"/> (the initial value before the origin).</summary>
    public double KwhAt(DateTimeOffset t)
    {
        if (t <= Origin) return InitialKwh;
        var elapsed = (t - Origin).Ticks;
        var index = elapsed / Step.Ticks;
        var fraction = (double)(elapsed % Step.Ticks) / Step.Ticks;
        lock (_gate)
        {
            while (_gridIndex < index) Advance();
            var (kwh, power) = _gridIndex == index ? (_kwhAtGridIndex, _powerAtGridIndex) : Rewind(index);
            return kwh + fraction * StepKwh(power, PowerAtGrid(index + 1));
        }
    }

    private void Advance()
    {
        var next = PowerAtGrid(_gridIndex + 1);
        _kwhAtGridIndex += StepKwh(_powerAtGridIndex, next);
        _powerAtGridIndex = next;
        _gridIndex++;
    }

    /// <summary>A read for an instant before the last one (another connection raced ahead): walk back without moving state.</summary>
    private (double Kwh, double Power) Rewind(long index)
    {
        var kwh = _kwhAtGridIndex;
        var later = _powerAtGridIndex;
        for (var i = _gridIndex - 1; i >= index; i--)
        {
            var earlier = PowerAtGrid(i);
            kwh -= StepKwh(earlier, later);
            later = earlier;
        }
        return (kwh, later);
    }

    private double PowerAtGrid(long index) => _powerKw(Origin.AddTicks(index * Step.Ticks));

    private double StepKwh(double p0, double p1) => (p0 + p1) / 2 * Step.TotalHours;
}
