using System.Globalization;

namespace Lustrac.Energy.Gateway.Ds18b20;

/// <summary>
/// The Linux w1_therm <c>w1_slave</c> file of a DS18B20, for example:
/// <code>
/// 50 05 4b 46 7f ff 0c 10 1c : crc=1c YES
/// 50 05 4b 46 7f ff 0c 10 1c t=85000
/// </code>
/// Line 1: the 9 scratchpad bytes and the kernel's CRC verdict; line 2: the bytes again and millidegrees C.
/// </summary>
public sealed record W1SlaveReading(byte[] Scratchpad, bool KernelCrcOk, int? MilliCelsius)
{
    /// <summary>Scratchpad byte 8 is the CRC-8 of bytes 0–7; checked here, not only trusted from the kernel's "YES".</summary>
    public bool CrcMatches => DallasCrc8.Compute(Scratchpad.AsSpan(0, 8)) == Scratchpad[8];

    public bool AllZero => Scratchpad.All(b => b == 0x00);

    public bool AllOnes => Scratchpad.All(b => b == 0xFF);

    /// <summary>
    /// Temperature from the scratchpad (the bytes the CRC protects), not from the "t=" text: bytes 0–1 are a
    /// signed 16-bit value in 1/16 °C; at 9–11 bit resolution (config byte 4, bits 6–5) the low bits are undefined.
    /// </summary>
    public double Celsius
    {
        get
        {
            var raw = (short)(Scratchpad[0] | Scratchpad[1] << 8);
            var resolutionBits = 9 + ((Scratchpad[4] >> 5) & 0x03);
            var undefinedMask = (short)~((1 << (12 - resolutionBits)) - 1);
            return (raw & undefinedMask) / 16.0;
        }
    }

    /// <summary>85 °C is the register's power-on value: a probe read before its first conversion (or after a brown-out).</summary>
    public bool IsPowerOnValue => Scratchpad[0] == 0x50 && Scratchpad[1] == 0x05;

    /// <exception cref="FormatException">The text is not a w1_slave file.</exception>
    public static W1SlaveReading Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 1) throw new FormatException("w1_slave is empty");
        var first = lines[0].Split(':', 2);
        if (first.Length != 2) throw new FormatException($"w1_slave line 1 has no ': crc=' part: '{lines[0]}'");
        var scratchpad = ParseBytes(first[0]);
        var verdict = first[1].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (verdict.Length != 2 || !verdict[0].StartsWith("crc=", StringComparison.Ordinal) || verdict[1] is not ("YES" or "NO"))
            throw new FormatException($"w1_slave line 1 does not end with 'crc=XX YES|NO': '{lines[0]}'");
        int? milli = null;
        if (lines.Length > 1)
        {
            var at = lines[1].IndexOf("t=", StringComparison.Ordinal);
            if (at >= 0 && int.TryParse(lines[1].AsSpan(at + 2), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t)) milli = t;
        }
        return new W1SlaveReading(scratchpad, verdict[1] == "YES", milli);
    }

    private static byte[] ParseBytes(string hex)
    {
        var parts = hex.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 9) throw new FormatException($"w1_slave holds {parts.Length} scratchpad bytes, expected 9");
        return parts.Select(p => byte.TryParse(p, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b)
            ? b : throw new FormatException($"'{p}' is not a hex byte")).ToArray();
    }
}
