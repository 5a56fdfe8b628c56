using Lustrac.Energy.FirmwareHost.Serial;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.LinkyTic;
using Lustrac.Energy.Gateway.Serial;
using Lustrac.Energy.Gateway.Tests.Support;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Gateway.Tests.LinkyTic;

/// <summary>The driver on a real serial port (one end of a socat pty pair); the test plays the meter on the other end.</summary>
public sealed class LinkyTicMeterPtyTests : IAsyncLifetime
{
    private PtyPair _pty = null!;
    private readonly FakeTimeProvider _clock = new(DateTimeOffset.Parse("2026-06-21T08:15:01Z"));

    private static readonly string Site = TestSites.Builder("lustrac", name: "Lustrac").Household("h05", occupants: 2, name: "Maison 5")
        .Gateway("gw-est")
        .Device("h05-linky", "gw-est", DeviceKinds.LinkyTic, "tic:///dev/ttyAMA0", Roles.HouseholdMeter, household: "h05",
            settings: ("frame_timeout_s", 10))
        .ToYaml();

    private LinkyTicMeter Meter(List<SerialLineSettings> opened)
    {
        var site = SiteLoader.Parse(Site);
        var hardware = new DriverHardware
        {
            Clock = _clock,
            // The site's port is /dev/ttyAMA0; the test swaps in the pty but keeps the line settings the driver chose.
            Serial = settings => { opened.Add(settings); return new SerialPortLine(settings with { PortName = _pty.DeviceSide }); },
        };
        return LinkyTicSetup.Create(site.Devices[0], hardware);
    }

    /// <summary>Sends the frames over and over (a meter never stops) until the read is done.</summary>
    private async Task<T> WhileSending<T>(byte[] stream, Func<Task<T>> read)
    {
        using var device = _pty.OpenEmulatorSide();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                device.Write(stream);
                await Task.Delay(20);
            }
        });
        try { return await read(); }
        finally
        {
            stop.Cancel();
            await writer;
        }
    }

    [Fact]
    public async Task Detects_standard_mode_opens_the_line_7E1_at_9600_and_reads_the_frame()
    {
        var opened = new List<SerialLineSettings>();
        using var meter = Meter(opened);
        var frame = TicFrameFile.Frame(TicFrameFile.Groups("standard-producer-single-phase"));

        var readings = await WhileSending(frame, () => meter.ReadAsync(CancellationToken.None).AsTask());

        Assert.Equal(TicMode.Standard, meter.Mode);
        var line = Assert.Single(opened);
        Assert.Equal((9600, System.IO.Ports.Parity.Even, 7, System.IO.Ports.StopBits.One), (line.Baud, line.Parity, line.DataBits, line.StopBits));
        Assert.Equal(12847.39, readings.Single(r => r.Quantity == "energy_import").Value, 6);
        Assert.Equal(1503.872, readings.Single(r => r.Quantity == "energy_export").Value, 6);
        Assert.All(readings, r => Assert.Equal(ReadingQuality.Good, r.Quality)); // the Pi's clock is 1 s after the meter's
        Assert.Equal(TimeSpan.FromSeconds(1), meter.Statistics.ClockOffset);
        Assert.Null(meter.Condition);
    }

    [Fact]
    public async Task Falls_back_to_historique_at_1200_baud_when_standard_gives_nothing_valid()
    {
        var opened = new List<SerialLineSettings>();
        using var meter = Meter(opened);
        var frame = TicFrameFile.Frame(TicFrameFile.Groups("historique-hc-single-phase"));

        var readings = await WhileSending(frame, () => meter.ReadAsync(CancellationToken.None).AsTask());

        Assert.Equal(TicMode.Historique, meter.Mode);
        Assert.Equal([9600, 1200], opened.Select(l => l.Baud));
        Assert.Equal(125757.522, readings.Single(r => r.Quantity == "energy_import").Value, 6);
    }

    [Fact]
    public async Task A_gateway_clock_far_from_the_meters_marks_the_readings_uncertain_and_says_why()
    {
        _clock.SetUtcNow(DateTimeOffset.Parse("2026-06-21T08:25:00Z")); // 10 minutes after the meter's DATE
        using var meter = Meter([]);
        var frame = TicFrameFile.Frame(TicFrameFile.Groups("standard-producer-single-phase"));

        var readings = await WhileSending(frame, () => meter.ReadAsync(CancellationToken.None).AsTask());

        Assert.All(readings, r => Assert.Equal(ReadingQuality.Uncertain, r.Quality));
        Assert.Contains("clock", meter.Condition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Corrupt_groups_are_counted_and_reported_while_the_good_ones_are_read()
    {
        using var meter = Meter([]);
        var groups = TicFrameFile.Groups("standard-producer-single-phase");
        groups[Array.FindIndex(groups, g => g.StartsWith("SINSTS\t", StringComparison.Ordinal))] = "SINSTS\t00921\t?"; // wrong checksum

        var readings = await WhileSending(TicFrameFile.Frame(groups), () => meter.ReadAsync(CancellationToken.None).AsTask());

        Assert.DoesNotContain(readings, r => r.Quantity == "apparent_power");
        Assert.Contains(readings, r => r.Quantity == "energy_import");
        Assert.Equal(1, meter.Statistics.DroppedGroups);
        Assert.Contains("corrupt", meter.Condition, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_noise_on_the_line_is_a_timeout_never_a_reading()
    {
        var device = new Device("h05-linky", "gw-est", "linky_tic", "tic:///dev/ttyAMA0", 0, Roles.HouseholdMeter, "h05", null,
            new Dictionary<string, string> { ["mode"] = "historique", ["frame_timeout_s"] = "1" }, default);
        using var meter = LinkyTicSetup.Create(device, new DriverHardware { Serial = s => new SerialPortLine(s with { PortName = _pty.DeviceSide }) });
        var noise = new byte[300];
        new Random(17).NextBytes(noise);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => WhileSending(noise, () => meter.ReadAsync(CancellationToken.None).AsTask()));

        Assert.Contains("no valid historique frame", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bus_that_is_not_tic_or_sets_a_baud_rate_is_refused_with_the_fix()
    {
        Device With(string bus) => new("h05-linky", "gw-est", "linky_tic", bus, 0, Roles.HouseholdMeter, "h05", null, new Dictionary<string, string>(), default);
        Assert.Contains("tic:///dev/ttyAMA0", Assert.Throws<FormatException>(() => LinkyTicSetup.Create(With("uart:///dev/ttyAMA0"), new DriverHardware())).Message, StringComparison.Ordinal);
        Assert.Contains("takes no settings", Assert.Throws<FormatException>(() => LinkyTicSetup.Create(With("tic:///dev/ttyAMA0?baud=9600"), new DriverHardware())).Message, StringComparison.Ordinal);
    }

    public async Task InitializeAsync() => _pty = await TestHardware.PtyAsync();

    public Task DisposeAsync()
    {
        _pty.Dispose();
        return Task.CompletedTask;
    }
}
