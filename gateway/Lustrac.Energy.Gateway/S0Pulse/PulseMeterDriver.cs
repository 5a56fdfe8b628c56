using System.Device.Gpio;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.S0Pulse;

/// <summary>How a pulse input counts and persists.</summary>
public sealed record PulseMeterOptions
{
    /// <summary>Edges closer than this to the last counted one are bounce. S0 pulses last ≥ 30 ms; bounce &lt; 5 ms.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>The meter's own index when the count was 0, so the published counter matches its display.</summary>
    public decimal InitialIndex { get; init; }

    /// <summary>Safety net: the count is also saved on this period, even if polling stalls.</summary>
    public TimeSpan PersistPeriod { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>
/// Nature: a pulse counter — a cumulative, never-signed counter (energy kWh, water L, rain mm, mass kg):
/// value = initial index + pulses × unit.
/// <para>Durability: each read saves the count before returning it, so <b>a value is published only once it is
/// on disk</b>; after a power cut the restored count is at least the last published one and the published
/// counter never goes backwards. What a power cut loses is the pulses counted since the last save: those
/// since the last poll (≤ poll_seconds, 10 s by default), or since the last periodic save if polling stalled
/// (≤ <see cref="PulseMeterOptions.PersistPeriod"/>). A clean shutdown (Dispose) saves and loses nothing.</para>
/// <para>A pulse input cannot tell a cut wire from no consumption; it throws only when the count cannot be
/// saved (disk full, read-only SD card), so the device shows as down with the reason.</para>
/// </summary>
public sealed class PulseMeterDriver : IDeviceDriver, IDisposable
{
    private readonly PulseUnit _unit;
    private readonly PulseMeterOptions _options;
    private readonly PulseStateFile _state;
    private readonly PulseCounter _counter;
    private readonly ITimer _persistTimer;
    private readonly ILogger _log;
    private readonly Lock _saving = new();
    private long _saved;
    private bool _recovered;

    public PulseMeterDriver(string deviceId, GpioController gpio, int pin, PulseUnit unit, PulseMeterOptions options,
        PulseStateFile state, TimeProvider clock, ILogger log)
    {
        DeviceId = deviceId;
        _unit = unit;
        _options = options;
        _state = state;
        _log = log;
        var load = state.Load();
        if (load.Recovery is not null)
        {
            _recovered = true;
            log.LogError("Pulse count of {Device}: {Recovery}", deviceId, load.Recovery);
        }
        _saved = load.Pulses;
        _counter = new PulseCounter(gpio, pin, options.Debounce, clock, load.Pulses);
        _persistTimer = clock.CreateTimer(_ => SaveQuietly(), null, options.PersistPeriod, options.PersistPeriod);
    }

    public string DeviceId { get; }

    public long Pulses => _counter.Count;

    public ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        var pulses = Save(); // on disk before it is published
        var value = (double)(_options.InitialIndex + pulses * _unit.PerPulse);
        // The first reading after a recovered state may be below what was published before: say so.
        var quality = _recovered ? ReadingQuality.Uncertain : ReadingQuality.Good;
        _recovered = false;
        var q = _unit.Quantity;
        if (value < q.Min || value > q.Max) quality = ReadingQuality.Bad;
        return ValueTask.FromResult<IReadOnlyList<Reading>>([new Reading(q.Name, value, q.Unit, quality)]);
    }

    private long Save()
    {
        lock (_saving)
        {
            var pulses = _counter.Count;
            if (pulses != _saved)
            {
                try { _state.Save(pulses); }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new IOException($"cannot save the pulse count to {_state.Path}: {ex.Message} (pulses are still counted in memory)", ex);
                }
                _saved = pulses;
            }
            return pulses;
        }
    }

    private void SaveQuietly()
    {
        try { Save(); }
        catch (IOException ex) { _log.LogWarning("Pulse count of {Device} not saved: {Error}", DeviceId, ex.Message); }
    }

    public void Dispose()
    {
        _persistTimer.Dispose();
        _counter.Dispose();
        SaveQuietly();
    }
}
