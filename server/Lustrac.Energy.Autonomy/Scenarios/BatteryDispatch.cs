namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>What one scenario battery did, interval by interval (kWh on its grid side; state of charge stored, kWh).</summary>
public sealed record BatteryTrace(ScenarioBattery Battery, double[] Charged, double[] Discharged, double[] StateOfChargeKwh)
{
    public double ChargedKwh => Charged.Sum();
    public double DischargedKwh => Discharged.Sum();

    /// <summary>Equivalent full cycles = energy delivered ÷ nominal capacity.</summary>
    public double EquivalentFullCycles => Battery.CapacityKwh > 0 ? DischargedKwh / Battery.CapacityKwh : 0;
}

/// <summary>
/// The battery model: greedy, interval by interval. It charges from local surplus only, never from the grid, and
/// discharges on local deficit only, never to the grid. Per interval of h hours, on the grid side:
/// charge = min(surplus, P·h, (capacity − stored)/√η), stored += charge·√η;
/// discharge = min(deficit, P·h, (stored − min)·√η), stored −= discharge/√η.
/// η is the round-trip efficiency, split evenly (√η in, √η out) so a full cycle loses 1 − η.
/// The battery starts at its minimum state of charge. It ignores: ageing and capacity fade, self-discharge,
/// efficiency varying with power or temperature, the inverter's standby draw, tariffs (no grid charging at night,
/// no forecast of tomorrow's sun) and power changes inside an interval.
/// </summary>
public static class BatteryDispatch
{
    /// <param name="surplus">Energy that would be exported in each interval; null = unknown (the battery idles).</param>
    /// <param name="deficit">Energy that would be imported in each interval; null = unknown (the battery idles).</param>
    public static BatteryTrace Run(ScenarioBattery b, ReadOnlySpan<double?> surplus, ReadOnlySpan<double?> deficit, double intervalHours)
    {
        var run = new BatteryRun(b, surplus.Length, intervalHours);
        for (int k = 0; k < surplus.Length; k++) run.Step(k, surplus[k], deficit[k]);
        return run.Trace;
    }
}

/// <summary>One battery through a run, an interval at a time in grid order (the model of <see cref="BatteryDispatch"/>).</summary>
public sealed class BatteryRun
{
    private readonly ScenarioBattery _b;
    private readonly double[] _charged, _discharged, _soc;
    private readonly double _root, _min, _limit;
    private double _stored;

    public BatteryRun(ScenarioBattery b, int count, double intervalHours)
    {
        _b = b;
        (_charged, _discharged, _soc) = (new double[count], new double[count], new double[count]);
        (_root, _min, _limit) = (Math.Sqrt(b.RoundTripEfficiency), b.MinStateOfCharge * b.CapacityKwh, b.PowerKw * intervalHours);
        _stored = _min; // it starts at its minimum state of charge
    }

    /// <summary>Interval <paramref name="k"/>: what the battery takes from the surplus and gives to the deficit (kWh, grid side).</summary>
    public (double Charged, double Discharged) Step(int k, double? surplus, double? deficit)
    {
        double c = 0, x = 0;
        if (surplus is double s && deficit is double d)
        {
            c = Math.Max(0, Math.Min(Math.Min(s, _limit), (_b.CapacityKwh - _stored) / _root));
            _stored += c * _root;
            x = c > 0 ? 0 : Math.Max(0, Math.Min(Math.Min(d, _limit), (_stored - _min) * _root));
            _stored -= x / _root;
            _charged[k] = c;
            _discharged[k] = x;
        }
        _soc[k] = _stored;
        return (c, x);
    }

    public BatteryTrace Trace => new(_b, _charged, _discharged, _soc);
}
