namespace Lustrac.Energy.Gateway.ModbusRtu;

/// <summary>Counters of one RS-485 line, for diagnosing wiring (CRC errors) and addressing (timeouts).</summary>
public sealed class ModbusRtuStatistics
{
    private long _requests, _retries, _timeouts, _crcErrors, _exceptionReplies;

    public long Requests => Interlocked.Read(ref _requests);
    public long Retries => Interlocked.Read(ref _retries);
    public long Timeouts => Interlocked.Read(ref _timeouts);
    public long CrcErrors => Interlocked.Read(ref _crcErrors);
    public long ExceptionReplies => Interlocked.Read(ref _exceptionReplies);

    internal void CountRequest() => Interlocked.Increment(ref _requests);
    internal void CountRetry() => Interlocked.Increment(ref _retries);
    internal void CountTimeout() => Interlocked.Increment(ref _timeouts);
    internal void CountCrcError() => Interlocked.Increment(ref _crcErrors);
    internal void CountExceptionReply() => Interlocked.Increment(ref _exceptionReplies);
}
