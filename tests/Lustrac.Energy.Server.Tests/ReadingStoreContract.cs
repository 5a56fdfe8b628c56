using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Tests;

/// <summary>What every store must do, run against SQLite and against a real InfluxDB.</summary>
public abstract class ReadingStoreContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 6, 21, 10, 0, 0, TimeSpan.Zero);

    protected abstract Task<IReadingStore> CreateStoreAsync();

    protected static StoredReading Reading(string device, string quantity, DateTimeOffset time, double value, ulong seq = 1, ReadingQuality quality = ReadingQuality.Good) =>
        new("test", "gw-1", device, "household_meter", "h01", null, quantity, quantity == "active_power" ? "W" : "kWh", time, value, quality, seq);

    [Fact]
    public async Task Reads_back_what_it_stored_oldest_first()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync([Reading("m1", "energy_import", T0.AddSeconds(20), 10.25, 3), Reading("m1", "energy_import", T0, 10.0, 1),
            Reading("m1", "energy_import", T0.AddSeconds(10), 10.125, 2), Reading("m2", "energy_import", T0, 99)], CancellationToken.None);

        var back = await store.ReadAsync("m1", "energy_import", T0, T0.AddMinutes(1), CancellationToken.None);

        Assert.Equal([10.0, 10.125, 10.25], back.Select(r => r.Value));
        Assert.Equal([1UL, 2UL, 3UL], back.Select(r => r.Seq));
        Assert.Equal(T0, back[0].Time);
        Assert.Equal(("test", "gw-1", "household_meter", "h01", "kWh"), (back[0].Site, back[0].Gateway, back[0].Role, back[0].Household, back[0].Unit));
    }

    [Fact]
    public async Task Overwrites_a_replayed_reading_instead_of_adding_one()
    {
        var store = await CreateStoreAsync();
        var batch = new[] { Reading("m1", "energy_import", T0, 10.0), Reading("m1", "energy_import", T0.AddSeconds(10), 10.1) };
        await store.WriteAsync(batch, CancellationToken.None);
        await store.WriteAsync(batch, CancellationToken.None);
        await store.WriteAsync([Reading("m1", "energy_import", T0, 10.0, quality: ReadingQuality.Uncertain)], CancellationToken.None);

        var back = await store.ReadAsync("m1", "energy_import", T0, T0.AddMinutes(1), CancellationToken.None);

        Assert.Equal(2, back.Count);
        Assert.Equal(ReadingQuality.Uncertain, back[0].Quality);
    }

    [Fact]
    public async Task Keeps_quantities_and_devices_apart()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync([Reading("m1", "energy_import", T0, 1), Reading("m1", "active_power", T0, -250.5), Reading("m2", "active_power", T0, 7)], CancellationToken.None);

        var power = await store.ReadAsync("m1", "active_power", T0, T0.AddSeconds(1), CancellationToken.None);

        Assert.Equal(-250.5, Assert.Single(power).Value);
        Assert.Equal("W", power[0].Unit);
    }

    [Fact]
    public async Task Reads_the_half_open_range_only()
    {
        var store = await CreateStoreAsync();
        await store.WriteAsync([Reading("m1", "energy_import", T0.AddMinutes(-1), 1), Reading("m1", "energy_import", T0, 2), Reading("m1", "energy_import", T0.AddMinutes(1), 3)], CancellationToken.None);

        var back = await store.ReadAsync("m1", "energy_import", T0, T0.AddMinutes(1), CancellationToken.None);

        Assert.Equal([2.0], back.Select(r => r.Value));
    }

    [Fact]
    public async Task Finds_each_devices_nearest_reading_on_either_side_however_far_and_skips_bad_ones()
    {
        var store = await CreateStoreAsync();
        // m1: 40 days before T0, then a bad one 1 h before, then exactly T0, then 3 days after. m2: only after. m3: other quantity.
        await store.WriteAsync([
            Reading("m1", "energy_import", T0.AddDays(-40), 1.0), Reading("m1", "energy_import", T0.AddHours(-1), 99, quality: ReadingQuality.Bad),
            Reading("m1", "energy_import", T0, 2.0, quality: ReadingQuality.Uncertain), Reading("m1", "energy_import", T0.AddDays(3), 3.0),
            Reading("m2", "energy_import", T0.AddHours(5), 7.0), Reading("m3", "energy_export", T0.AddHours(-2), 5.0)], CancellationToken.None);
        string[] devices = ["m1", "m2", "m3"];

        var before = await store.ReadNearestAsync("energy_import", devices, T0, ReadingSide.Before, CancellationToken.None);
        var atOrAfter = await store.ReadNearestAsync("energy_import", devices, T0, ReadingSide.AtOrAfter, CancellationToken.None);
        var after = await store.ReadNearestAsync("energy_import", devices, T0.AddMilliseconds(1), ReadingSide.AtOrAfter, CancellationToken.None);

        // Before T0: the bad reading at −1 h is skipped, so m1's is 40 days back; m2 has none; m3's is another quantity.
        Assert.Equal(["m1"], before.Keys);
        Assert.Equal((T0.AddDays(-40).ToUnixTimeMilliseconds(), 1.0), (before["m1"].TimeMs, before["m1"].Value));
        // At or after T0: m1's own reading at T0 (uncertain kept as such), m2's at +5 h.
        Assert.Equal((T0.ToUnixTimeMilliseconds(), 2.0, ReadingQuality.Uncertain), (atOrAfter["m1"].TimeMs, atOrAfter["m1"].Value, atOrAfter["m1"].Quality));
        Assert.Equal(7.0, atOrAfter["m2"].Value);
        Assert.Equal(2, atOrAfter.Count);
        // Strictly after T0: m1's next is 3 days later.
        Assert.Equal(3.0, after["m1"].Value);
    }
}

public sealed class SqliteReadingStoreTests : ReadingStoreContract, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-sqlite-").FullName;

    protected override async Task<IReadingStore> CreateStoreAsync()
    {
        var store = new SqliteReadingStore(Path.Combine(_folder, Guid.NewGuid().ToString("N") + ".db"));
        await store.InitialiseAsync(CancellationToken.None);
        return store;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxReadingStoreTests(Lustrac.Energy.Testing.SharedServices services) : ReadingStoreContract
{
    protected override async Task<IReadingStore> CreateStoreAsync()
    {
        var http = new HttpClient { BaseAddress = services.InfluxUrl };
        var store = new InfluxReadingStore(http, new StoreSettings { Kind = "influxdb", InfluxDatabase = "t" + Guid.NewGuid().ToString("N")[..12] });
        await store.InitialiseAsync(CancellationToken.None);
        return store;
    }
}
