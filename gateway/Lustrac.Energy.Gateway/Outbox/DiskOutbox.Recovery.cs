using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>Start-up: reading back what is on disk. Needs no free space, so a gateway restarted on a full disk comes up.</summary>
public sealed partial class DiskOutbox
{
    private const string SegmentPrefix = "seg-";
    private const string SegmentSuffix = ".lxo";
    private string CursorPath => Path.Combine(_folder, "acked");
    private string SequencesPath => Path.Combine(_folder, "sequences.json");

    private void Recover()
    {
        ReadCursor();
        ReadSequencesFile();
        var files = Directory.GetFiles(_folder, SegmentPrefix + "*" + SegmentSuffix).Order(StringComparer.Ordinal).ToList();
        long lastNumber = 0;
        var acknowledged = new List<Segment>();
        foreach (var path in files)
        {
            var number = long.Parse(Path.GetFileName(path)[SegmentPrefix.Length..^SegmentSuffix.Length], CultureInfo.InvariantCulture);
            lastNumber = number;
            var records = ReadSegment(path, out var validBytes);
            if (validBytes < new FileInfo(path).Length) SetAsideTornTail(path, validBytes);
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
            if (segment.LastId < _lowestUnacked) acknowledged.Add(segment);
            _sealed.Add(segment);
        }
        if (acknowledged.Count > 0) DeleteFullyAckedSegments(); // if the disk is too full to save the numbers, they wait for the next acknowledgement
        // A cursor the full disk kept from saving may lag: whatever precedes the oldest segment on disk was acknowledged or dropped.
        _lowestUnacked = Math.Max(_lowestUnacked, _sealed.Count > 0 ? _sealed.Min(s => s.FirstId) : _nextId);
        _nextId = Math.Max(_nextId, _lowestUnacked);
        _durableUpTo = _nextId - 1; // whatever survived on disk is durable now
        OpenNewActive(lastNumber + 1);
        _reserve.TryRestore();
        var stats = Statistics();
        _log.LogInformation("Outbox {Folder}: {Pending} messages to send from before the restart; {Free} bytes free on its disk; {Dropped} dropped since it was created",
            _folder, stats.PendingRecords, DiskSpace.FreeBytes(_folder), stats.DroppedRecords);
        if (stats.Full)
            _log.LogError("Outbox was full when the gateway stopped ({Lost} unsent messages dropped so far in this episode); it keeps dropping " +
                "its oldest messages until the broker acknowledges again", _losses.EpisodeLost);
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
        if (at < data.Length && OutboxRecordFormat.IsNewerVersion(data.AsSpan(at), out var version))
            throw new InvalidDataException($"Outbox segment {path} holds a record of format version {version} at byte {at}, written by a newer " +
                $"gateway (this one reads versions 1 to {OutboxRecordFormat.Version}). Install that gateway version again to drain it; " +
                "nothing was changed on disk.");
        validBytes = at;
        return records;
    }

    /// <summary>
    /// Bytes after the last good record: a write cut short. With room on the disk they are copied to
    /// <c>corrupt/</c> for inspection; on a full disk (the likely cause then) they are cut off without a copy.
    /// Either way the segment is truncated in place, which needs no space.
    /// </summary>
    private void SetAsideTornTail(string path, long validBytes)
    {
        var tailBytes = new FileInfo(path).Length - validBytes;
        var free = DiskSpace.FreeBytes(_folder);
        var diskFull = free >= 0 && free < Math.Max(tailBytes * 2, _settings.SegmentKilobytes * 1024L);
        string? copy = diskFull ? null : TryCopyTail(path, validBytes);
        using (var segment = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            segment.SetLength(validBytes);
            segment.Flush(flushToDisk: true);
        }
        _corruptTails++;
        if (copy is not null)
            _log.LogWarning("Outbox segment {Segment}: the last {Tail} bytes (after byte {Offset}) are an incomplete record, a write cut short " +
                "by a power cut or a crash; set aside in {Copy}. The messages before it are kept.", Path.GetFileName(path), tailBytes, validBytes, copy);
        else
            _log.LogWarning("Outbox segment {Segment}: the last {Tail} bytes (after byte {Offset}) are an incomplete record, written while the disk " +
                "was full ({Free} bytes free now); discarded without a copy, as the full disk has no room for one. The messages before it are kept.",
                Path.GetFileName(path), tailBytes, validBytes, free);
    }

    /// <summary>The copy's path, or null if the disk filled up while copying (the partial copy is removed).</summary>
    private string? TryCopyTail(string path, long validBytes)
    {
        var corrupt = Path.Combine(_folder, "corrupt");
        var target = Path.Combine(corrupt, $"{Path.GetFileName(path)}.{validBytes}.bin");
        try
        {
            Directory.CreateDirectory(corrupt);
            using var source = new FileStream(path, FileMode.Open, FileAccess.Read);
            source.Seek(validBytes, SeekOrigin.Begin);
            using var tail = File.Create(target);
            source.CopyTo(tail);
            tail.Flush(flushToDisk: true);
            return target;
        }
        catch (IOException ex) when (DiskSpace.IsFull(ex))
        {
            File.Delete(target);
            return null;
        }
    }

    private void ReadCursor()
    {
        if (File.Exists(CursorPath) && ulong.TryParse(File.ReadAllText(CursorPath).Trim(), CultureInfo.InvariantCulture, out var cursor))
            _lowestUnacked = Math.Max(1, cursor);
    }

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
}
