using System.Globalization;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Devices;

/// <summary>
/// Typed access to a device's free-form <c>settings:</c> block, failing with a message that names the device,
/// the key and what is expected, so a wrong site file stops start-up instead of producing wrong numbers.
/// </summary>
public sealed class DeviceSettings(Device device)
{
    public string DeviceId => device.Id;

    public bool Has(string key) => device.Settings.ContainsKey(key);

    public double Number(string key, double fallback, double min = double.MinValue, double max = double.MaxValue) =>
        Has(key) ? RequireNumber(key, min, max) : fallback;

    public double? OptionalNumber(string key, double min = double.MinValue, double max = double.MaxValue) =>
        Has(key) ? RequireNumber(key, min, max) : null;

    public double RequireNumber(string key, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!device.Settings.TryGetValue(key, out var text))
            throw new FormatException($"device '{device.Id}' ({device.Kind}) needs the setting '{key}'.");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            throw new FormatException($"device '{device.Id}': setting {key}: '{text}' is not a number (use a dot for decimals).");
        if (value < min || value > max)
            throw new FormatException($"device '{device.Id}': setting {key}: {text} is out of range; use {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}.");
        return value;
    }

    public string Text(string key, string fallback) => device.Settings.TryGetValue(key, out var text) ? text : fallback;

    public string Choice(string key, string fallback, params string[] allowed)
    {
        var text = Text(key, fallback);
        return allowed.Contains(text, StringComparer.Ordinal)
            ? text
            : throw new FormatException($"device '{device.Id}': setting {key}: '{text}' is not one of {string.Join(", ", allowed)}.");
    }
}
