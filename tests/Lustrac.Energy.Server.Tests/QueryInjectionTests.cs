using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Server.Tests;

/// <summary>No InfluxQL is built from unchecked input: values are bound parameters, identifiers come from the vocabulary.</summary>
[Collection(SharedServicesCollection.Name)]
public sealed class QueryInjectionTests(SharedServices services)
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);

    private async Task<InfluxReadingStore> StoreAsync()
    {
        var store = new InfluxReadingStore(new HttpClient { BaseAddress = services.InfluxUrl },
            new StoreSettings { InfluxDatabase = "inj" + Guid.NewGuid().ToString("N")[..10] });
        await store.InitialiseAsync(CancellationToken.None);
        await store.WriteAsync([new StoredReading("s", "gw-1", "m1", "household_meter", null, null, "energy_import", "kWh", T0, 5, ReadingQuality.Good, 1)], CancellationToken.None);
        return store;
    }

    [Theory]
    [InlineData("m1' OR 1=1 --")]
    [InlineData("x\" OR \"device\" =~ /.*/")]
    [InlineData("m1\\\"; DROP DATABASE lustrac")]
    public async Task A_hostile_device_id_is_a_value_that_matches_nothing(string device)
    {
        var store = await StoreAsync();
        Assert.Empty(await store.ReadAsync(device, "energy_import", T0, T0.AddMinutes(1), CancellationToken.None));
        Assert.Single(await store.ReadAsync("m1", "energy_import", T0, T0.AddMinutes(1), CancellationToken.None)); // still there
    }

    [Theory]
    [InlineData("energy_import\" WHERE 1=1 --")]
    [InlineData("/.*/")]
    public async Task A_quantity_outside_the_vocabulary_never_reaches_a_query(string quantity)
    {
        var store = await StoreAsync();
        await Assert.ThrowsAsync<ArgumentException>(() => store.ReadAsync("m1", quantity, T0, T0.AddMinutes(1), CancellationToken.None));
    }

    [Fact]
    public async Task A_database_name_outside_the_identifier_alphabet_is_refused()
    {
        var store = new InfluxReadingStore(new HttpClient { BaseAddress = services.InfluxUrl }, new StoreSettings { InfluxDatabase = "x\"; DROP DATABASE \"y" });
        await Assert.ThrowsAsync<ArgumentException>(() => store.InitialiseAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_point_missing_a_field_is_skipped_not_fatal()
    {
        var db = "half" + Guid.NewGuid().ToString("N")[..10];
        using var influx = new HttpClient { BaseAddress = services.InfluxUrl };
        var store = new InfluxReadingStore(influx, new StoreSettings { InfluxDatabase = db });
        await store.InitialiseAsync(CancellationToken.None);
        await store.WriteAsync([new StoredReading("s", "gw-1", "m1", "household_meter", null, null, "energy_import", "kWh", T0, 5, ReadingQuality.Good, 1)], CancellationToken.None);
        // What a query can see of a point while InfluxDB 1.x is still writing its fields: quality without value and seq.
        using var half = await influx.PostAsync($"write?db={db}&precision=ms",
            new StringContent($"energy_import,device=m1,gateway=gw-1,role=household_meter,site=s,unit=kWh quality=\"good\" {T0.AddSeconds(10).ToUnixTimeMilliseconds()}\n"));
        half.EnsureSuccessStatusCode();

        var read = await store.ReadAsync("m1", "energy_import", T0, T0.AddMinutes(1), CancellationToken.None);

        Assert.Equal(5, Assert.Single(read).Value);
    }
}
