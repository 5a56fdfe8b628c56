namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>Encoders for SunSpec point types into 16-bit registers (32-bit values high word first).</summary>
public static class SunSpecRegisters
{
    /// <summary>An ASCII string of <c>registers.Length</c> registers, two characters each, first in the high byte, NUL-padded.</summary>
    public static void String(Span<ushort> registers, string text)
    {
        registers.Clear();
        for (var i = 0; i < text.Length && i < registers.Length * 2; i++)
        {
            var c = text[i] < 128 ? (byte)text[i] : (byte)'?';
            registers[i / 2] |= (ushort)(i % 2 == 0 ? c << 8 : c);
        }
    }

    public static void UInt32(Span<ushort> registers, uint value)
    {
        registers[0] = (ushort)(value >> 16);
        registers[1] = (ushort)value;
    }

    public static void Float32(Span<ushort> registers, float value) =>
        UInt32(registers, BitConverter.SingleToUInt32Bits(value));

    public static ushort Int16(short value) => unchecked((ushort)value);

    /// <summary>A scale factor (sunssf): a signed power of ten.</summary>
    public static ushort ScaleFactor(int sf) => unchecked((ushort)(short)sf);

    /// <summary>value / 10^sf rounded, clamped to the int16 range (0x8000 stays reserved for "not implemented").</summary>
    public static ushort ScaledInt16(double value, int sf) =>
        Int16((short)Math.Clamp(Math.Round(value / Math.Pow(10, sf)), -32767, 32767));

    /// <summary>value / 10^sf rounded, clamped to the uint16 range (0xFFFF stays reserved for "not implemented").</summary>
    public static ushort ScaledUInt16(double value, int sf) =>
        (ushort)Math.Clamp(Math.Round(value / Math.Pow(10, sf)), 0, 65534);

    /// <summary>The smallest scale factor ≥ <paramref name="minimum"/> at which <paramref name="maximum"/> fits in <paramref name="limit"/>.</summary>
    public static int ScaleFactorFor(double maximum, int limit, int minimum)
    {
        var sf = minimum;
        while (maximum / Math.Pow(10, sf) > limit) sf++;
        return sf;
    }
}
