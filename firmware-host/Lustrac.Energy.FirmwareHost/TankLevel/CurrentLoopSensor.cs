namespace Lustrac.Energy.FirmwareHost.TankLevel;

/// <summary>
/// A hydrostatic 4–20 mA level sensor at the bottom of a tank, read through a shunt (DOMAIN.md): I = 4 + 16 · depth /
/// span mA, so depth = (I − 4)/16 × span; across 250 Ω that is 1–5 V. Beyond its span the loop saturates at 20 mA
/// (real transmitters go a little past; 20 is the honest reading of a full tank); unplugged it reads 0 mA.
/// </summary>
public sealed class CurrentLoopSensor(Func<DateTimeOffset, double> depthM, double spanM, double shuntOhms = 250,
    Func<DateTimeOffset, bool>? unplugged = null)
{
    public double SpanM { get; } = spanM;
    public double ShuntOhms { get; } = shuntOhms;

    /// <summary>Loop current; 0 mA with the loop broken (below 4 mA is how a reader tells a fault from an empty tank).</summary>
    public double MilliampsAt(DateTimeOffset t) => unplugged?.Invoke(t) == true ? 0 : 4 + 16 * Math.Clamp(depthM(t) / SpanM, 0, 1);

    public double VoltsAt(DateTimeOffset t) => MilliampsAt(t) / 1000 * ShuntOhms;
}
