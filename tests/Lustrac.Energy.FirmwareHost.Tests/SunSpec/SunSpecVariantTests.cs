using System.Buffers.Binary;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Lustrac.Energy.Protocol.Site;
using static Lustrac.Energy.FirmwareHost.Tests.SunSpec.SunSpecWireTests;

namespace Lustrac.Energy.FirmwareHost.Tests.SunSpec;

/// <summary>Configurable variants for discovery tests: float inverter models, meter model 203, other bases, L = 65.</summary>
public sealed class SunSpecVariantTests
{
    private static SiteModel SiteWithVariants() => SiteLoader.Parse(File.ReadAllText(RepoFiles.SampleSite) + """
          - id: h01-sunspec-meter
            gateway: gw-est
            kind: sunspec_meter
            bus: modbus-tcp://127.0.0.1:15041
            address: 1
            role: household_meter
            household: h01
            settings:
              sunspec_base: 50000
          - id: pv-atelier-float
            gateway: gw-communs
            kind: sunspec_inverter
            bus: modbus-tcp://127.0.0.1:15041
            address: 2
            role: pv_production
            asset: pv-atelier
            settings:
              sunspec_model: 113
              sunspec_base: 0
              common_length: 65
        """ + "\n");

    private static Task<EmulatedSite> StartAsync() => EmulatedSite.StartAsync(SiteWithVariants(),
        new EmulatedSiteOptions { Start = FrozenSite.SummerNoon, Speed = 0, EphemeralPorts = true });

    private static float Float(ushort[] r, int offset) => BinaryPrimitives.ReadSingleBigEndian(
        [(byte)(r[offset] >> 8), (byte)r[offset], (byte)(r[offset + 1] >> 8), (byte)r[offset + 1]]);

    [Fact]
    public async Task Float_inverter_113_at_base_0_with_a_65_register_common_model()
    {
        await using var site = await StartAsync();
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("pv-atelier-float"));

        var chain = await WalkChainAsync(client, 2, 0);

        Assert.Equal(new (ushort, ushort)[] { (1, 65), (113, 60) }, chain.Select(m => (m.Id, m.Length)));
        var r = new ushort[62];
        chain[1].Body.CopyTo(r, 2);
        var truth = site.InverterValues("pv-atelier-float");
        Assert.Equal((float)truth.AcPowerW, Float(r, 22));
        Assert.Equal((float)truth.LifetimeWh, Float(r, 32));
        Assert.Equal((float)truth.FrequencyHz, Float(r, 24));
        Assert.True(float.IsNaN(Float(r, 28)), "VAr is not implemented: NaN");
        Assert.Equal((ushort)truth.State, r[48]);
    }

    [Fact]
    public async Task Meter_203_at_base_50000_serves_power_and_energy_counters()
    {
        await using var site = await StartAsync();
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("h01-sunspec-meter"));

        var chain = await WalkChainAsync(client, 1, 50000);

        Assert.Equal(new (ushort, ushort)[] { (1, 66), (203, 105) }, chain.Select(m => (m.Id, m.Length)));
        Assert.Equal("Meter-3P", Text(chain[0].Body.AsSpan(16, 16)));
        var r = new ushort[107];
        chain[1].Body.CopyTo(r, 2);
        var truth = site.MeterValues("h01-sunspec-meter");
        var sf = Math.Pow(10, (short)r[22]);
        Assert.Equal(truth.TotalPowerW, (short)r[18] * sf, sf / 2 + 1e-9);
        Assert.Equal(Math.Round(truth.ImportKwh * 1000), (double)((uint)r[46] << 16 | r[47]) * Math.Pow(10, (short)r[54]));
        Assert.Equal(Math.Round(truth.ExportKwh * 1000), (double)((uint)r[38] << 16 | r[39]));
        Assert.Equal(truth.FrequencyHz, (short)r[16] * Math.Pow(10, (short)r[17]), 0.005 + 1e-9);
        Assert.Equal(0x8000, r[71]); // TotVAh_SF not implemented
    }
}
