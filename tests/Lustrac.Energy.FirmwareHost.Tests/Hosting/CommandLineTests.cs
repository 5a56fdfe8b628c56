using Lustrac.Energy.FirmwareHost.Hosting;

namespace Lustrac.Energy.FirmwareHost.Tests.Hosting;

public sealed class CommandLineTests
{
    [Fact]
    public void All_options_parse()
    {
        var (parsed, error) = CommandLine.Parse(["--site", "s.yaml", "--speed", "60", "--start", "2026-06-21T00:00:00Z", "--seed", "42"]);

        Assert.Null(error);
        Assert.Equal("s.yaml", parsed!.SitePath);
        Assert.Equal(60, parsed.Options.Speed);
        Assert.Equal(new DateTimeOffset(2026, 6, 21, 0, 0, 0, TimeSpan.Zero), parsed.Options.Start);
        Assert.Equal(42UL, parsed.Options.Seed);
    }

    [Fact]
    public void Defaults_are_real_time_from_now_with_seed_1()
    {
        var (parsed, _) = CommandLine.Parse(["--site", "s.yaml"]);

        Assert.Equal(1, parsed!.Options.Speed);
        Assert.Null(parsed.Options.Start);
        Assert.Equal(1UL, parsed.Options.Seed);
    }

    [Theory]
    [InlineData(new[] { "--speed", "60" }, "--site is required")]
    [InlineData(new[] { "--site", "s.yaml", "--speed", "-1" }, "--speed '-1' is not valid")]
    [InlineData(new[] { "--site", "s.yaml", "--speed", "1e9" }, "--speed '1e9' is not valid: simulated seconds per second, from 0 (frozen) to 86400 (a day per second); 1 is real time.")]
    [InlineData(new[] { "--site", "s.yaml", "--speed", "NaN" }, "--speed 'NaN' is not valid: simulated seconds per second")]
    [InlineData(new[] { "--site", "s.yaml", "--seed", "-3" }, "--seed '-3' is not valid")]
    [InlineData(new[] { "--site", "s.yaml", "--serial", "/dev/ttyUSB0" }, "--serial '/dev/ttyUSB0' is not valid")]
    [InlineData(new[] { "--site", "s.yaml", "--start", "yesterday" }, "--start 'yesterday' is not valid")]
    [InlineData(new[] { "--site", "s.yaml", "--colour", "red" }, "unknown option '--colour'")]
    [InlineData(new[] { "--site" }, "--site needs a value")]
    [InlineData(new[] { "--site", "s.yaml", "--history-days", "30" }, "--history-days and --history-broker go together")]
    [InlineData(new[] { "--site", "s.yaml", "--history-days", "0", "--history-broker", "h:1" }, "--history-days '0' is not valid: a whole number of days from 1 to 400")]
    [InlineData(new[] { "--site", "s.yaml", "--history-days", "3", "--history-broker", "localhost" }, "--history-broker 'localhost' is not valid: HOST:PORT")]
    [InlineData(new[] { "--site", "s.yaml", "--history-days", "3", "--history-broker", "h:1", "--history-step", "7" }, "--history-step '7' is not valid: minutes that divide 60")]
    public void Mistakes_are_reported_with_what_to_fix(string[] args, string message)
    {
        var (parsed, error) = CommandLine.Parse(args);

        Assert.Null(parsed);
        Assert.Contains(message, error);
    }

    [Fact]
    public void The_fastest_speed_is_a_simulated_day_per_second()
    {
        var (parsed, error) = CommandLine.Parse(["--site", "s.yaml", "--speed", "86400"]);

        Assert.Null(error);
        Assert.Equal(86400, parsed!.Options.Speed);
    }

    [Fact]
    public void A_clock_faster_than_a_day_per_second_is_refused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new Clock.SimulationClock(TimeProvider.System, DateTimeOffset.UnixEpoch, 86401));

        Assert.Contains("speed must be 0 (frozen) to 86400 (a simulated day per second)", error.Message);
    }

    [Fact]
    public void A_backfill_names_its_days_its_broker_and_its_step()
    {
        var (parsed, error) = CommandLine.Parse(["--site", "s.yaml", "--history-days", "30", "--history-broker", "127.0.0.1:18830", "--history-step", "5"]);

        Assert.Null(error);
        Assert.Equal(30, parsed!.Options.HistoryDays);
        Assert.Equal(5, parsed.Options.HistoryStepMinutes);
        Assert.Equal(("127.0.0.1", 18830), parsed.HistoryBroker);
    }
}
