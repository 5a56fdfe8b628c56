namespace Lustrac.Energy.Gateway.TankLevel;

/// <summary>
/// JSN-SR04T (and AJ-SR04M) UART output, 9600 8N1: 4 bytes <c>FF H L SUM</c>, distance = H·256 + L in mm,
/// SUM = low byte of (0xFF + H + L). In "mode 2" (R27 = 47 kΩ) the module sends a frame every 100 ms; in
/// the triggered mode (R27 = 120 kΩ) it measures when it receives 0x55.
/// </summary>
public static class JsnSr04tFrame
{
    public const byte Header = 0xFF;
    public const byte TriggerByte = 0x55;
    public const int Length = 4;

    /// <summary>Finds the first frame with a valid checksum in <paramref name="bytes"/>; null if there is none.</summary>
    public static int? FindDistanceMm(ReadOnlySpan<byte> bytes)
    {
        for (var i = 0; i + Length <= bytes.Length; i++)
        {
            if (bytes[i] != Header) continue;
            if ((byte)(bytes[i] + bytes[i + 1] + bytes[i + 2]) == bytes[i + 3]) return bytes[i + 1] << 8 | bytes[i + 2];
        }
        return null;
    }
}
