using System.Buffers.Binary;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.FirmwareHost.Tests.Faults;

public sealed class FaultInjectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 8, 0, 0, TimeSpan.Zero);

    private static Task<EmulatedSite> StartWithFaultsAsync(string yaml, FakeTimeProvider wall) =>
        EmulatedSite.StartAsync(FrozenSite.Model, new EmulatedSiteOptions
        {
            Start = Start,
            Speed = 60,
            TimeProvider = wall,
            EphemeralPorts = true,
            Faults = FaultFile.Parse(yaml, Start),
        });

    private static FakeTimeProvider Wall() => new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_timeout_fault_silences_one_meter_only_while_active()
    {
        var wall = Wall();
        await using var site = await StartWithFaultsAsync("faults:\n  - device: h03-meter\n    kind: timeout\n    from: +00:00:00\n    to: +01:00:00\n", wall);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("h03-meter"));

        await client.SendAsync(RawModbusClient.ReadRequest(1, 3, 0x04, 0x0048, 2));
        await client.SendAsync(RawModbusClient.ReadRequest(2, 4, 0x04, 0x0048, 2));
        var first = await client.ReceiveFrameAsync();
        Assert.Equal(new byte[] { 0, 2 }, first[..2]); // only unit 4 answered; unit 3 stayed silent

        wall.Advance(TimeSpan.FromMinutes(1)); // one simulated hour later the fault is over
        var later = await client.ExchangeAsync(RawModbusClient.ReadRequest(3, 3, 0x04, 0x0048, 2));
        Assert.Equal(0x04, later[7]);
    }

    [Fact]
    public async Task An_inverter_fault_answers_with_state_fault_no_power_and_a_counter_that_stands_still()
    {
        var wall = Wall();
        await using var site = await StartWithFaultsAsync(
            "faults:\n  - device: pv-atelier-inverter\n    kind: inverter_fault\n    from: +02:00:00\n    to: +03:00:00\n", wall);
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("pv-atelier-inverter"));
        // Model 103's ID register is at 40070 (marker 2 + common 2 + 66): W at +14, WH at +24, St at +38.
        async Task<(short W, uint Wh, ushort St)> ReadAsync()
        {
            var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 1, 0x03, 40070, 52));
            ushort Word(int offset) => BinaryPrimitives.ReadUInt16BigEndian(reply.AsSpan(9 + 2 * offset));
            return ((short)Word(14), (uint)(Word(24) << 16 | Word(25)), Word(38));
        }

        wall.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(10)); // 10:10 UTC on 10 March: daylight
        var tripped = await ReadAsync();
        wall.Advance(TimeSpan.FromSeconds(40));                            // 10:50, still tripped
        var stillTripped = await ReadAsync();
        wall.Advance(TimeSpan.FromMinutes(1));                             // 11:50, the fault is over
        var after = await ReadAsync();

        Assert.Equal((short)0, tripped.W);
        Assert.Equal(7, tripped.St);                   // SunSpec St 7 = FAULT, not 2 = sleeping
        Assert.Equal(tripped.Wh, stillTripped.Wh);     // nothing produced while tripped
        Assert.Contains(after.St, new ushort[] { 4, 5 }); // MPPT or throttled again
        Assert.True(after.W > 0, $"no production after the fault ({after.W} W)");
        Assert.True(after.Wh > stillTripped.Wh);
    }

    [Fact]
    public async Task An_exception_fault_answers_with_its_code()
    {
        await using var site = await StartWithFaultsAsync("faults:\n  - device: pv-atelier-inverter\n    kind: exception\n    code: 6\n", Wall());
        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("pv-atelier-inverter"));

        var reply = await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 1, 0x03, 40000, 2));

        Assert.Equal(new byte[] { 0x83, 0x06 }, reply[7..]);
    }

    [Fact]
    public async Task Counter_reset_and_meter_replacement_restart_counters_at_their_instant()
    {
        var wall = Wall();
        await using var site = await StartWithFaultsAsync(
            "faults:\n  - device: h07-meter\n    kind: counter_reset\n    at: +02:00:00\n" +
            "  - device: h08-meter\n    kind: meter_replacement\n    at: +02:00:00\n    new_base_kwh: 0.3\n", wall);
        var resetBefore = site.MeterValues("h07-meter").ImportKwh;
        var replacedBefore = site.MeterValues("h08-meter").ImportKwh;

        wall.Advance(TimeSpan.FromMinutes(3)); // three simulated hours: one after the restart

        using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice("h07-meter"));
        var reset = BinaryPrimitives.ReadSingleBigEndian((await client.ExchangeAsync(RawModbusClient.ReadRequest(1, 7, 0x04, 0x0048, 2))).AsSpan(9));
        var replaced = site.MeterValues("h08-meter").ImportKwh;
        Assert.True(resetBefore > 1000);
        Assert.InRange(reset, 0.01, 5);   // one hour of a household since 0
        Assert.True(replacedBefore > 1000);
        Assert.InRange(replaced, 0.31, 5.3);
    }

    [Fact]
    public async Task A_stuck_meter_repeats_the_values_of_the_fault_start()
    {
        var wall = Wall();
        await using var site = await StartWithFaultsAsync("faults:\n  - device: h09-meter\n    kind: stuck\n    from: +01:00:00\n", wall);
        wall.Advance(TimeSpan.FromMinutes(1));
        var atStart = site.MeterValues("h09-meter");

        wall.Advance(TimeSpan.FromMinutes(30));
        var later = site.MeterValues("h09-meter");

        Assert.Equal(atStart.ImportKwh, later.ImportKwh);
        Assert.Equal(atStart.L1, later.L1);
        Assert.NotEqual(site.MeterValues("h10-meter").ImportKwh, site.MeterValues("h10-meter", atStart.At).ImportKwh);
    }

    [Fact]
    public void Probability_hits_about_that_share_of_requests_and_repeats_with_the_seed()
    {
        var clock = new SimulationClock(TimeProvider.System, Start, 0);
        var spec = new FaultSpec("m", FaultKind.Timeout, Start, Probability: 0.25);
        var units = new Dictionary<byte, IReadOnlyList<FaultSpec>> { [1] = [spec] };
        static bool[] Run(BusFaults f) => Enumerable.Range(0, 2000).Select(_ => f.For(1).Kind != Lustrac.Energy.FirmwareHost.Modbus.WireFaultKind.None).ToArray();

        var a = Run(new BusFaults(units, clock, 1));
        var b = Run(new BusFaults(units, clock, 1));

        Assert.InRange(a.Count(x => x), 400, 600);
        Assert.Equal(a, b);
        Assert.Equal(Lustrac.Energy.FirmwareHost.Modbus.WireFaultKind.None, new BusFaults(units, clock, 1).For(2).Kind);
    }

    [Fact]
    public void Fault_file_problems_are_all_reported_with_their_lines()
    {
        var ex = Assert.Throws<FaultFileException>(() => FaultFile.Parse(
            "faults:\n  - device: a\n    kind: melt\n  - device: b\n    kind: counter_reset\n  - device: c\n    kind: timeout\n    probability: 2\n    colour: red\n", Start));

        Assert.Contains(ex.Problems, p => p.Contains(":2:") && p.Contains("'melt'"));
        Assert.Contains(ex.Problems, p => p.Contains(":4:") && p.Contains("add 'at:"));
        Assert.Contains(ex.Problems, p => p.Contains(":6:") && p.Contains("'probability'"));
        Assert.Contains(ex.Problems, p => p.Contains(":6:") && p.Contains("'colour'"));
    }

    [Fact]
    public async Task A_fault_for_a_device_the_site_does_not_have_stops_start_up()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartWithFaultsAsync("faults:\n  - device: h99-meter\n    kind: timeout\n", Wall()));

        Assert.Contains("h99-meter", ex.Message);
    }
}

public sealed class SampleFaultFileTests
{
    [Fact]
    public void The_shipped_sample_fault_file_parses_and_names_devices_of_the_sample_site()
    {
        var start = new DateTimeOffset(2026, 6, 21, 6, 0, 0, TimeSpan.Zero);

        var faults = FaultFile.Load(Path.Combine(RepoFiles.Root, "firmware-host", "samples", "faults.sample.yaml"), start);

        Assert.Equal(5, faults.Count);
        Assert.All(faults, f => Assert.NotNull(FrozenSite.Model.FindDevice(f.Device)));
        Assert.Equal(start.AddHours(2), faults.Single(f => f.Kind == FaultKind.CounterReset).From);
        Assert.Equal(0.2, faults.Single(f => f.Device == "h03-meter").Probability);
    }
}
