using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.TankLevel;

/// <summary>Settings of a 4–20 mA level transmitter read through a shunt on an ADS1115 input.</summary>
public sealed record HydrostaticOptions(double SpanM, double OffsetM = 0, double ShuntOhms = 250, int Channel = 0, double FullScaleVolts = 4.096);

/// <summary>
/// A hydrostatic (pressure) level transmitter, 4–20 mA through a shunt (250 Ω → 1–5 V) into an ADS1115.
/// Current beyond NAMUR NE 43 limits is a sensor fault (<c>bad</c>); an ADC at full scale only gives a lower
/// bound (<c>uncertain</c>). Throws when the ADC does not answer on the I2C bus (device down).
/// </summary>
public sealed class HydrostaticTankSensor(string deviceId, Ads1115 adc, HydrostaticOptions options, TankGeometry tank) : IDeviceDriver
{
    public string DeviceId => deviceId;

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        var raw = await adc.ReadRawAsync(options.Channel, options.FullScaleVolts, ct).ConfigureAwait(false);
        var milliamps = Ads1115.Volts(raw, options.FullScaleVolts) / options.ShuntOhms * 1000.0;
        var quality = LoopCurrent.Judge(milliamps);
        if (raw == short.MaxValue && quality != ReadingQuality.Bad) quality = ReadingQuality.Uncertain; // saturated: the level is at least this
        return TankReadings.From(LoopCurrent.DepthM(milliamps, options.SpanM, options.OffsetM), tank, quality);
    }
}
