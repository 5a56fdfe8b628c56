namespace Lustrac.Energy.Gateway.ModbusRtu;

/// <summary>Counters of one RS-485 line, for diagnosing wiring (CRC errors) and addressing (timeouts).</summary>
public sealed class ModbusRtuStatistics
{
    private long _requests, _retries, _timeouts, _crcErrors, _exceptionReplies, _validFrames, _failedRequests;

    public long Requests => Interlocked.Read(ref _requests);
    public long Retries => Interlocked.Read(ref _retries);
    public long Timeouts => Interlocked.Read(ref _timeouts);
    public long CrcErrors => Interlocked.Read(ref _crcErrors);
    public long ExceptionReplies => Interlocked.Read(ref _exceptionReplies);
    /// <summary>Replies with a valid CRC (data or exception): zero after many requests means nothing on the line understands the gateway.</summary>
    public long ValidFrames => Interlocked.Read(ref _validFrames);
    /// <summary>Requests that failed in every attempt.</summary>
    public long FailedRequests => Interlocked.Read(ref _failedRequests);

    internal void CountRequest() => Interlocked.Increment(ref _requests);
    internal void CountRetry() => Interlocked.Increment(ref _retries);
    internal void CountTimeout() => Interlocked.Increment(ref _timeouts);
    internal void CountCrcError() => Interlocked.Increment(ref _crcErrors);
    internal void CountExceptionReply() => Interlocked.Increment(ref _exceptionReplies);
    internal void CountValidFrame() => Interlocked.Increment(ref _validFrames);
    internal void CountFailedRequest() => Interlocked.Increment(ref _failedRequests);
}
