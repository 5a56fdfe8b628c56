using System.Globalization;
using System.IO.Ports;

namespace Lustrac.Energy.Gateway.Serial;

/// <summary>
/// Port name and character format of a serial line, read from a bus URI such as
/// <c>modbus-rtu:///dev/ttyUSB0?baud=9600&amp;parity=none&amp;stop=1</c>.
/// </summary>
public sealed record SerialLineSettings(string PortName, int Baud = 9600, Parity Parity = Parity.None, StopBits StopBits = StopBits.One, int DataBits = 8)
{
    /// <summary>Bits on the wire per character: start + data + parity + stop (11 for Modbus RTU 8E1 or 8N2).</summary>
    public int BitsPerCharacter => 1 + DataBits + (Parity == Parity.None ? 0 : 1) + (StopBits switch
    {
        StopBits.Two => 2,
        StopBits.OnePointFive => 2,
        _ => 1,
    });

    /// <summary>Time one character takes on the wire.</summary>
    public TimeSpan CharacterTime => TimeSpan.FromSeconds((double)BitsPerCharacter / Baud);

    /// <summary>
    /// Modbus RTU inter-frame silence t3.5: 3.5 characters of 11 bits at 19200 baud and below, a fixed 1.75 ms
    /// above (Modbus over serial line v1.02, §2.5.1.1). The spec counts 11 bits whatever the parity setting.
    /// </summary>
    public TimeSpan InterFrameSilence => Baud > 19200 ? TimeSpan.FromMicroseconds(1750) : TimeSpan.FromSeconds(3.5 * 11 / Baud);

    /// <summary>Parses a bus URI; the path is the device (<c>/dev/ttyUSB0</c>), the query holds baud, parity, stop, data.</summary>
    /// <exception cref="FormatException">A value is not understood; the message says which and what is allowed.</exception>
    public static SerialLineSettings FromUri(string bus, int defaultBaud = 9600)
    {
        var uri = new Uri(bus);
        var port = Uri.UnescapeDataString(uri.AbsolutePath);
        if (string.IsNullOrEmpty(port) || port == "/") throw new FormatException($"bus '{bus}' names no serial port; write it as {uri.Scheme}:///dev/ttyUSB0");
        var settings = new SerialLineSettings(port, defaultBaud);
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var key = parts[0].ToLowerInvariant();
            var value = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]).ToLowerInvariant() : "";
            settings = key switch
            {
                "baud" => settings with { Baud = ParsePositive(bus, key, value) },
                "data" or "data_bits" => settings with { DataBits = value is "7" or "8" ? int.Parse(value, CultureInfo.InvariantCulture) : throw Bad(bus, key, value, "7 or 8") },
                "parity" => settings with
                {
                    Parity = value switch
                    {
                        "none" or "n" => Parity.None,
                        "even" or "e" => Parity.Even,
                        "odd" or "o" => Parity.Odd,
                        _ => throw Bad(bus, key, value, "none, even or odd"),
                    },
                },
                "stop" or "stop_bits" or "stopbits" => settings with
                {
                    StopBits = value switch
                    {
                        "1" => StopBits.One,
                        "2" => StopBits.Two,
                        _ => throw Bad(bus, key, value, "1 or 2"),
                    },
                },
                _ => throw new FormatException($"bus '{bus}': unknown setting '{parts[0]}'; known: baud, parity, stop, data"),
            };
        }
        return settings;
    }

    private static int ParsePositive(string bus, string key, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 300 and <= 1_000_000
            ? n : throw Bad(bus, key, value, "a rate such as 2400, 9600 or 19200");

    private static FormatException Bad(string bus, string key, string value, string allowed) =>
        new($"bus '{bus}': {key}={value} is not understood; use {allowed}");
}
