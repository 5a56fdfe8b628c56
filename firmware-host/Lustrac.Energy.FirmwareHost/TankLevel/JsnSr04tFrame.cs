namespace Lustrac.Energy.FirmwareHost.TankLevel;

/// <summary>
/// The JSN-SR04T's UART frame (9600 8N1): 0xFF, distance high byte, low byte (mm), checksum = low 8 bits of
/// 0xFF + high + low. (The similar AJ-SR04M leaves the 0xFF out of the sum; this is the JSN-SR04T.)
/// </summary>
public static class JsnSr04tFrame
{
    public const byte Start = 0xFF;

    /// <summary>The byte a host sends to ask for a reading (the module's "controlled output" mode).</summary>
    public const byte Trigger = 0x55;

    public static byte[] For(int distanceMm)
    {
        var mm = (ushort)Math.Clamp(distanceMm, 0, 0xFFFF);
        var high = (byte)(mm >> 8);
        var low = (byte)mm;
        return [Start, high, low, (byte)(Start + high + low)];
    }
}
