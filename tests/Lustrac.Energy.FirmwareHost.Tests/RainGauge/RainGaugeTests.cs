using System.Device.Gpio;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.FirmwareHost.Physics;
using Lustrac.Energy.FirmwareHost.Tests.Support;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.FirmwareHost.Tests.RainGauge;

public sealed class RainGaugeTests
{
    [Fact]
    public async Task The_tipping_bucket_tips_once_per_0_2_mm_of_modelled_rain()
    {
        var yaml = File.ReadAllText(RepoFiles.SampleSite) + """
              - id: rain-gauge
                gateway: gw-communs
                kind: rain_gauge
                bus: gpio://6
                role: rain_gauge
            """ + "\n";
        // Start at the beginning of the first wet spell of November 2026 with seed 1 (found from the model, not hard-coded).
        var rain = new RainModel(1);
        var spell = Enumerable.Range(0, 30).Select(d => rain.Day(new DateOnly(2026, 11, 1).AddDays(d))).First(s => s.TotalMm > 2);
        await using var site = await EmulatedSite.StartAsync(SiteLoader.Parse(yaml), new EmulatedSiteOptions { Start = spell.Start, Speed = 3600, Seed = 1, EphemeralPorts = true });
        using var controller = new GpioController(site.Gpio.Driver);
        controller.OpenPin(6, PinMode.Input);
        var tips = 0;
        controller.RegisterCallbackForPinValueChangedEvent(6, PinEventTypes.Falling, (_, _) => Interlocked.Increment(ref tips));

        // Waits for the first tip the controller sees (0.2 mm of modelled rain), not for a fixed time.
        var gauge = site.Gpio.Emitters["rain-gauge"];
        await Eventually.TrueAsync(() => Task.FromResult(gauge.Emitted >= 1 && Volatile.Read(ref tips) >= 1), TimeSpan.FromSeconds(30), "a first tip");

        var now = site.Clock.Now;
        var fallen = site.Physics.Rain.FallenMm(spell.Start, now);
        Assert.True(fallen > 0.2, $"{fallen:F2} mm in the first simulated hour");
        Assert.Equal(Math.Floor(site.Gpio.CountedAt("rain-gauge", now) / 0.2), gauge.Due, 1.0);
        Assert.Equal(fallen / 0.2, gauge.Due, 1.5);
        Assert.InRange(tips, gauge.Emitted - 1, gauge.Emitted + 1);
        Assert.True(gauge.Emitted >= 1);
    }
}
