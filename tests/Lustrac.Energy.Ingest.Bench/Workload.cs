using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Ingest.Bench;

/// <summary>
/// The flood: a site of <see cref="Gateways"/> gateways with <see cref="DevicesPerGateway"/> SDM630-like meters
/// each, every message carrying 8 readings, all stamped in the last hour so the validator accepts them.
/// </summary>
public sealed class Workload(int messagesPerDevice)
{
    public const int Gateways = 10, DevicesPerGateway = 10, ReadingsPerMessage = 8;
    public string SiteId { get; } = "bench";
    public int Messages => Gateways * DevicesPerGateway * messagesPerDevice;
    public long Readings => (long)Messages * ReadingsPerMessage;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddMinutes(-50);

    public static string Gateway(int g) => $"gw-{g:D2}";
    public static string Device(int g, int d) => $"m{g:D2}-{d:D2}";

    public string SiteYaml()
    {
        var site = TestSites.Builder(SiteId);
        for (var g = 0; g < Gateways; g++)
            for (var d = 0; d < DevicesPerGateway; d++) site.Household($"h{g:D2}{d:D2}");
        for (var g = 0; g < Gateways; g++) site.Gateway(Gateway(g));
        for (var g = 0; g < Gateways; g++)
            for (var d = 0; d < DevicesPerGateway; d++)
                site.Device(Device(g, d), Gateway(g), DeviceKinds.Sdm630, $"modbus-tcp://127.0.0.{g + 1}:502", Roles.HouseholdMeter,
                    household: $"h{g:D2}{d:D2}", address: d + 1);
        return site.ToYaml();
    }

    /// <summary>Message number <paramref name="seq"/> (1-based) of one device: topic and payload.</summary>
    public (string Topic, ReadingMessage Message) MessageOf(int g, int d, int seq)
    {
        var time = _start.AddMilliseconds(seq * 100);
        var v = seq * 0.01;
        return (Topics.Readings(new DeviceAddress(SiteId, Gateway(g), Device(g, d))), new ReadingMessage((ulong)seq, time,
        [
            new Reading("energy_import", 1000 + v, "kWh", ReadingQuality.Good), new Reading("energy_export", 200 + v, "kWh", ReadingQuality.Good),
            new Reading("active_power", 1500 - seq % 700, "W", ReadingQuality.Good), new Reading("voltage", 230 + seq % 7, "V", ReadingQuality.Good),
            new Reading("current", 6.5, "A", ReadingQuality.Good), new Reading("frequency", 50.01, "Hz", ReadingQuality.Good),
            new Reading("energy_produced", 50 + v, "kWh", ReadingQuality.Good), new Reading("temperature", 21.5, "degC", ReadingQuality.Good),
        ]));
    }

    public int MessagesPerDevice => messagesPerDevice;
}
