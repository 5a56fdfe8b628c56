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
        int count = surplus.Length;
        var charged = new double[count];
        var discharged = new double[count];
        var soc = new double[count];
        double root = Math.Sqrt(b.RoundTripEfficiency), min = b.MinStateOfCharge * b.CapacityKwh, limit = b.PowerKw * intervalHours;
        double stored = min;
        for (int k = 0; k < count; k++)
        {
            if (surplus[k] is double s && deficit[k] is double d)
            {
                double c = Math.Max(0, Math.Min(Math.Min(s, limit), (b.CapacityKwh - stored) / root));
                stored += c * root;
                double x = c > 0 ? 0 : Math.Max(0, Math.Min(Math.Min(d, limit), (stored - min) * root));
                stored -= x / root;
                charged[k] = c;
                discharged[k] = x;
            }
            soc[k] = stored;
        }
        return new BatteryTrace(b, charged, discharged, soc);
    }
}
