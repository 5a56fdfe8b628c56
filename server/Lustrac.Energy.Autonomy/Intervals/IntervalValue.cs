namespace Lustrac.Energy.Autonomy.Intervals;

/// <summary>Energy (kWh) or volume (L) of one canonical interval. <see cref="Value"/> is null exactly when Missing.</summary>
public readonly record struct IntervalValue(double? Value, IntervalQuality Quality)
{
    public static IntervalValue Missing => new(null, IntervalQuality.Missing);

    public static IntervalValue Measured(double value) => new(value, IntervalQuality.Measured);

    public bool HasValue => Value.HasValue;
}
