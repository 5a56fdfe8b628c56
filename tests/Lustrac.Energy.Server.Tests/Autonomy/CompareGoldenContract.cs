using System.Text.Json;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// /api/autonomy/compare on the energy golden readings: the same two intervals under the static key (h01 70 %,
/// h02 30 %), default dynamic (pro rata of demand) and equal share with redistribution.
/// <code>
///               demand h01  demand h02  shared PV
/// interval 1       1.0         0.5        1.0
/// interval 2       0.5         1.5        2.0
/// </code>
/// </summary>
public abstract class CompareGoldenContract
{
    protected abstract Task<AutonomyStores> CreateStoresAsync();

    private async Task<JsonElement> CompareAsync(string? household)
    {
        var stores = await CreateStoresAsync();
        await stores.Readings.WriteAsync(Golden.Readings(), CancellationToken.None);
        await using var api = await AutonomyApi.StartAsync(stores, Golden.T0.AddHours(1));
        var url = "api/autonomy/compare?from=2026-06-21&to=2026-06-22" + (household is null ? "" : $"&household={household}");
        using var doc = JsonDocument.Parse(await api.Http.GetStringAsync(url));
        return doc.RootElement.Clone();
    }

    private static JsonElement Total(JsonElement compare, string key) => compare.GetProperty("keys").GetProperty(key).GetProperty("total");

    [Fact]
    public async Task Each_key_allocates_the_same_history_as_computed_by_hand_for_h01()
    {
        var compare = await CompareAsync("h01");

        Assert.Equal("default_dynamic", compare.GetProperty("site_key").GetString());
        Assert.Equal(["static", "default_dynamic", "equal_share"], compare.GetProperty("keys").EnumerateObject().Select(k => k.Name));
        // h01 consumes 1.0 + 0.5 = 1.5 kWh under every key.
        // Static: min(0.7 × 1.0, 1.0) + min(0.7 × 2.0, 0.5) = 0.7 + 0.5 = 1.2 → SS 1.2 / 1.5 = 80 %.
        Near.Amount(1.2, Near.Number(Total(compare, "static"), "allocated_kwh"));
        Near.Ratio(0.8, Near.Number(Total(compare, "static"), "self_sufficiency"));
        // Default dynamic: 1.0 × 1.0/1.5 + 0.5 (production covers demand) = 7/6 → SS 7/9 = 77.78 %.
        Near.Amount(7.0 / 6, Near.Number(Total(compare, "default_dynamic"), "allocated_kwh"));
        Near.Ratio(7.0 / 9, Near.Number(Total(compare, "default_dynamic"), "self_sufficiency"));
        // Equal share: 0.5 each in interval 1; 1.0 each in interval 2, h01 takes its 0.5 and the rest goes to h02
        // → h01 gets 0.5 + 0.5 = 1.0 → SS 66.67 %.
        Near.Amount(1.0, Near.Number(Total(compare, "equal_share"), "allocated_kwh"));
        Near.Ratio(2.0 / 3, Near.Number(Total(compare, "equal_share"), "self_sufficiency"));
    }

    [Fact]
    public async Task Each_key_allocates_the_same_history_as_computed_by_hand_for_h02()
    {
        var compare = await CompareAsync("h02");

        // h02 consumes 0.5 + 1.5 = 2.0 kWh.
        // Static: min(0.3 × 1.0, 0.5) + min(0.3 × 2.0, 1.5) = 0.3 + 0.6 = 0.9 → 45 % (0.9 kWh of interval 2 exported:
        // the regulatory static key does not redistribute h01's unused share).
        Near.Ratio(0.45, Near.Number(Total(compare, "static"), "self_sufficiency"));
        // Default dynamic: 1.0 × 0.5/1.5 + 1.5 = 11/6 → 91.67 %.
        Near.Ratio(11.0 / 12, Near.Number(Total(compare, "default_dynamic"), "self_sufficiency"));
        // Equal share: 0.5 + (1.0 + h01's leftover 0.5) = 2.0 → 100 %.
        Near.Ratio(1.0, Near.Number(Total(compare, "equal_share"), "self_sufficiency"));
        Near.Amount(2.0, Near.Number(Total(compare, "equal_share"), "allocated_kwh"));
    }

    [Fact]
    public async Task The_neighbourhood_figure_does_not_depend_on_the_key()
    {
        var compare = await CompareAsync(null);

        // Energy exchanged between homes is local whatever the key: import 0.5 + 0 of 3.5 consumed → 6/7 under all
        // three. Only the sum of household allocations differs: 1.2 + 0.9 = 2.1 (static) against 3.0 (the others).
        foreach (var key in new[] { "static", "default_dynamic", "equal_share" })
            Near.Ratio(6.0 / 7, Near.Number(Total(compare, key), "self_sufficiency"));
        Near.Amount(2.1, Near.Number(Total(compare, "static"), "allocated_kwh"));
        Near.Amount(3.0, Near.Number(Total(compare, "default_dynamic"), "allocated_kwh"));
        Near.Amount(3.0, Near.Number(Total(compare, "equal_share"), "allocated_kwh"));
        var period = compare.GetProperty("keys").GetProperty("equal_share").GetProperty("periods")[0];
        Assert.Equal("2026-06-20T22:00:00Z", period.GetProperty("start").GetString());
        Assert.Equal(2, period.GetProperty("quality").GetProperty("intervals").GetProperty("measured").GetInt32());
    }
}

public sealed class SqliteCompareTests : CompareGoldenContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxCompareTests(Lustrac.Energy.Testing.SharedServices services) : CompareGoldenContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
}
