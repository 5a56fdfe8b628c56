namespace Lustrac.Energy.FirmwareHost.Ds18b20;

/// <summary>
/// The DS18B20's 9-byte scratchpad at 12-bit resolution: temperature LSB/MSB (two's complement, 1/16 °C), TH, TL,
/// configuration (0x7F = 12 bits), 0xFF, COUNT_REMAIN (16 − low nibble of the reading; 0x0C at power-on), 0x10,
/// then the CRC-8 of bytes 0–7.
/// </summary>
public static class Ds18b20Scratchpad
{
    public const byte AlarmHigh = 0x4B, AlarmLow = 0x46, Config12Bit = 0x7F;

    /// <summary>The reading the sensor holds before its first conversion: 85 °C, with a valid CRC.</summary>
    public static readonly byte[] PowerOn = [0x50, 0x05, AlarmHigh, AlarmLow, Config12Bit, 0xFF, 0x0C, 0x10, 0x1C];

    /// <summary>Raw 12-bit reading for a temperature, clamped to the sensor's −55…+125 °C range.</summary>
    public static short RawFor(double celsius) => (short)Math.Round(Math.Clamp(celsius, -55, 125) * 16);

    public static byte[] For(double celsius)
    {
        var raw = RawFor(celsius);
        var pad = new byte[9];
        pad[0] = (byte)raw;
        pad[1] = (byte)(raw >> 8);
        pad[2] = AlarmHigh;
        pad[3] = AlarmLow;
        pad[4] = Config12Bit;
        pad[5] = 0xFF;
        pad[6] = (byte)(16 - (raw & 0x0F));
        pad[7] = 0x10;
        pad[8] = DallasCrc8.Compute(pad.AsSpan(0, 8));
        return pad;
    }

    /// <summary>Millidegrees as the Linux w1_therm driver prints them: raw × 1000 / 16.</summary>
    public static int Millidegrees(ReadOnlySpan<byte> pad) => (short)(pad[0] | pad[1] << 8) * 1000 / 16;
}
