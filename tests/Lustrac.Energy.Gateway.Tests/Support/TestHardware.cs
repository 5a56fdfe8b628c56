using System.Device.I2c;
using Lustrac.Energy.FirmwareHost.Serial;
using Lustrac.Energy.FirmwareHost.TankLevel;

namespace Lustrac.Energy.Gateway.Tests.Support;

/// <summary>
/// The firmware-host's emulated hardware set up for one driver test: a pty pair in a fresh temporary folder, an ADS1115
/// whose four inputs the test sets.
/// </summary>
public static class TestHardware
{
    /// <summary>A socat pty pair: the driver opens <see cref="PtyPair.DeviceSide"/>, the test plays the device on the other.</summary>
    public static Task<PtyPair> PtyAsync() =>
        PtyPair.CreateAsync(Path.Combine(Directory.CreateTempSubdirectory("lustrac-pty-").FullName, "driver"));

    /// <summary>An ADS1115 at <paramref name="address"/> on bus 1, reading <paramref name="inputs"/> (volts on AIN0–AIN3).</summary>
    public static Ads1115Emulator Adc(out double[] inputs, int address = 0x48)
    {
        var volts = new double[4];
        inputs = volts;
        return new Ads1115Emulator(new I2cConnectionSettings(1, address), channel => volts[channel]);
    }
}
