namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320): detects a torn record after a power cut.</summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data) => Compute(data, []);

    /// <summary>The CRC of <paramref name="first"/> followed by <paramref name="second"/>, without copying them together.</summary>
    public static uint Compute(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in first) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        foreach (var b in second) crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        return table;
    }
}
