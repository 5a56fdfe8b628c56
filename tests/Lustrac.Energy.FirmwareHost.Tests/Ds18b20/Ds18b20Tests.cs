using Lustrac.Energy.FirmwareHost.Ds18b20;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.FirmwareHost.Tests.Ds18b20;

public sealed class Ds18b20Tests
{
    [Theory]
    [InlineData(new byte[] { 0x50, 0x05, 0x4b, 0x46, 0x7f, 0xff, 0x0c, 0x10 }, 0x1c)] // power-on scratchpad (DOMAIN.md)
    [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0 }, 0x00)]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, 0xc9)]
    public void Dallas_crc8_matches_known_scratchpads(byte[] bytes, byte crc)
    {
        Assert.Equal(crc, DallasCrc8.Compute(bytes));
    }

    [Fact]
    public void W1_slave_text_has_the_linux_driver_layout()
    {
        Assert.Equal("72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n",
            W1SlaveText.Format(Ds18b20Scratchpad.For(23.125)));
        Assert.Equal("50 05 4b 46 7f ff 0c 10 1c : crc=1c YES\n50 05 4b 46 7f ff 0c 10 1c t=85000\n",
            W1SlaveText.Format(Ds18b20Scratchpad.PowerOn));
        Assert.StartsWith("ff ff ff ff ff ff ff ff ff : crc=c9 NO\n", W1SlaveText.Format(Enumerable.Repeat((byte)0xff, 9).ToArray()));
    }

    [Theory]
    [InlineData(-10.125, "t=-10125")]
    [InlineData(0.0625, "t=62")]
    [InlineData(65.5, "t=65500")]
    public void Temperatures_are_quantised_to_a_sixteenth_of_a_degree(double celsius, string expected)
    {
        var text = W1SlaveText.Format(Ds18b20Scratchpad.For(celsius));

        Assert.EndsWith(expected + "\n", text);
        Assert.Contains(" YES\n", text);
    }

    private static string SiteWithProbes() => File.ReadAllText(RepoFiles.SampleSite) + """
          - id: compost-1-top
            gateway: gw-communs
            kind: ds18b20
            bus: w1://28-00000a1b2c01
            role: compost_temperature
            asset: compost-1
            settings:
              depth_m: 0.2
          - id: compost-1-core
            gateway: gw-communs
            kind: ds18b20
            bus: w1://28-00000a1b2c02
            role: compost_temperature
            asset: compost-1
            settings:
              depth_m: 0.6
        """ + "\n";

    [Fact]
    public async Task Site_probes_write_w1_files_with_the_pile_temperature_at_their_depth_and_follow_the_clock()
    {
        var root = Path.Combine(Path.GetTempPath(), $"w1-{Guid.NewGuid():N}");
        var wall = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var start = new DateTimeOffset(2026, 7, 1, 12, 0, 0, TimeSpan.Zero);
        await using (var site = await EmulatedSite.StartAsync(SiteLoader.Parse(SiteWithProbes()), new EmulatedSiteOptions
                     { Start = start, Speed = 3600, TimeProvider = wall, EphemeralPorts = true, W1Root = root }))
        {
            var pile = site.Physics.CompostPiles["compost-1"];
            string Slave(string id) => File.ReadAllText(Path.Combine(root, id, "w1_slave"));
            int Milli(double c) => (int)(Math.Round(c * 16) * 1000 / 16);

            Assert.EndsWith($"t={Milli(pile.TemperatureC(start, 0.6))}\n", Slave("28-00000a1b2c02"));
            Assert.Equal($"{Milli(pile.TemperatureC(start, 0.2))}\n", File.ReadAllText(Path.Combine(root, "28-00000a1b2c01", "temperature")));
            Assert.True(pile.TemperatureC(start, 0.6) > pile.TemperatureC(start, 0.2) + 5, "the core is hotter than near the surface");

            wall.Advance(TimeSpan.FromSeconds(1)); // one simulated hour
            await WaitUntil(() => Slave("28-00000a1b2c02").EndsWith($"t={Milli(pile.TemperatureC(start.AddHours(1), 0.6))}\n"));
        }
        Assert.False(Directory.Exists(Path.Combine(root, "28-00000a1b2c02")), "stopping removes the probes");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++) await Task.Delay(20);
        Assert.True(condition());
    }

    [Fact]
    public void Probe_faults_unplug_corrupt_and_reset()
    {
        var root = Path.Combine(Path.GetTempPath(), $"w1-{Guid.NewGuid():N}");
        var t0 = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
        var probe = new Ds18b20Probe(root, "28-0000000000aa", _ => 57.25, [
            new FaultSpec("p", FaultKind.CrcError, t0.AddHours(1), t0.AddHours(2)),
            new FaultSpec("p", FaultKind.Unplugged, t0.AddHours(2), t0.AddHours(3)),
            new FaultSpec("p", FaultKind.PowerOnReset, t0.AddHours(3), t0.AddHours(4)),
        ]);
        var file = Path.Combine(root, "28-0000000000aa", "w1_slave");
        try
        {
            probe.WriteAt(t0);
            Assert.Contains(" YES\n", File.ReadAllText(file));
            Assert.EndsWith("t=57250\n", File.ReadAllText(file));

            probe.WriteAt(t0.AddHours(1.5));
            Assert.Contains(" NO\n", File.ReadAllText(file));

            probe.WriteAt(t0.AddHours(2.5));
            Assert.False(Directory.Exists(probe.Folder));

            probe.WriteAt(t0.AddHours(3.5));
            Assert.Equal("50 05 4b 46 7f ff 0c 10 1c : crc=1c YES\n50 05 4b 46 7f ff 0c 10 1c t=85000\n", File.ReadAllText(file));
        }
        finally { if (Directory.Exists(root)) Directory.Delete(root, true); }
    }
}
