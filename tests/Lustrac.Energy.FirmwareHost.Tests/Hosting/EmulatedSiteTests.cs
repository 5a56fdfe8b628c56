using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.FirmwareHost.Tests.Hosting;

public sealed class EmulatedSiteTests
{
    [Fact]
    public async Task Sample_site_gets_one_listener_per_bus_serving_every_device()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);

        Assert.Equal(5, site.Buses.Count);
        Assert.Equal(32, site.Devices.Count);
        Assert.Empty(site.Skipped);
        Assert.Equal(Enumerable.Range(1, 10), site.Buses.Single(b => b.Uri.EndsWith(":15023")).Devices.Select(d => d.Device.Address).Order());
        Assert.All(site.Buses, b => Assert.NotEqual(0, b.Endpoint!.Port));
    }

    [Fact]
    public async Task Same_seed_and_start_serve_identical_bytes_and_another_seed_does_not()
    {
        await using var a = await FrozenSite.StartAsync(FrozenSite.SummerNoon, seed: 5);
        await using var b = await FrozenSite.StartAsync(FrozenSite.SummerNoon, seed: 5);
        await using var c = await FrozenSite.StartAsync(FrozenSite.SummerNoon, seed: 6);

        async Task<byte[]> ReadAsync(EmulatedSite site, string device, byte unit, byte function, ushort start, ushort count)
        {
            using var client = await RawModbusClient.ConnectAsync(site.EndpointOfDevice(device));
            return await client.ExchangeAsync(RawModbusClient.ReadRequest(1, unit, function, start, count));
        }

        foreach (var site in new[] { b, c })
        {
            var meter = await ReadAsync(site, "h05-meter", 5, 0x04, 0x0000, 18);
            var inverter = await ReadAsync(site, "pv-hangar-inverter", 1, 0x03, 40070, 52);
            var same = site == b;
            var meterOfA = await ReadAsync(a, "h05-meter", 5, 0x04, 0x0000, 18);
            var inverterOfA = await ReadAsync(a, "pv-hangar-inverter", 1, 0x03, 40070, 52);
            Assert.Equal(same, meter.AsEnumerable().SequenceEqual(meterOfA));
            Assert.Equal(same, inverter.AsEnumerable().SequenceEqual(inverterOfA));
        }
    }

    [Fact]
    public async Task Counters_advance_with_simulated_time_at_the_chosen_speed()
    {
        var wall = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var site = await FrozenSite.StartAsync(new DateTimeOffset(2026, 1, 14, 0, 0, 0, TimeSpan.Zero), wall, speed: 60);
        var before = site.MeterValues("h09-meter");

        wall.Advance(TimeSpan.FromMinutes(24)); // 24 wall minutes at ×60 = one simulated day

        var after = site.MeterValues("h09-meter");
        Assert.Equal(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero), after.At);
        Assert.InRange(after.ImportKwh - before.ImportKwh, 5, 35); // a January day of a four-person home
        var expected = site.Physics.Households["h09"].EnergyKwh(before.At, after.At, TimeSpan.FromSeconds(10));
        Assert.Equal(expected, after.ImportKwh - before.ImportKwh, expected * 0.002);
    }

    [Fact]
    public void Clock_runs_at_speed_from_its_start_and_can_be_frozen()
    {
        var wall = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var start = new DateTimeOffset(2026, 6, 21, 0, 0, 0, TimeSpan.Zero);
        var fast = new SimulationClock(wall, start, 3600);
        var frozen = new SimulationClock(wall, start, 0);

        wall.Advance(TimeSpan.FromSeconds(2.5));

        Assert.Equal(start.AddHours(2.5), fast.Now);
        Assert.Equal(start, frozen.Now);
        Assert.Equal(TimeSpan.FromSeconds(1), fast.WallDelayFor(TimeSpan.FromHours(1)));
    }
}
