using Lustrac.Energy.Gateway.Modbus;

namespace Lustrac.Energy.Gateway.SunSpec;

/// <summary>
/// Decoding of SunSpec point types, with their "not implemented" sentinels mapped to null:
/// int16 0x8000, uint16 0xFFFF, acc32 0, float32 NaN. A scale factor (sunssf, int16) applies as raw × 10^SF.
/// </summary>
public static class SunSpecPoints
{
    public static double? Int16(ReadOnlySpan<ushort> block, int offset, int? scaleFactor)
    {
        var raw = block[offset];
        if (raw == 0x8000 || scaleFactor is null) return null;
        return Scaled((short)raw, scaleFactor.Value);
    }

    public static double? UInt16(ReadOnlySpan<ushort> block, int offset, int? scaleFactor)
    {
        var raw = block[offset];
        if (raw == 0xFFFF || scaleFactor is null) return null;
        return Scaled(raw, scaleFactor.Value);
    }

    public static double? Acc32(ReadOnlySpan<ushort> block, int offset, int? scaleFactor)
    {
        var raw = RegisterWords.UInt32HighFirst(block, offset);
        if (raw == 0 || scaleFactor is null) return null;
        return Scaled(raw, scaleFactor.Value);
    }

    public static double? Float32(ReadOnlySpan<ushort> block, int offset)
    {
        var v = RegisterWords.Float32HighFirst(block, offset);
        return float.IsNaN(v) ? null : RegisterWords.ToShortestDouble(v);
    }

    /// <summary>An enum16 point (such as the operating state St); 0xFFFF means not implemented.</summary>
    public static int? Enum16(ReadOnlySpan<ushort> block, int offset) => block[offset] == 0xFFFF ? null : block[offset];

    /// <summary>
    /// raw × 10^SF to the register's real precision: dividing by an exact power of ten gives the nearest double to the
    /// decimal (2317 with SF −1 is 231.7), where multiplying by 10^−1, itself inexact, gives 231.70000000000002.
    /// </summary>
    public static double Scaled(double raw, int scaleFactor) =>
        scaleFactor < 0 ? raw / Math.Pow(10, -scaleFactor) : raw * Math.Pow(10, scaleFactor);

    /// <summary>A scale factor register; 0x8000 means the points it scales are not implemented.</summary>
    public static int? ScaleFactor(ReadOnlySpan<ushort> block, int offset)
    {
        var raw = block[offset];
        if (raw == 0x8000) return null;
        var sf = (short)raw;
        return sf is >= -10 and <= 10 ? sf : null; // the spec bounds SF to ±10
    }
}
