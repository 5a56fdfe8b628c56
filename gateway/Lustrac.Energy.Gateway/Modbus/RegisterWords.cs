using System.Globalization;

namespace Lustrac.Energy.Gateway.Modbus;

/// <summary>Decoding of values that span register words (Modbus words are big-endian).</summary>
public static class RegisterWords
{
    /// <summary>IEEE-754 float32 with the high word first (Eastron, SunSpec float models).</summary>
    public static float Float32HighFirst(ReadOnlySpan<ushort> words, int offset) =>
        BitConverter.UInt32BitsToSingle(((uint)words[offset] << 16) | words[offset + 1]);

    public static uint UInt32HighFirst(ReadOnlySpan<ushort> words, int offset) =>
        ((uint)words[offset] << 16) | words[offset + 1];

    /// <summary>
    /// A float32 as the decimal the device meant: its shortest round-trip text read back as a double, so a register
    /// holding 231.7f travels as 231.7 and not as the widened 231.6999969482422. Non-finite values pass through.
    /// </summary>
    public static double ToShortestDouble(float value)
    {
        if (!float.IsFinite(value)) return value;
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var length, "R", CultureInfo.InvariantCulture);
        return double.Parse(text[..length], NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>A float32 register pair decoded to the decimal it holds (<see cref="ToShortestDouble"/>).</summary>
    public static double Float32Decimal(ReadOnlySpan<ushort> words, int offset) => ToShortestDouble(Float32HighFirst(words, offset));
}
