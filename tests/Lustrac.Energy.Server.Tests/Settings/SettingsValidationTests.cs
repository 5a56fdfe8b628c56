using System.Globalization;
using Lustrac.Energy.Protocol.Startup;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests.Settings;

/// <summary>
/// A wrong setting stops the server as it starts (ServerApp.Build + StartAsync, as Program does), with the message
/// Program prints: the setting, its bad value and what to use instead.
/// </summary>
public sealed class SettingsValidationTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-settings-").FullName;

    public SettingsValidationTests() => File.WriteAllText(Path.Combine(_folder, "site.yaml"), TestSite.Yaml());

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Theory]
    [InlineData("Mqtt:MaxBatchReadings", "0", "Mqtt:MaxBatchReadings is 0; use a number of readings between 1 and 100000 (default 5000).")]
    [InlineData("Mqtt:MaxBatchReadings", "-5", "Mqtt:MaxBatchReadings is -5; use a number of readings between 1 and 100000 (default 5000).")]
    [InlineData("Mqtt:Port", "70000", "Mqtt:Port is 70000; use a TCP port between 1 and 65535 (default 1883).")]
    [InlineData("Mqtt:SessionExpiryHours", "0", "Mqtt:SessionExpiryHours is 0; use a number of hours between 1 and 8760 (default 168).")]
    [InlineData("Mqtt:Host", "broker.example.org", "Mqtt:Host is 'broker.example.org'; the embedded broker listens on an IP address of this machine")]
    [InlineData("Mqtt:Host", "0.0.0.0", "Mqtt:UsersFile is empty, so the embedded MQTT broker is open and may listen on loopback only, not '0.0.0.0'.")]
    [InlineData("Store:Kind", "postgres", "Store:Kind is 'postgres'; use 'sqlite' (embedded) or 'influxdb'.")]
    [InlineData("Store:RetentionDays", "-1", "Store:RetentionDays is -1; use a number of days (365 keeps a year of readings")]
    [InlineData("Privacy:DepartedPurgeDays", "-5", "Privacy:DepartedPurgeDays is -5; give the days a departed household's fine data is kept (31 by default, 0 purges it at once).")]
    [InlineData("Store:SqlitePath", "", "Store:SqlitePath is empty; give the database file, e.g. data/lustrac.db.")]
    [InlineData("Quarantine:MaxFileBytes", "0", "Quarantine:MaxFileBytes is 0; use a file size in bytes between 2097152 and 1099511627776 (default 268435456).")]
    [InlineData("Autonomy:GraceSeconds", "-1", "Autonomy:GraceSeconds is -1; use a number of seconds between 0 and 3600 (default 120).")]
    [InlineData("Autonomy:BackfillDays", "5000", "Autonomy:BackfillDays is 5000; use a number of days between 0 and 3660 (default 7).")]
    [InlineData("Autonomy:MaxInterpolationGapHours", "NaN", "Autonomy:MaxInterpolationGapHours is NaN; use a number of hours between 0.25 and 744 (default 6).")]
    [InlineData("Alerts:EvaluateSeconds", "0", "Alerts:EvaluateSeconds is 0; use 1 to 3600 (default 60).")]
    [InlineData("Alerts:ReminderHours", "0", "Alerts:ReminderHours is 0; use more than 0 and at most 720 (default 12).")]
    [InlineData("Watchdog:WriteLimitSeconds", "0", "Watchdog:WriteLimitSeconds is 0; use a number of seconds between 1 and 86400 (default 120).")]
    [InlineData("Watchdog:FiguresLimitSeconds", "-3", "Watchdog:FiguresLimitSeconds is -3; use a number of seconds between 1 and 86400 (default 600).")]
    public async Task A_wrong_setting_stops_start_up_naming_it(string key, string value, string message)
    {
        var problem = await StartupProblemAsync(key, value);

        Assert.NotNull(problem);
        Assert.StartsWith(message, problem);
    }

    [Fact]
    public async Task An_influxdb_store_needs_a_url_and_a_database()
    {
        var problem = await StartupProblemAsync("Store:Kind", "influxdb", "Store:InfluxUrl", "127.0.0.1:8086", "Store:InfluxDatabase", " ");

        Assert.Equal("2 settings are wrong:\n" +
            "  - Store:InfluxUrl '127.0.0.1:8086' is not a URL such as http://127.0.0.1:8086.\n" +
            "  - Store:InfluxDatabase is empty; give the InfluxDB database, e.g. lustrac.", problem);
    }

    [Fact]
    public async Task Problems_in_several_sections_are_all_listed()
    {
        var problem = await StartupProblemAsync("Mqtt:MaxBatchReadings", "0", "Autonomy:GraceSeconds", "-1", "Watchdog:WriteLimitSeconds", "0");

        Assert.NotNull(problem);
        Assert.StartsWith("3 settings are wrong:\n  - ", problem);
        Assert.Contains("  - Mqtt:MaxBatchReadings is 0;", problem);
        Assert.Contains("  - Autonomy:GraceSeconds is -1;", problem);
        Assert.Contains("  - Watchdog:WriteLimitSeconds is 0;", problem);
    }

    [Fact]
    public async Task A_tls_ca_file_that_is_not_there_is_named()
    {
        var missing = Path.Combine(_folder, "ca.crt");
        var problem = await StartupProblemAsync("Mqtt:Embedded", "false", "Mqtt:UseTls", "true", "Mqtt:CaFile", missing);

        Assert.Equal($"Mqtt:CaFile '{missing}' does not exist; copy the cooperative's ca.crt there (made by deploy/mosquitto/make-tls.sh) or leave it empty to trust the system's CAs.", problem);
    }

    [Fact]
    public async Task Good_settings_start_the_server()
    {
        Assert.Null(await StartupProblemAsync("Mqtt:MaxBatchReadings", "1", "Autonomy:MaxInterpolationGapHours", "0.25"));
    }

    /// <summary>Starts the server with the test site and these settings; null if it started, else the message Program prints.</summary>
    private async Task<string?> StartupProblemAsync(params string[] keysAndValues)
    {
        List<string> args = [
            "--site", Path.Combine(_folder, "site.yaml"), "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--Mqtt:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture),
            "--Store:SqlitePath", Path.Combine(_folder, "l.db"), "--Quarantine:File", "",
            "--Privacy:SecretsFile", Path.Combine(_folder, "households.secrets"), "--Logging:LogLevel:Default", "None",
        ];
        for (var i = 0; i < keysAndValues.Length; i += 2) args.AddRange(["--" + keysAndValues[i], keysAndValues[i + 1]]);
        try
        {
            await using var app = ServerApp.Build([.. args]);
            await app.StartAsync();
            await app.StopAsync();
            return null;
        }
        catch (Exception ex) when (StartupFailure.Describe(ex) is { } problem)
        {
            return problem;
        }
    }
}
