using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Tests.Autonomy;
using Lustrac.Energy.Testing;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Retention;

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxRetentionTests(SharedServices services)
{
    private readonly InfluxQl _influx = new(services.InfluxUrl);

    private static string NewDatabase() => "r" + Guid.NewGuid().ToString("N")[..12];

    private async Task<AutonomyStores> StoresAsync(string database, bool initialise = true)
    {
        var settings = new StoreSettings { Kind = "influxdb", InfluxDatabase = database };
        var stores = new AutonomyStores(new InfluxReadingStore(new HttpClient { BaseAddress = services.InfluxUrl }, settings),
            StoredResults.InInflux(new HttpClient { BaseAddress = services.InfluxUrl }, settings, "test"));
        if (initialise)
        {
            await stores.Readings.InitialiseAsync(CancellationToken.None);
            await stores.Results.InitialiseAsync(CancellationToken.None);
        }
        return stores;
    }

    [Fact]
    public async Task Readings_are_kept_a_year_in_autogen_and_results_forever_in_their_own_policy()
    {
        var db = NewDatabase();
        await RetainedFigures.ComputeGoldenAsync(await StoresAsync(db));

        var policies = (await _influx.RowsAsync(db, $"SHOW RETENTION POLICIES ON \"{db}\"")).ToDictionary(r => r["name"].GetString()!);
        Assert.Equal("8760h0m0s", policies["autogen"]["duration"].GetString()); // 365 days, the default
        Assert.True(policies["autogen"]["default"].GetBoolean());
        Assert.Equal("0s", policies["results"]["duration"].GetString()); // INF
        Assert.True(await _influx.CountAsync(db, "\"results\".\"energy_interval\"", "consumption_kwh") > 0);
        Assert.True(await _influx.CountAsync(db, "\"results\".\"energy_day\"", "consumption_kwh") > 0);
        Assert.Equal(0, await _influx.CountAsync(db, "\"autogen\".\"energy_interval\"", "consumption_kwh"));
        Assert.Equal(Golden.Readings().Count(r => r.Quantity == "energy_import"), await _influx.CountAsync(db, "\"autogen\".\"energy_import\"", "value"));
        Assert.Equal(0, await _influx.CountAsync(db, "\"results\".\"energy_import\"", "value"));
    }

    [Fact]
    public async Task Readings_dropped_by_the_retention_leave_the_figures_unchanged()
    {
        var db = NewDatabase();
        var stores = await StoresAsync(db);
        await RetainedFigures.ComputeGoldenAsync(stores);
        var figures = await RetainedFigures.ReadAsync(stores);

        // What InfluxDB's retention service does once autogen's shards are older than its duration: drop them whole.
        var shards = (await _influx.RowsAsync(db, "SHOW SHARDS"))
            .Where(r => r["database"].GetString() == db && r["retention_policy"].GetString() == "autogen").ToList();
        Assert.NotEmpty(shards);
        foreach (var shard in shards) await _influx.RowsAsync(db, $"DROP SHARD {shard["id"].GetInt64()}");

        Assert.Equal(0, await RetainedFigures.ReadingCountAsync(stores.Readings, "energy_import"));
        Assert.Equal(0, await RetainedFigures.ReadingCountAsync(stores.Readings, "energy_produced"));
        Assert.Equal(figures, await RetainedFigures.ReadAsync(stores));
    }

    [Fact]
    public async Task A_database_with_its_results_in_autogen_has_them_copied_once_and_gives_the_same_figures()
    {
        var current = NewDatabase();
        var reference = await StoresAsync(current);
        await RetainedFigures.ComputeGoldenAsync(reference);
        var expected = await RetainedFigures.ReadAsync(reference);
        var intervals = await _influx.CountAsync(current, "\"results\".\"energy_interval\"", "consumption_kwh");

        // A database as the previous version left it: readings and results side by side in autogen, no results policy.
        var legacy = NewDatabase();
        var old = await StoresAsync(legacy, initialise: false);
        await _influx.RowsAsync(legacy, $"CREATE DATABASE \"{legacy}\"");
        await old.Readings.WriteAsync(Golden.Readings(), CancellationToken.None);
        var measurements = string.Join("|", InfluxRetention.ResultMeasurements);
        await _influx.RowsAsync(legacy, $"SELECT * INTO \"{legacy}\".\"autogen\".:MEASUREMENT FROM \"{current}\".\"results\"./^({measurements})$/ GROUP BY *");
        Assert.Equal(intervals, await _influx.CountAsync(legacy, "\"autogen\".\"energy_interval\"", "consumption_kwh"));
        Assert.DoesNotContain(await _influx.RowsAsync(legacy, $"SHOW RETENTION POLICIES ON \"{legacy}\""), r => r["name"].GetString() == "results");

        var upgraded = await StoresAsync(legacy);
        Assert.Equal(intervals, await _influx.CountAsync(legacy, "\"results\".\"energy_interval\"", "consumption_kwh"));
        Assert.Equal(expected, await RetainedFigures.ReadAsync(upgraded));
        Assert.Single(await _influx.RowsAsync(legacy, $"SELECT * FROM \"results\".\"{InfluxRetention.MigrationMarker}\""));

        // A second start finds the marker and copies nothing again (not this point, written to autogen since); the figures stay.
        var later = Golden.T0.AddHours(5).ToUnixTimeMilliseconds();
        await _influx.WriteAsync(legacy, "autogen", $"energy_interval,scope=neighbourhood,site=test consumption_kwh=9 {later}");
        await upgraded.Results.InitialiseAsync(CancellationToken.None);
        Assert.Equal(intervals, await _influx.CountAsync(legacy, "\"results\".\"energy_interval\"", "consumption_kwh"));
        Assert.Equal(expected, await RetainedFigures.ReadAsync(upgraded));
    }
}
