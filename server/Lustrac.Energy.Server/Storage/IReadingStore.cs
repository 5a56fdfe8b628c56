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

    /// <summary>
    /// For each device, its reading of <paramref name="quantity"/> nearest to <paramref name="at"/> on one side: the
    /// last one before it (time &lt; at) or the first one at or after it (time ≥ at), <c>bad</c> readings left out;
    /// a device without one is absent. An index look-up per device, however far away the reading is: a counter's
    /// boundary value is found across a silence of any length without reading the silence.
    /// </summary>
    Task<IReadOnlyDictionary<string, ReadingPoint>> ReadNearestAsync(
        string quantity, IReadOnlyCollection<string> devices, DateTimeOffset at, ReadingSide side, CancellationToken ct);

    /// <summary>Deletes every reading of these devices, of every quantity and time (a departed household's meters).</summary>
    Task DeleteDevicesAsync(IReadOnlyCollection<string> devices, CancellationToken ct);
}

/// <summary>Which side of an instant <see cref="IReadingStore.ReadNearestAsync"/> looks on; the two complement a [from, to) window.</summary>
public enum ReadingSide
{
    /// <summary>The last reading with time &lt; at.</summary>
    Before,
    /// <summary>The first reading with time ≥ at.</summary>
    AtOrAfter,
}
