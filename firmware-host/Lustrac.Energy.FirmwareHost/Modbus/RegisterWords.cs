using System.Buffers.Binary;

namespace Lustrac.Energy.FirmwareHost.Modbus;

/// <summary>How values are laid into registers on the wire: every register big-endian, 32-bit values high word first.</summary>
public static class RegisterWords
{
    public static void WriteFloat32(Span<byte> destination, float value) =>
        BinaryPrimitives.WriteSingleBigEndian(destination, value);

    public static void WriteUInt16(Span<byte> destination, ushort value) =>
        BinaryPrimitives.WriteUInt16BigEndian(destination, value);

    public static void WriteInt16(Span<byte> destination, short value) =>
        BinaryPrimitives.WriteInt16BigEndian(destination, value);

    public static void WriteUInt32(Span<byte> destination, uint value) =>
        BinaryPrimitives.WriteUInt32BigEndian(destination, value);
}
