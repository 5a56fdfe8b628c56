using System.Globalization;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Serial;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.TankLevel;

/// <summary>Builds tank level drivers from site-file devices; the tank's geometry comes from the asset the device names.</summary>
public static class TankLevelSetup
{
    public static HydrostaticTankSensor CreateHydrostatic(Device device, SiteModel? site, DriverHardware hardware)
    {
        var s = new DeviceSettings(device);
        var fullScale = s.Number("pga_volts", 4.096);
        if (!Ads1115.PgaCodes.ContainsKey(fullScale))
            throw new FormatException($"device '{device.Id}': setting pga_volts: {fullScale} is not an ADS1115 range; use one of {string.Join(", ", Ads1115.PgaCodes.Keys)}.");
        var options = new HydrostaticOptions(
            SpanM: s.RequireNumber("span_m", min: 0.01, max: 100),
            OffsetM: s.Number("offset_m", 0, min: 0, max: 20),
            ShuntOhms: s.Number("shunt_ohms", 250, min: 1, max: 10_000),
            Channel: (int)s.Number("channel", 0, min: 0, max: 3),
            FullScaleVolts: fullScale);
        var (bus, address) = I2cAddressOf(device);
        return new HydrostaticTankSensor(device.Id, new Ads1115(hardware.I2c(bus, address)), options, TankOf(device, site));
    }

    public static UltrasonicTankSensor CreateUltrasonic(Device device, SiteModel? site, DriverHardware hardware)
    {
        var s = new DeviceSettings(device);
        var options = new UltrasonicOptions(
            MountHeightM: s.RequireNumber("mount_height_m", min: 0.2, max: 20),
            BlindMm: (int)s.Number("blind_mm", 200, min: 0, max: 1000),
            MaxRangeMm: (int)s.Number("max_range_mm", 6000, min: 500, max: 10_000),
            Triggered: s.Choice("uart_mode", "auto", "auto", "triggered") == "triggered");
        if (!device.Bus.StartsWith("uart://", StringComparison.Ordinal) && !device.Bus.StartsWith("serial://", StringComparison.Ordinal))
            throw new FormatException($"device '{device.Id}' (tank_level_ultrasonic): write its bus as uart:///dev/ttyAMA0 (9600 8N1 by default), not '{device.Bus}'.");
        var line = hardware.Serial(SerialLineSettings.FromUri(device.Bus));
        return new UltrasonicTankSensor(device.Id, line, options, TankOf(device, site));
    }

    /// <summary><c>i2c://1/0x48</c> → (bus 1, address 0x48). ADS1115 addresses: 0x48–0x4B (ADDR to GND, VDD, SDA, SCL).</summary>
    public static (int Bus, int Address) I2cAddressOf(Device device)
    {
        var uri = device.Bus.StartsWith("i2c://", StringComparison.Ordinal) ? new Uri(device.Bus) : null;
        var addressText = uri?.AbsolutePath.Trim('/') ?? "";
        if (uri is not null && int.TryParse(uri.Host, NumberStyles.None, CultureInfo.InvariantCulture, out var bus)
            && addressText.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(addressText.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var address) && address is >= 0x08 and <= 0x77)
            return (bus, address);
        throw new FormatException($"device '{device.Id}': write its bus as i2c://<bus>/<hex address>, e.g. i2c://1/0x48, not '{device.Bus}'.");
    }

    private static TankGeometry TankOf(Device device, SiteModel? site)
    {
        var asset = site?.Assets.FirstOrDefault(a => a.Id == device.Asset)
            ?? throw new FormatException($"device '{device.Id}' ({device.Kind}) must name its tank with 'asset: <id>' (a rain_tank asset) so its level can be turned into a volume.");
        return TankGeometry.Of(asset);
    }
}
