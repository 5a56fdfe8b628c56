using System.Text;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests;

/// <summary>The one InfluxDB client every store uses, against the real InfluxDB of the test run.</summary>
[Collection(SharedServicesCollection.Name)]
public sealed class InfluxClientTests(SharedServices services)
{
    private InfluxClient Client(string database) =>
        new(new HttpClient { BaseAddress = services.InfluxUrl }, new StoreSettings { InfluxDatabase = database });

    [Fact]
    public async Task A_failed_statement_is_a_permanent_store_error_naming_the_query()
    {
        var client = Client("missing" + Guid.NewGuid().ToString("N")[..10]);
        var ex = await Assert.ThrowsAsync<StoreException>(() =>
            client.QueryAsync("SELECT \"value\" FROM \"energy_import\"", null, _ => { }, CancellationToken.None));
        Assert.True(ex.Permanent);
        Assert.Contains("database not found", ex.Message);
        Assert.Contains("SELECT \"value\" FROM \"energy_import\"", ex.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)] // one point per chunk: every line of a chunked answer is read
    public async Task Every_series_of_every_statement_reaches_the_reader(int chunkSize)
    {
        var db = "c" + Guid.NewGuid().ToString("N")[..12];
        var client = Client(db);
        await client.RunAsync($"CREATE DATABASE \"{db}\"", null, "create database", CancellationToken.None);
        await client.WriteAsync(new StringBuilder("m,device=a value=1.5 1000\nm,device=a value=2.5 2000\nm,device=b value=4 1000\n"), null, "write", CancellationToken.None);

        var seen = new List<string>();
        await client.QueryAsync("SELECT \"value\" FROM \"m\" WHERE \"device\" = $d GROUP BY \"device\"; SELECT sum(\"value\") FROM \"m\" GROUP BY \"device\"",
            new Dictionary<string, object> { ["d"] = "a" }, s =>
            {
                foreach (var row in s.Rows) seen.Add($"{s.StatementId} {s.Tag("device")} {row[0].GetInt64()} {row[1].GetDouble()}");
            }, CancellationToken.None, chunkSize: chunkSize);

        // Statement 0: device a's two points; statement 1: each device's sum, at time 0 (no GROUP BY time).
        Assert.Equal(["0 a 1000 1.5", "0 a 2000 2.5", "1 a 0 4", "1 b 0 4"], seen);
    }
}
