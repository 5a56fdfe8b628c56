using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>Making room: deleting acknowledged segments, and dropping the oldest unsent ones when full.</summary>
public sealed partial class DiskOutbox
{
    private const string DiskFullAdvice = "Free space on that disk (or set Outbox:MaxMegabytes below its free space); " +
        "meanwhile check why the broker does not acknowledge (see this log's MQTT lines).";
    private const string LimitAdvice = "The broker has not acknowledged for long enough to fill it: check the network " +
        "and the broker (see this log's MQTT lines), or raise Outbox:MaxMegabytes if the disk has room.";

    private string DiskFullCause() => $"the disk holding {_folder} is full ({DiskSpace.FreeBytes(_folder)} bytes free)";

    private void EnforceBound()
    {
        var max = _settings.MaxMegabytes * 1024L * 1024L;
        while (_sealed.Count > 0 && _sealed.Sum(s => s.Bytes) + _active.Bytes > max)
            DropOldest($"it reached Outbox:MaxMegabytes = {_settings.MaxMegabytes} MB", LimitAdvice);
    }

    private bool DropOldest(string cause) => DropOldest(cause, DiskFullAdvice);

    /// <summary>Drops the oldest segment, counting its unsent messages; false if there is nothing left to drop.</summary>
    private bool DropOldest(string cause, string advice)
    {
        if (_sealed.Count == 0)
        {
            if (!_active.HasRecords) return false;
            Rotate(); // the active segment is the only one: seal it so it can go
        }
        var oldest = _sealed[0];
        var unsent = ReadSegment(oldest.Path, out _).Where(r => r.Id >= _lowestUnacked && !_ackedAhead.Contains(r.Id)).ToList();
        if (_droppedInFlight.Count > 100_000) _droppedInFlight.Clear(); // PUBACKs of a connection long gone will not come
        foreach (var r in unsent.Where(r => r.Id <= _handedOut)) _droppedInFlight[r.Id] = r.Device;
        var lost = unsent.Select(r => r.Device).ToList();
        // Sequence numbers must outlive the records that carried them; on a full disk the reserve makes room to save them.
        if (!TrySaveSequences())
            _log.LogWarning("Outbox could not save sequence numbers before dropping {Segment} (disk full); a device silent since may reuse numbers",
                Path.GetFileName(oldest.Path));
        File.Delete(oldest.Path);
        _sealed.RemoveAt(0);
        ForgetLoaded(oldest);
        if (oldest.LastId >= _lowestUnacked)
        {
            _ackedAhead.RemoveWhere(id => id <= oldest.LastId);
            _lowestUnacked = oldest.LastId + 1;
            _cursorDirty = true;
        }
        _losses.Dropped(lost, cause, advice);
        _reserve.TryRestore();
        return true;
    }

    /// <summary>True if a segment was deleted, i.e. acknowledgements made room.</summary>
    private bool DeleteFullyAckedSegments()
    {
        var deletable = _sealed.Where(s => s.LastId < _lowestUnacked).ToList();
        if (deletable.Count == 0 || !TrySaveSequences()) return false; // without saved numbers, keep the segments for now
        foreach (var s in deletable)
        {
            File.Delete(s.Path);
            _sealed.Remove(s);
            ForgetLoaded(s);
        }
        _reserve.TryRestore();
        return true;
    }

    /// <summary>A deleted segment's records, read back for a drain, must not stay in memory after it.</summary>
    private void ForgetLoaded(Segment segment)
    {
        if (_loadedSealed is { } cached && cached.Number == segment.Number) _loadedSealed = null;
    }

    private bool TrySaveSequences()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                OutboxFiles.Replace(SequencesPath, System.Text.Json.JsonSerializer.Serialize(_lastSeq, GatewayJson.Default.DictionaryStringUInt64), durable: true);
                return true;
            }
            catch (IOException ex) when (DiskSpace.IsFull(ex))
            {
                if (attempt > 0 || !_reserve.Release()) return false;
            }
        }
    }

    private bool TryWriteCursor()
    {
        try
        {
            // Not fsynced on purpose: a cursor lost in a power cut only means re-sending, and storage is idempotent.
            OutboxFiles.Replace(CursorPath, _lowestUnacked.ToString(System.Globalization.CultureInfo.InvariantCulture), durable: false);
            return true;
        }
        catch (IOException ex) when (DiskSpace.IsFull(ex))
        {
            return false; // tried again at the next flush
        }
    }
}
