using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Serial;
using Lustrac.Energy.Protocol.Messages;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.LinkyTic;

/// <param name="Mode">Historique or standard; null to detect (standard tried first, then historique, until one gives valid groups).</param>
/// <param name="FrameTimeoutMs">How long to wait for one whole valid frame; a historique frame takes 1–2 s at 1200 baud.</param>
/// <param name="ClockToleranceSeconds">Beyond this gap between the gateway's clock and the meter's, readings are marked uncertain.</param>
public sealed record LinkyTicOptions(TicMode? Mode = null, int FrameTimeoutMs = 5000, int ClockToleranceSeconds = 120);

/// <summary>
/// A Linky read on its customer port. The meter talks all the time and never listens: each read drops what is waiting
/// on the line and takes the next whole frame with at least one valid group. No such frame within the timeout means
/// the port is silent or unreadable: throws (device down). In standard mode the meter's own date checks the Pi's clock.
/// </summary>
public sealed class LinkyTicMeter(string deviceId, Func<TicMode, ISerialLine> openLine, LinkyTicOptions options, TimeProvider clock, ILogger log)
    : IDeviceDriver, IReportsCondition, IDisposable
{
    private readonly Dictionary<TicMode, ISerialLine> _lines = [];
    private readonly TicFrameAssembler _assembler = new();
    private readonly byte[] _buffer = new byte[512];
    private bool _clockWasOff;

    public string DeviceId => deviceId;

    /// <summary>The mode in use: as set, or as detected on the first frame that checked out.</summary>
    public TicMode? Mode { get; private set; } = options.Mode;

    public TicStatistics Statistics { get; } = new();

    public string? Condition { get; private set; }

    private TimeSpan FrameTimeout => TimeSpan.FromMilliseconds(options.FrameTimeoutMs);

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        var frame = Mode is { } mode ? await ReadFrameAsync(mode, established: true, ct).ConfigureAwait(false) : await DetectAsync(ct).ConfigureAwait(false);
        var readout = TicReadings.From(frame);
        Statistics.Count(frame, readout.UnreadableValues);
        Statistics.TruncatedFrames = _assembler.TruncatedFrames;
        var clockOff = CheckClock(readout.MeterTime);
        Condition = Describe(frame.DroppedGroups + readout.UnreadableValues > 0, clockOff);
        return clockOff
            ? readout.Readings.Select(r => r.Quality == ReadingQuality.Good ? r with { Quality = ReadingQuality.Uncertain } : r).ToArray()
            : readout.Readings;
    }

    private async Task<TicFrame> DetectAsync(CancellationToken ct)
    {
        foreach (var candidate in new[] { TicMode.Standard, TicMode.Historique })
        {
            try
            {
                var frame = await ReadFrameAsync(candidate, established: false, ct).ConfigureAwait(false);
                Mode = candidate;
                foreach (var (other, line) in _lines.Where(l => l.Key != candidate).ToArray())
                {
                    line.Dispose();
                    _lines.Remove(other);
                }
                log.LogInformation("Linky {Device}: TIC in {Mode} mode ({Baud} baud, 7E1)", deviceId, candidate.Name(), candidate.Baud());
                return frame;
            }
            catch (TimeoutException) { /* try the other mode */ }
        }
        throw new TimeoutException($"no valid TIC frame in standard (9600 baud) nor historique (1200 baud) mode within {FrameTimeout.TotalSeconds} s each: " +
            "check the adapter's wiring to the meter's I1/I2 terminals and that the serial port is the right one");
    }

    /// <param name="established">The mode is known: frames without a single valid group count their dropped groups.</param>
    private async Task<TicFrame> ReadFrameAsync(TicMode mode, bool established, CancellationToken ct)
    {
        if (!_lines.TryGetValue(mode, out var line)) _lines[mode] = line = openLine(mode);
        line.DiscardInput(); // what waited on the line describes the past
        _assembler.Reset();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(FrameTimeout);
        TicFrame? found = null;
        long bytes = 0;
        try
        {
            while (found is null)
            {
                var n = await line.ReadAsync(_buffer, deadline.Token).ConfigureAwait(false);
                bytes += n;
                _assembler.Feed(_buffer.AsSpan(0, n), body =>
                {
                    if (found is not null) return;
                    var frame = TicFrameParser.Parse(body, mode);
                    if (frame.Groups.Count > 0) found = frame;
                    else if (established) Statistics.CountDropped(frame.DroppedGroups);
                });
            }
            return found;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Statistics.TruncatedFrames = _assembler.TruncatedFrames;
            throw new TimeoutException(bytes == 0
                ? $"nothing on the TIC line within {FrameTimeout.TotalSeconds} s: check the adapter is wired to the meter's I1/I2 terminals and powered"
                : $"no valid {mode.Name()} frame within {FrameTimeout.TotalSeconds} s ({bytes} bytes of noise or corrupt groups): check the mode and the wiring");
        }
    }

    /// <summary>True when the meter vouches for its clock and the gateway's differs from it by more than the tolerance.</summary>
    private bool CheckClock(TicHorodate? meterTime)
    {
        if (meterTime is not { ClockTrusted: true } t) return false;
        var offset = clock.GetUtcNow() - t.Time;
        Statistics.ClockOffset = offset;
        var off = Math.Abs(offset.TotalSeconds) > options.ClockToleranceSeconds;
        if (off && !_clockWasOff)
            log.LogWarning("Linky {Device}: the gateway's clock is {Offset:0} s off the meter's ({MeterTime:O}); readings are marked uncertain until it is set right",
                deviceId, offset.TotalSeconds, t.Time);
        _clockWasOff = off;
        return off;
    }

    private string? Describe(bool dropped, bool clockOff)
    {
        var parts = new List<string>();
        if (dropped) parts.Add("corrupt TIC groups are being dropped (check the adapter's wiring and the line's mode)");
        if (clockOff) parts.Add($"the gateway's clock differs from the Linky's by more than {options.ClockToleranceSeconds} s: readings are marked uncertain; check NTP (timedatectl)");
        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    public void Dispose()
    {
        foreach (var line in _lines.Values) line.Dispose();
        _lines.Clear();
    }
}
