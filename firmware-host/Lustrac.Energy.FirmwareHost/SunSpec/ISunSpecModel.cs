namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>
/// One model in a SunSpec chain: ID, length L, then L registers. <see cref="Write"/> fills all 2 + L registers
/// (ID and L included) for the instant <c>t</c>; offsets in implementations count from the ID register, as in
/// DOMAIN.md's table.
/// </summary>
public interface ISunSpecModel
{
    ushort Id { get; }

    /// <summary>L: the number of registers after the ID and L registers.</summary>
    ushort Length { get; }

    void Write(Span<ushort> registers, DateTimeOffset t);
}

/// <summary>The "not implemented" values SunSpec defines per point type: a reader must treat these as absent.</summary>
public static class NotImplemented
{
    public const ushort Int16 = 0x8000;
    public const ushort UInt16 = 0xFFFF;
    public const ushort ScaleFactor = 0x8000;
    public const ushort Enum16 = 0xFFFF;
    public const uint Acc32 = 0;
    public const uint UInt32 = 0xFFFFFFFF;
    public const uint Bitfield32 = 0xFFFFFFFF;
    public const uint Float32Bits = 0x7FC00000;
}
