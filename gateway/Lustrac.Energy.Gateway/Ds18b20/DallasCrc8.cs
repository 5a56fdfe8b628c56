namespace Lustrac.Energy.Gateway.Ds18b20;

/// <summary>
/// Dallas/Maxim 1-Wire CRC-8: polynomial x⁸ + x⁵ + x⁴ + 1 (0x31), processed LSB first (reflected 0x8C),
/// initial value 0. Over the first 8 scratchpad bytes it equals the 9th; over all 9 it gives 0.
/// </summary>
public static class DallasCrc8
{
    public static byte Compute(ReadOnlySpan<byte> bytes)
    {
        byte crc = 0;
        foreach (var b in bytes)
        {
            var data = b;
            for (var i = 0; i < 8; i++)
            {
                var mix = (byte)((crc ^ data) & 0x01);
                crc >>= 1;
                if (mix != 0) crc ^= 0x8C;
                data >>= 1;
            }
        }
        return crc;
    }
}
