using System.Diagnostics;
using System.Globalization;
using Lustrac.Energy.Protocol.Startup;
using Lustrac.Energy.Testing;
using Microsoft.Extensions.Hosting;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Tests.Settings;

/// <summary>
/// A wrong setting stops the gateway as it starts (GatewayApp.Build + StartAsync, as Program does), with the message
/// Program prints: the setting, its bad value and what to use instead. The last test runs the real program.
/// </summary>
public sealed class GatewaySettingsValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-gateway-settings-").FullName;

    public GatewaySettingsValidationTests() => TestSites.Builder("settings").Household("h01").Gateway("gw-1", pollSeconds: 1)
        .Device("h01-meter", "gw-1", DeviceKinds.Sdm630, $"modbus-tcp://127.0.0.1:{FreePort.Next()}", Roles.HouseholdMeter, household: "h01", address: 1)
        .WriteTo(SiteFile);

    private string SiteFile => Path.Combine(_folder, "site.yaml");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("Gateway:ModbusTimeoutMs", "0", "Gateway:ModbusTimeoutMs is 0; use a number of milliseconds between 10 and 60000 (default 1000).")]
    [InlineData("Gateway:ModbusTimeoutMs", "-100", "Gateway:ModbusTimeoutMs is -100; use a number of milliseconds between 10 and 60000 (default 1000).")]
    [InlineData("Gateway:ModbusRetries", "-1", "Gateway:ModbusRetries is -1; use a number of retries between 0 and 10 (default 2).")]
    [InlineData("Gateway:StateFolder", "", "Gateway:StateFolder is empty; give the folder where pulse counts are kept, e.g. /var/lib/lustrac/state.")]
    [InlineData("Gateway:W1Root", " ", "Gateway:W1Root is empty; give the folder where the w1 driver lists probes, normally /sys/bus/w1/devices.")]
    [InlineData("Mqtt:Host", "", "Mqtt:Host is empty; set the broker in the configuration file (/etc/lustrac/gateway.json on a Pi) or start with --mqtt-host <server>.")]
    [InlineData("Mqtt:Port", "0", "Mqtt:Port is 0; use a TCP port between 1 and 65535 (default 1883).")]
    [InlineData("Mqtt:KeepAliveSeconds", "0", "Mqtt:KeepAliveSeconds is 0; use a number of seconds between 1 and 65535 (default 15).")]
    [InlineData("Outbox:Folder", "", "Outbox:Folder is empty; give the outbox folder, e.g. /var/lib/lustrac/outbox.")]
    [InlineData("Outbox:MaxMegabytes", "0", "Outbox:MaxMegabytes is 0; use a number of megabytes between 1 and 1048576 (default 1024).")]
    [InlineData("Outbox:SegmentKilobytes", "8", "Outbox:SegmentKilobytes is 8; use a number of kilobytes between 16 and 1048576 (default 4096).")]
    [InlineData("Outbox:FlushMilliseconds", "0", "Outbox:FlushMilliseconds is 0; use a number of milliseconds between 1 and 60000 (default 250).")]
    [InlineData("Outbox:PublishWindow", "70000", "Outbox:PublishWindow is 70000; use a number of messages between 1 and 65535 (default 200).")]
    [InlineData("Watchdog:DrainLimitSeconds", "0", "Watchdog:DrainLimitSeconds is 0; use a number of seconds between 1 and 86400 (default 120).")]
    [InlineData("Watchdog:ReadLimitSeconds", "-2", "Watchdog:ReadLimitSeconds is -2; use a number of seconds between 0.1 and 3600, or leave it out")]
    public async Task A_wrong_setting_stops_start_up_naming_it(string key, string value, string message)
    {
        var problem = await StartupProblemAsync(key, value);

        Assert.NotNull(problem);
        Assert.StartsWith(message, problem);
    }

    [Fact]
    public async Task A_segment_larger_than_the_outbox_cap_is_refused()
    {
        var problem = await StartupProblemAsync("Outbox:MaxMegabytes", "1", "Outbox:SegmentKilobytes", "2048");

        Assert.Equal("Outbox:SegmentKilobytes is 2048, more than Outbox:MaxMegabytes (1 MB); use segments smaller than the cap (default 4096).", problem);
    }

    [Fact]
    public async Task A_tls_ca_file_that_is_not_there_is_named()
    {
        var missing = Path.Combine(_folder, "ca.crt");
        var problem = await StartupProblemAsync("Mqtt:UseTls", "true", "Mqtt:CaFile", missing);

        Assert.Equal($"Mqtt:CaFile {missing} does not exist. Copy the cooperative's ca.crt there (made by deploy/mosquitto/make-tls.sh on the server).", problem);
    }

    [Fact]
    public async Task Good_settings_start_the_gateway()
    {
        Assert.Null(await StartupProblemAsync("Gateway:ModbusTimeoutMs", "10", "Outbox:MaxMegabytes", "1", "Outbox:SegmentKilobytes", "1024"));
    }

    [Fact]
    public async Task The_program_prints_every_problem_and_exits_with_status_2()
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[ComponentProcess.BuiltDll("gateway/Lustrac.Energy.Gateway", "Lustrac.Energy.Gateway"), .. Args(),
                     "--Gateway:ModbusTimeoutMs", "0", "--Outbox:PublishWindow", "0"])
            info.ArgumentList.Add(arg);
        using var gateway = Process.Start(info)!;
        var error = gateway.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await gateway.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, gateway.ExitCode);
        Assert.Equal("Gateway cannot start. 2 settings are wrong:\n" +
            "  - Gateway:ModbusTimeoutMs is 0; use a number of milliseconds between 10 and 60000 (default 1000).\n" +
            "  - Outbox:PublishWindow is 0; use a number of messages between 1 and 65535 (default 200).\n", await error);
    }

    private string[] Args() => [
        "--site", SiteFile, "--gateway", "gw-1", "--mqtt-host", "127.0.0.1", "--mqtt-port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
        "--outbox", Path.Combine(_folder, "outbox"), "--state", Path.Combine(_folder, "state"), "--Logging:LogLevel:Default", "None",
    ];

    /// <summary>Starts the gateway with the test site and these settings; null if it started, else the message Program prints.</summary>
    private async Task<string?> StartupProblemAsync(params string[] keysAndValues)
    {
        List<string> args = [.. Args()];
        for (var i = 0; i < keysAndValues.Length; i += 2) args.AddRange(["--" + keysAndValues[i], keysAndValues[i + 1]]);
        try
        {
            using var host = GatewayApp.Build([.. args]);
            await host.StartAsync();
            await host.StopAsync();
            return null;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } problem)
        {
            return problem;
        }
    }
}
