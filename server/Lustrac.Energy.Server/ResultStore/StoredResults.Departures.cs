using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Privacy.Departures;

namespace Lustrac.Energy.Server.ResultStore;

/// <summary>The roster of households and the purge of a departed household's fine results, over either store.</summary>
public sealed partial class StoredResults : IDepartureStore
{
    public Task<IReadOnlyList<RosterEntry>> ReadRosterAsync(CancellationToken ct) =>
        Read(HouseholdRoster.Schema, [], HouseholdRoster.RowTimeUtc, HouseholdRoster.RowTimeUtc.AddMilliseconds(1), ct);

    /// <summary>The whole roster replaced: InfluxDB would otherwise keep a <c>left_ms</c> of a household that came back.</summary>
    public Task ReplaceRosterAsync(IReadOnlyList<RosterEntry> roster, CancellationToken ct) =>
        store.ReplaceAsync([new(HouseholdRoster.Schema.Points(roster), HouseholdRoster.RowTimeUtc, HouseholdRoster.RowTimeUtc.AddMilliseconds(1))], false, ct);

    /// <summary>
    /// The household's per-interval energy and water rows (its load curve, as fine as its readings) and their packed copy
    /// (<c>energy_profile</c>); its day rows
    /// (<c>energy_day</c>) stay, so its past months and years still add up.
    /// </summary>
    public async Task DeleteFineResultsAsync(string household, CancellationToken ct)
    {
        TagEquals[] own = [new("scope", AutonomyScope.Household), new("household", household)];
        await store.DeleteRowsAsync(AutonomySchema.Energy.Name, own, ct).ConfigureAwait(false);
        await store.DeleteRowsAsync(AutonomySchema.Water.Name, own, ct).ConfigureAwait(false);
        await store.DeleteRowsAsync(EnergyProfiles.Schema.Name, own, ct).ConfigureAwait(false);
    }
}
