namespace Lustrac.Energy.Gateway.Modbus;

/// <summary>Decoding of values that span register words (Modbus words are big-endian).</summary>
public static class RegisterWords
{
    /// <summary>IEEE-754 float32 with the high word first (Eastron, SunSpec float models).</summary>
    public static float Float32HighFirst(ReadOnlySpan<ushort> words, int offset) =>
        BitConverter.UInt32BitsToSingle(((uint)words[offset] << 16) | words[offset + 1]);

    public static uint UInt32HighFirst(ReadOnlySpan<ushort> words, int offset) =>
        ((uint)words[offset] << 16) | words[offset + 1];
}
