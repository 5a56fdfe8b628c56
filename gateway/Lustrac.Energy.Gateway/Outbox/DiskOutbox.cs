using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>
/// The gateway's disk outbox (architecture decision 4): a message is written to an append-only segment file
/// before it may be published, and forgotten only after the broker acknowledged it. Per-device sequence
/// numbers are assigned here and survive restarts. Segments are deleted once every record in them is
/// acknowledged. When <see cref="OutboxSettings.MaxMegabytes"/> or the disk is full, the oldest segment is
/// dropped and counted (<see cref="OutboxLosses"/>): appending never fails for lack of space.
/// </summary>
public sealed partial class DiskOutbox : IDisposable
{
    private readonly OutboxSettings _settings;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private readonly List<Segment> _sealed = [];
    private readonly Dictionary<string, ulong> _lastSeq = new(StringComparer.Ordinal);
    private readonly SortedSet<ulong> _ackedAhead = [];
    private readonly string _folder;
    private readonly SpaceReserve _reserve;
    private readonly OutboxLosses _losses;
    private Segment _active = null!;
    private FileStream _activeFile = null!;
    private (long Number, List<OutboxRecord> Records)? _loadedSealed;
    private ulong _nextId = 1, _lowestUnacked = 1, _durableUpTo, _handedOut;
    private readonly Dictionary<ulong, string> _droppedInFlight = [];
    private long _corruptTails;
    private bool _dirty, _cursorDirty, _disposed;
    private TaskCompletionSource _durableSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Segment(long number, string path)
    {
        public long Number { get; } = number;
        public string Path { get; } = path;
        public ulong FirstId { get; set; } = ulong.MaxValue;
        public ulong LastId { get; set; }
        public long Bytes { get; set; }
        public List<OutboxRecord> Records { get; } = [];

        /// <summary>Whether any record was written to it (its acknowledged ones may have left <see cref="Records"/>).</summary>
        public bool HasRecords => LastId != 0;
    }

    private DiskOutbox(OutboxSettings settings, ILogger log)
    {
        _settings = settings;
        _log = log;
        _folder = Path.GetFullPath(settings.Folder);
        Directory.CreateDirectory(_folder);
        _reserve = new SpaceReserve(_folder);
        _losses = new OutboxLosses(_folder, log);
    }

    public static DiskOutbox Open(OutboxSettings settings, ILogger log)
    {
        var outbox = new DiskOutbox(settings, log);
        outbox.Recover();
        return outbox;
    }

    /// <summary>
    /// Appends a message of <paramref name="device"/>, numbering it with the device's next sequence number.
    /// The bytes reach the operating system at once; <see cref="FlushAsync"/> makes them durable. On a full disk
    /// the oldest segments make room; if nothing is left to drop the message is counted as lost (its number
    /// stays used, so the server sees the gap).
    /// </summary>
    public OutboxRecord Append(string device, string topic, Func<ulong, byte[]> payloadForSeq)
    {
        lock (_gate)
        {
            var seq = _lastSeq.GetValueOrDefault(device) + 1;
            _lastSeq[device] = seq;
            var record = new OutboxRecord(_nextId, device, seq, topic, payloadForSeq(seq));
            var frame = OutboxRecordFormat.Encode(record);
            if (_active.Bytes + frame.Length > _settings.SegmentKilobytes * 1024L && _active.HasRecords) Rotate();
            while (!TryWrite(frame))
            {
                if (DropOldest(DiskFullCause())) continue;
                _losses.Dropped([device], DiskFullCause(), DiskFullAdvice);
                return record;
            }
            _active.Records.Add(record);
            _active.Bytes += frame.Length;
            _active.FirstId = Math.Min(_active.FirstId, record.Id);
            _active.LastId = record.Id;
            _nextId++;
            _dirty = true;
            EnforceBound();
            return record;
        }
    }

    /// <summary>One fsync for everything appended since the last one; then those records may be published.</summary>
    public Task FlushAsync()
    {
        lock (_gate)
        {
            if (_dirty)
            {
                _activeFile.Flush(flushToDisk: true);
                _durableUpTo = _nextId - 1;
                _dirty = false;
                var signal = _durableSignal;
                _durableSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                signal.TrySetResult();
            }
            if (_cursorDirty) _cursorDirty = !TryWriteCursor();
        }
        return Task.CompletedTask;
    }

    /// <summary>Completes when records after <paramref name="afterId"/> are durable.</summary>
    public Task WaitForDurableAsync(ulong afterId, CancellationToken ct)
    {
        lock (_gate)
        {
            if (_durableUpTo > afterId) return Task.CompletedTask;
            return _durableSignal.Task.WaitAsync(ct);
        }
    }

    /// <summary>Durable, unacknowledged-or-not records with an id above <paramref name="afterId"/>, oldest first.</summary>
    public IReadOnlyList<OutboxRecord> ReadDurableAfter(ulong afterId, int max)
    {
        lock (_gate)
        {
            var result = new List<OutboxRecord>(Math.Min(max, 1024));
            var from = Math.Max(afterId + 1, _lowestUnacked);
            foreach (var segment in _sealed.Append(_active))
            {
                if (segment.LastId < from) continue;
                var records = segment == _active ? segment.Records : LoadIfSealed(segment);
                foreach (var r in records)
                {
                    if (r.Id < from || _ackedAhead.Contains(r.Id)) continue;
                    if (r.Id > _durableUpTo || result.Count >= max) return HandOut(result);
                    result.Add(r);
                }
            }
            return HandOut(result);
        }
    }

    /// <summary>Remembers how far the publisher got: a dropped record it may have sent is counted back if its PUBACK comes.</summary>
    private List<OutboxRecord> HandOut(List<OutboxRecord> records)
    {
        if (records.Count > 0) _handedOut = Math.Max(_handedOut, records[^1].Id);
        return records;
    }

    public ulong LowestUnacked { get { lock (_gate) return _lowestUnacked; } }

    /// <summary>Records held in memory (the active segment's; sealed ones are read back from disk): for the memory report.</summary>
    public int RecordsInMemory { get { lock (_gate) return _active.Records.Count + (_loadedSealed?.Records.Count ?? 0); } }

    /// <summary>The last sequence number given to a device's messages (0 if none yet).</summary>
    public ulong LastSeq(string device) { lock (_gate) return _lastSeq.GetValueOrDefault(device); }

    /// <summary>The broker acknowledged this record: once every older one is too, its segment can go.</summary>
    public void MarkAcked(ulong id)
    {
        lock (_gate)
        {
            if (id < _lowestUnacked)
            {
                if (_droppedInFlight.Remove(id, out var device)) _losses.DeliveredAfterAll(device); // dropped while in flight, yet it arrived
                return;
            }
            _ackedAhead.Add(id);
            while (_ackedAhead.Remove(_lowestUnacked)) _lowestUnacked++;
            ForgetAcknowledged();
            _cursorDirty = true;
            if (DeleteFullyAckedSegments()) _losses.RoomAgain();
        }
    }

    /// <summary>
    /// Acknowledged records of the active segment leave memory; its file keeps them until the whole segment goes.
    /// Before, a 4 MB segment's ~8,000 messages (2 h of a 10-meter gateway) stayed in memory until it was sealed:
    /// the gateway's resident memory grew steadily (README, Benchmarks: gateway memory). Cut in steps of 256 while a
    /// backlog drains, so acknowledging one record does not move the whole list each time.
    /// </summary>
    private void ForgetAcknowledged()
    {
        var records = _active.Records;
        var acknowledged = 0;
        while (acknowledged < records.Count && records[acknowledged].Id < _lowestUnacked) acknowledged++;
        if (acknowledged == records.Count) records.Clear();
        else if (acknowledged >= 256) records.RemoveRange(0, acknowledged);
    }

    public OutboxStatistics Statistics()
    {
        lock (_gate)
        {
            var pending = (long)(_nextId - _lowestUnacked) - _ackedAhead.Count;
            return new OutboxStatistics(pending, _sealed.Sum(s => s.Bytes) + _active.Bytes, _losses.Total, _corruptTails, _lowestUnacked, _nextId)
            {
                DropEpisodes = _losses.Episodes,
                Full = _losses.InEpisode,
                DroppedByDevice = new Dictionary<string, long>(_losses.ByDevice, StringComparer.Ordinal),
            };
        }
    }

    /// <summary>False if the disk is full; a partial write is cut back first so no torn record stays mid-segment.</summary>
    private bool TryWrite(byte[] frame)
    {
        try
        {
            _activeFile.Write(frame);
            return true;
        }
        catch (IOException ex) when (DiskSpace.IsFull(ex))
        {
            _activeFile.SetLength(_active.Bytes); // shrinking needs no space
            _activeFile.Position = _active.Bytes;
            return false;
        }
    }

    private List<OutboxRecord> LoadIfSealed(Segment segment)
    {
        if (_loadedSealed is { } cached && cached.Number == segment.Number) return cached.Records;
        var records = ReadSegment(segment.Path, out _);
        _loadedSealed = (segment.Number, records);
        return records;
    }

    private void Rotate()
    {
        _activeFile.Flush(flushToDisk: true);
        _durableUpTo = _nextId - 1;
        _activeFile.Dispose();
        _active.Records.Clear(); // sealed segments are read back from disk when needed: memory stays small
        _sealed.Add(_active);
        OpenNewActive(_active.Number + 1);
    }

    private void OpenNewActive(long number)
    {
        var path = Path.Combine(_folder, $"{SegmentPrefix}{number:D10}{SegmentSuffix}");
        _active = new Segment(number, path);
        // Not FileMode.Append: a write cut short by a full disk must be truncated back, which Append forbids.
        _activeFile = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _active.Bytes = _activeFile.Length;
        _activeFile.Position = _active.Bytes;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _activeFile.Flush(flushToDisk: true);
            _activeFile.Dispose();
            if (_cursorDirty) TryWriteCursor();
        }
    }
}
