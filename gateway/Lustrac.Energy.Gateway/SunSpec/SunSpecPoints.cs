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
        return (short)raw * Math.Pow(10, scaleFactor.Value);
    }

    public static double? UInt16(ReadOnlySpan<ushort> block, int offset, int? scaleFactor)
    {
        var raw = block[offset];
        if (raw == 0xFFFF || scaleFactor is null) return null;
        return raw * Math.Pow(10, scaleFactor.Value);
    }

    public static double? Acc32(ReadOnlySpan<ushort> block, int offset, int? scaleFactor)
    {
        var raw = RegisterWords.UInt32HighFirst(block, offset);
        if (raw == 0 || scaleFactor is null) return null;
        return raw * Math.Pow(10, scaleFactor.Value);
    }

    public static double? Float32(ReadOnlySpan<ushort> block, int offset)
    {
        var v = RegisterWords.Float32HighFirst(block, offset);
        return float.IsNaN(v) ? null : v;
    }

    /// <summary>A scale factor register; 0x8000 means the points it scales are not implemented.</summary>
    public static int? ScaleFactor(ReadOnlySpan<ushort> block, int offset)
    {
        var raw = block[offset];
        if (raw == 0x8000) return null;
        var sf = (short)raw;
        return sf is >= -10 and <= 10 ? sf : null; // the spec bounds SF to ±10
    }
}
