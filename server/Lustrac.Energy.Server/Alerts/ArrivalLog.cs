using System.Collections.Concurrent;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Storage;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// When each device's newest reading reached the store, and how old it was then. Fed by the live view (readings the
/// store accepted), so a device counts as heard only once its data is durable. The age is what the server can see of
/// a gateway's outbox backlog: gateways do not publish their outbox size, but a backlog arrives as old readings.
/// </summary>
public sealed class ArrivalLog
{
    public sealed record Arrival(string Gateway, DateTimeOffset ArrivedAt, DateTimeOffset ReadAt)
    {
        public TimeSpan Lag => ArrivedAt - ReadAt;
    }

    private readonly ConcurrentDictionary<string, Arrival> _byDevice = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;

    public DateTimeOffset StartedAt { get; }

    public ArrivalLog(LiveReadings live, TimeProvider clock)
    {
        _clock = clock;
        StartedAt = clock.GetUtcNow();
        live.Updated += Record;
    }

    private void Record(StoredReading r) =>
        _byDevice.AddOrUpdate(r.Device, static (_, a) => a, static (_, old, a) => a.ReadAt >= old.ReadAt ? a : old with { ArrivedAt = a.ArrivedAt },
            new Arrival(r.Gateway, _clock.GetUtcNow(), r.Time));

    public Arrival? For(string device) => _byDevice.TryGetValue(device, out var a) ? a : null;
}
