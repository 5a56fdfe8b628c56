using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>
/// What the outbox had to drop, kept across restarts in <c>losses.json</c> so the count stays exact: in total,
/// per device and in episodes. An episode starts when the outbox is full and ends when the broker's
/// acknowledgements free a segment again; it is logged once at its start and once, with its count, at its end.
/// </summary>
internal sealed class OutboxLosses
{
    private readonly string _path;
    private readonly ILogger _log;
    private Saved _saved = new();

    public sealed class Saved
    {
        public long Total { get; set; }
        public long Episodes { get; set; }
        public Dictionary<string, long> ByDevice { get; set; } = new(StringComparer.Ordinal);
        public bool InEpisode { get; set; }
        public long EpisodeLost { get; set; }
        public DateTimeOffset? EpisodeStart { get; set; }
        public string? LastCause { get; set; }
        public DateTimeOffset? LastDropAt { get; set; }
    }

    public OutboxLosses(string folder, ILogger log)
    {
        _path = Path.Combine(folder, "losses.json");
        _log = log;
        if (!File.Exists(_path)) return;
        try
        {
            _saved = JsonSerializer.Deserialize(File.ReadAllText(_path), GatewayJson.Default.Saved) ?? new Saved();
        }
        catch (JsonException ex)
        {
            _log.LogWarning("Outbox losses file {File} is unreadable ({Error}); counting drops from zero again", _path, ex.Message);
        }
    }

    public long Total => _saved.Total;
    public long Episodes => _saved.Episodes;
    public bool InEpisode => _saved.InEpisode;
    public long EpisodeLost => _saved.EpisodeLost;
    public IReadOnlyDictionary<string, long> ByDevice => _saved.ByDevice;

    /// <summary>Counts messages dropped unsent (outbox device keys: a device id, or id + "#status").</summary>
    public void Dropped(IReadOnlyCollection<string> devicesOfLostMessages, string cause, string advice)
    {
        if (devicesOfLostMessages.Count == 0) return;
        foreach (var device in devicesOfLostMessages) _saved.ByDevice[device] = _saved.ByDevice.GetValueOrDefault(device) + 1;
        _saved.Total += devicesOfLostMessages.Count;
        _saved.LastCause = cause;
        _saved.LastDropAt = DateTimeOffset.UtcNow;
        if (!_saved.InEpisode)
        {
            _saved.InEpisode = true;
            _saved.Episodes++;
            _saved.EpisodeLost = 0;
            _saved.EpisodeStart = DateTimeOffset.UtcNow;
            _log.LogError("Outbox full: {Cause}. The gateway keeps polling and drops its oldest unsent messages to make room " +
                "for new ones (counters keep the energy; the dropped stretch loses its resolution). {Advice}", cause, advice);
        }
        _saved.EpisodeLost += devicesOfLostMessages.Count;
        _log.LogDebug("Outbox dropped {Lost} unsent messages ({Cause}); {Total} in all", devicesOfLostMessages.Count, cause, _saved.Total);
        Save();
    }

    /// <summary>A message counted as dropped had already been sent: its PUBACK came after all, so it is not lost.</summary>
    public void DeliveredAfterAll(string device)
    {
        if (_saved.ByDevice.GetValueOrDefault(device) == 0) return;
        _saved.ByDevice[device]--;
        _saved.Total--;
        if (_saved.EpisodeLost > 0) _saved.EpisodeLost--;
        Save();
    }

    /// <summary>The broker's acknowledgements freed a segment: the outbox has room again.</summary>
    public void RoomAgain()
    {
        if (!_saved.InEpisode) return;
        _saved.InEpisode = false;
        _log.LogWarning("Outbox has room again: {Lost} unsent messages were dropped since {Since} ({Total} since the outbox was created; " +
            "per device in {File})", _saved.EpisodeLost, _saved.EpisodeStart?.ToString("u", System.Globalization.CultureInfo.InvariantCulture), _saved.Total, _path);
        Save();
    }

    private void Save()
    {
        try
        {
            OutboxFiles.Replace(_path, JsonSerializer.Serialize(_saved, GatewayJson.Default.Saved), durable: true);
        }
        catch (IOException ex) when (DiskSpace.IsFull(ex))
        {
            _log.LogDebug("Outbox losses not saved yet: {Error}", ex.Message); // kept in memory; saved with the next change
        }
    }
}
