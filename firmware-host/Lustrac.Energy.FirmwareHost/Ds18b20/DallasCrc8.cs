namespace Lustrac.Energy.FirmwareHost.Ds18b20;

/// <summary>
/// The Dallas/Maxim 1-Wire CRC-8 (polynomial x⁸ + x⁵ + x⁴ + 1, reflected 0x8C, initial 0), as the DS18B20 puts in
/// scratchpad byte 8 over bytes 0–7. Check: <c>50 05 4b 46 7f ff 0c 10</c> → 0x1c (the power-on scratchpad).
/// </summary>
public static class DallasCrc8
{
    public static byte Compute(ReadOnlySpan<byte> data)
    {
        byte crc = 0;
        foreach (var b in data)
        {
            var x = b;
            for (var bit = 0; bit < 8; bit++)
            {
                var mix = (byte)((crc ^ x) & 1);
                crc >>= 1;
                if (mix != 0) crc ^= 0x8C;
                x >>= 1;
            }
        }
        return crc;
    }
}
