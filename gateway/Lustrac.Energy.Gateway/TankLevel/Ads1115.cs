using System.Buffers.Binary;
using System.Device.I2c;

namespace Lustrac.Energy.Gateway.TankLevel;

/// <summary>
/// TI ADS1115 16-bit ADC over I2C, single-shot, single-ended. Register map (datasheet §8.6): pointer 0x00 =
/// conversion (16-bit two's complement, big-endian), 0x01 = config. Config bits: 15 OS (write 1: start;
/// read 1: idle/done), 14–12 MUX (100–111: AIN0–AIN3 against GND), 11–9 PGA, 8 MODE (1 = single-shot),
/// 7–5 data rate (100 = 128 SPS, 7.8 ms), 1–0 COMP_QUE (11 = comparator off).
/// </summary>
public sealed class Ads1115(I2cDevice device)
{
    public const byte ConversionRegister = 0x00;
    public const byte ConfigRegister = 0x01;
    private const ushort StartSingleShot = 0x8000;
    private const ushort SingleShotMode = 0x0100;
    private const ushort Rate128Sps = 0b100 << 5;
    private const ushort ComparatorOff = 0b11;
    private static readonly TimeSpan ConversionTimeout = TimeSpan.FromMilliseconds(200);

    /// <summary>Full-scale ranges (± volts) and their PGA codes.</summary>
    public static readonly IReadOnlyDictionary<double, ushort> PgaCodes = new Dictionary<double, ushort>
    {
        [6.144] = 0b000, [4.096] = 0b001, [2.048] = 0b010, [1.024] = 0b011, [0.512] = 0b100, [0.256] = 0b101,
    };

    /// <summary>Config word starting one conversion of AIN<paramref name="channel"/> against GND.</summary>
    public static ushort SingleShotConfig(int channel, double fullScaleVolts) =>
        (ushort)(StartSingleShot | (0b100 + channel) << 12 | PgaCodes[fullScaleVolts] << 9 | SingleShotMode | Rate128Sps | ComparatorOff);

    /// <summary>Starts a conversion, waits for it, returns the raw code (−32768…32767; 1 LSB = full scale / 32768).</summary>
    /// <exception cref="IOException">No device answers at the address (I2C NACK).</exception>
    /// <exception cref="TimeoutException">The conversion never completed.</exception>
    public async ValueTask<short> ReadRawAsync(int channel, double fullScaleVolts, CancellationToken ct)
    {
        if (channel is < 0 or > 3) throw new ArgumentOutOfRangeException(nameof(channel), "ADS1115 has AIN0 to AIN3");
        Span<byte> write = stackalloc byte[3];
        write[0] = ConfigRegister;
        BinaryPrimitives.WriteUInt16BigEndian(write[1..], SingleShotConfig(channel, fullScaleVolts));
        device.Write(write);

        var started = TimeProvider.System.GetTimestamp();
        await Task.Delay(TimeSpan.FromMilliseconds(8), ct).ConfigureAwait(false); // one conversion at 128 SPS
        // Give up only after several polls as well as the time, so a stalled process is not taken for a stalled chip.
        for (var polls = 1; (ReadRegister(ConfigRegister) & StartSingleShot) == 0; polls++)
        {
            if (polls >= 10 && TimeProvider.System.GetElapsedTime(started) > ConversionTimeout)
                throw new TimeoutException($"ADS1115 at 0x{device.ConnectionSettings.DeviceAddress:X2} did not finish a conversion within {ConversionTimeout.TotalMilliseconds} ms");
            await Task.Delay(TimeSpan.FromMilliseconds(2), ct).ConfigureAwait(false);
        }
        return (short)ReadRegister(ConversionRegister);
    }

    public static double Volts(short raw, double fullScaleVolts) => raw * fullScaleVolts / 32768.0;

    private ushort ReadRegister(byte register)
    {
        Span<byte> value = stackalloc byte[2];
        device.WriteRead([register], value);
        return BinaryPrimitives.ReadUInt16BigEndian(value);
    }
}
