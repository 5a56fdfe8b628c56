namespace Lustrac.Energy.Server.Privacy.Departures;

/// <summary>What the departure purge asks of the results store (implemented by <see cref="ResultStore.StoredResults"/>).</summary>
public interface IDepartureStore
{
    Task<IReadOnlyList<RosterEntry>> ReadRosterAsync(CancellationToken ct);

    Task ReplaceRosterAsync(IReadOnlyList<RosterEntry> roster, CancellationToken ct);

    Task DeleteFineResultsAsync(string household, CancellationToken ct);
}
