using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>
/// The gateway's disk outbox (architecture decision 4): a message is written to an append-only segment file
/// before it may be published, and forgotten only after the broker acknowledged it. Per-device sequence
/// numbers are assigned here and survive restarts. Segments are deleted once every record in them is
/// acknowledged; when the size bound is reached the oldest segment is dropped and counted.
/// </summary>
public sealed class DiskOutbox : IDisposable
{
    private const string SegmentPrefix = "seg-";
    private const string SegmentSuffix = ".lxo";
    private readonly OutboxSettings _settings;
    private readonly ILogger _log;
    private readonly object _gate = new();
    private readonly List<Segment> _sealed = [];
    private readonly Dictionary<string, ulong> _lastSeq = new(StringComparer.Ordinal);
    private readonly SortedSet<ulong> _ackedAhead = [];
    private readonly string _folder;
    private Segment _active = null!;
    private FileStream _activeFile = null!;
    private (long Number, List<OutboxRecord> Records)? _loadedSealed;
    private ulong _nextId = 1, _lowestUnacked = 1, _durableUpTo;
    private long _dropped, _corruptTails;
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
    }

    private DiskOutbox(OutboxSettings settings, ILogger log)
    {
        _settings = settings;
        _log = log;
        _folder = Path.GetFullPath(settings.Folder);
    }

    public static DiskOutbox Open(OutboxSettings settings, ILogger log)
    {
        var outbox = new DiskOutbox(settings, log);
        outbox.Recover();
        return outbox;
    }

    /// <summary>
    /// Appends a message of <paramref name="device"/>, numbering it with the device's next sequence number.
    /// The bytes reach the operating system at once; <see cref="FlushAsync"/> makes them durable.
    /// </summary>
    public OutboxRecord Append(string device, string topic, Func<ulong, byte[]> payloadForSeq)
    {
        lock (_gate)
        {
            var seq = _lastSeq.GetValueOrDefault(device) + 1;
            var record = new OutboxRecord(_nextId, device, seq, topic, payloadForSeq(seq));
            var frame = OutboxRecordFormat.Encode(record);
            if (_active.Bytes + frame.Length > _settings.SegmentKilobytes * 1024L && _active.Records.Count > 0) Rotate();
            _activeFile.Write(frame);
            _active.Records.Add(record);
            _active.Bytes += frame.Length;
            _active.FirstId = Math.Min(_active.FirstId, record.Id);
            _active.LastId = record.Id;
            _lastSeq[device] = seq;
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
            if (_cursorDirty)
            {
                WriteCursor();
                _cursorDirty = false;
            }
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
                    if (r.Id > _durableUpTo || result.Count >= max) return result;
                    result.Add(r);
                }
            }
            return result;
        }
    }

    public ulong LowestUnacked { get { lock (_gate) return _lowestUnacked; } }

    /// <summary>The last sequence number given to a device's messages (0 if none yet).</summary>
    public ulong LastSeq(string device) { lock (_gate) return _lastSeq.GetValueOrDefault(device); }

    /// <summary>The broker acknowledged this record: once every older one is too, its segment can go.</summary>
    public void MarkAcked(ulong id)
    {
        lock (_gate)
        {
            if (id < _lowestUnacked) return;
            _ackedAhead.Add(id);
            while (_ackedAhead.Remove(_lowestUnacked)) _lowestUnacked++;
            _cursorDirty = true;
            DeleteFullyAckedSegments();
        }
    }

    public OutboxStatistics Statistics()
    {
        lock (_gate)
        {
            var pending = (long)(_nextId - _lowestUnacked) - _ackedAhead.Count;
            return new OutboxStatistics(pending, _sealed.Sum(s => s.Bytes) + _active.Bytes, _dropped, _corruptTails, _lowestUnacked, _nextId);
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
        _activeFile = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
        _active.Bytes = _activeFile.Length;
    }

    private void DeleteFullyAckedSegments()
    {
        var deletable = _sealed.Where(s => s.LastId < _lowestUnacked).ToList();
        if (deletable.Count == 0) return;
        WriteSequences(); // sequence numbers must outlive the records that carried them
        foreach (var s in deletable)
        {
            File.Delete(s.Path);
            _sealed.Remove(s);
        }
    }

    private void EnforceBound()
    {
        var max = _settings.MaxMegabytes * 1024L * 1024L;
        while (_sealed.Count > 0 && _sealed.Sum(s => s.Bytes) + _active.Bytes > max)
        {
            var oldest = _sealed[0];
            var lost = ReadSegment(oldest.Path, out _).Count(r => r.Id >= _lowestUnacked && !_ackedAhead.Contains(r.Id));
            _dropped += lost;
            _log.LogError("Outbox full ({Max} MB): dropped its oldest segment with {Lost} unsent messages. Total dropped: {Dropped}",
                _settings.MaxMegabytes, lost, _dropped);
            WriteSequences();
            File.Delete(oldest.Path);
            _sealed.RemoveAt(0);
            if (oldest.LastId >= _lowestUnacked)
            {
                _ackedAhead.RemoveWhere(id => id <= oldest.LastId);
                _lowestUnacked = oldest.LastId + 1;
                _cursorDirty = true;
            }
        }
    }

    private void Recover()
    {
        Directory.CreateDirectory(_folder);
        ReadCursor();
        ReadSequencesFile();
        var files = Directory.GetFiles(_folder, SegmentPrefix + "*" + SegmentSuffix).Order(StringComparer.Ordinal).ToList();
        long lastNumber = 0;
        var acknowledgedSegments = new List<string>();
        foreach (var path in files)
        {
            var number = long.Parse(Path.GetFileName(path)[SegmentPrefix.Length..^SegmentSuffix.Length], CultureInfo.InvariantCulture);
            lastNumber = number;
            var records = ReadSegment(path, out var validBytes);
            if (validBytes < new FileInfo(path).Length) SetAsideCorruptTail(path, validBytes);
            if (records.Count == 0)
            {
                File.Delete(path);
                continue;
            }
            var segment = new Segment(number, path) { FirstId = records[0].Id, LastId = records[^1].Id, Bytes = validBytes };
            foreach (var r in records)
            {
                _lastSeq[r.Device] = Math.Max(_lastSeq.GetValueOrDefault(r.Device), r.Seq);
                _nextId = Math.Max(_nextId, r.Id + 1);
            }
            if (segment.LastId < _lowestUnacked) acknowledgedSegments.Add(path);
            else _sealed.Add(segment);
        }
        if (acknowledgedSegments.Count > 0)
        {
            WriteSequences();
            acknowledgedSegments.ForEach(File.Delete);
        }
        _nextId = Math.Max(_nextId, _lowestUnacked);
        _durableUpTo = _nextId - 1; // whatever survived on disk is durable now
        OpenNewActive(lastNumber + 1);
        var stats = Statistics();
        _log.LogInformation("Outbox {Folder}: {Pending} messages to send from before the restart", _folder, stats.PendingRecords);
    }

    private static List<OutboxRecord> ReadSegment(string path, out long validBytes)
    {
        var data = File.ReadAllBytes(path);
        var records = new List<OutboxRecord>();
        var at = 0;
        while (at < data.Length && OutboxRecordFormat.TryDecode(data.AsSpan(at), out var record, out var consumed))
        {
            records.Add(record);
            at += consumed;
        }
        validBytes = at;
        return records;
    }

    /// <summary>A torn write after a power cut: keep the bytes for inspection, cut the segment back to its last good record.</summary>
    private void SetAsideCorruptTail(string path, long validBytes)
    {
        var corrupt = Path.Combine(_folder, "corrupt");
        Directory.CreateDirectory(corrupt);
        var target = Path.Combine(corrupt, $"{Path.GetFileName(path)}.{validBytes}.bin");
        using (var source = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            source.Seek(validBytes, SeekOrigin.Begin);
            using (var tail = File.Create(target)) source.CopyTo(tail);
            source.SetLength(validBytes);
            source.Flush(flushToDisk: true);
        }
        _corruptTails++;
        _log.LogWarning("Outbox segment {Segment} had a torn tail after byte {Offset} (power cut?); set aside in {Target}",
            Path.GetFileName(path), validBytes, target);
    }

    private string CursorPath => Path.Combine(_folder, "acked");
    private string SequencesPath => Path.Combine(_folder, "sequences.json");

    private void ReadCursor()
    {
        if (File.Exists(CursorPath) && ulong.TryParse(File.ReadAllText(CursorPath).Trim(), CultureInfo.InvariantCulture, out var cursor))
            _lowestUnacked = Math.Max(1, cursor);
    }

    /// <summary>Not fsynced on purpose: a cursor lost in a power cut only means re-sending, and storage is idempotent.</summary>
    private void WriteCursor() => ReplaceFile(CursorPath, _lowestUnacked.ToString(CultureInfo.InvariantCulture), durable: false);

    private void ReadSequencesFile()
    {
        if (!File.Exists(SequencesPath)) return;
        try
        {
            var saved = JsonSerializer.Deserialize(File.ReadAllText(SequencesPath), GatewayJson.Default.DictionaryStringUInt64);
            foreach (var (device, seq) in saved ?? []) _lastSeq[device] = seq;
        }
        catch (JsonException ex)
        {
            _log.LogWarning("Outbox sequences file is unreadable ({Error}); sequence numbers continue from the segments on disk", ex.Message);
        }
    }

    private void WriteSequences() => ReplaceFile(SequencesPath, JsonSerializer.Serialize(_lastSeq, GatewayJson.Default.DictionaryStringUInt64), durable: true);

    private static void ReplaceFile(string path, string content, bool durable)
    {
        var temp = path + ".tmp";
        using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(content);
            file.Write(bytes);
            if (durable) file.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _activeFile.Flush(flushToDisk: true);
            _activeFile.Dispose();
            if (_cursorDirty) WriteCursor();
        }
    }
}
