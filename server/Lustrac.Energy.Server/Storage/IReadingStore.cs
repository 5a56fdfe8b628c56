namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// The narrow seam between ingest and the time-series store. A write that returns has made the whole batch
/// durable; a write that throws has made nothing durable that a retry would duplicate (writes are idempotent).
/// </summary>
public interface IReadingStore
{
    /// <summary>Creates the database or schema if needed. Safe to call on every start.</summary>
    Task InitialiseAsync(CancellationToken ct);

    Task WriteAsync(IReadOnlyList<StoredReading> batch, CancellationToken ct);

    /// <summary>Readings of one device and quantity in [from, to), oldest first.</summary>
    Task<IReadOnlyList<StoredReading>> ReadAsync(string device, string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);

    /// <summary>
    /// Readings of every device for one quantity in [from, to), grouped by device, oldest first, readings of quality
    /// <c>bad</c> left out (they never enter figures). One query per quantity, however many devices: the autonomy
    /// engine reads whole neighbourhoods at once.
    /// </summary>
    Task<IReadOnlyDictionary<string, List<ReadingPoint>>> ReadQuantityAsync(string quantity, DateTimeOffset from, DateTimeOffset to, CancellationToken ct);
}
