using System.Diagnostics;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.Serial;

namespace Lustrac.Energy.Gateway.ModbusRtu;

/// <summary>
/// Modbus RTU master on one serial line (RS-485). Several meters on one line share one client: a semaphore
/// keeps one request in flight, as a half-duplex bus requires.
/// <para>Framing: the line must stay silent for t3.5 before each request (<see cref="SerialLineSettings.InterFrameSilence"/>).
/// The end of a reply is found from its own length (byte count, or 5 bytes for an exception) rather than by
/// timing a 3.5-character gap: USB RS-485 adapters deliver bytes in bursts (latency timer, often 1–16 ms),
/// so sub-5 ms gaps cannot be observed reliably from Linux user space.</para>
/// <para>Timeouts, bad CRCs and garbled replies are retried (<see cref="ModbusRtuOptions.Retries"/>) after the line
/// has gone quiet; an exception reply is not retried: the device answered.</para>
/// </summary>
public sealed class ModbusRtuClient(ISerialLine line, TimeSpan interFrameSilence, ModbusRtuOptions options) : IModbusClient, IDisposable
{
    private const int MaxReplyLength = 3 + 250 + 2;
    private static readonly TimeSpan MinimumQuietForDrain = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan MaximumDrain = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly byte[] _request = new byte[ModbusRtuFrame.ReadRequestLength];
    private readonly byte[] _reply = new byte[MaxReplyLength];
    private long _lastTraffic = Stopwatch.GetTimestamp();

    public ModbusRtuStatistics Statistics { get; } = new();

    public ModbusRtuClient(ISerialLine line, SerialLineSettings settings, ModbusRtuOptions options)
        : this(line, settings.InterFrameSilence, options with { LineName = Describe(settings) }) { }

    public string Endpoint => options.LineName;

    /// <summary><c>modbus-rtu:///dev/ttyUSB0 (9600 8N1)</c>: the port and the character format, the first suspects when nothing answers.</summary>
    public static string Describe(SerialLineSettings s) =>
        $"modbus-rtu://{s.PortName} ({s.Baud} {s.DataBits}{s.Parity.ToString()[0]}{(s.StopBits == System.IO.Ports.StopBits.Two ? 2 : 1)})";

    public async ValueTask<ushort[]> ReadRegistersAsync(byte unit, ModbusFunction function, ushort start, ushort count, CancellationToken ct)
    {
        if (count is < 1 or > 125) throw new ArgumentOutOfRangeException(nameof(count), "Modbus reads 1 to 125 registers at a time");
        if (unit is 0 or > 247) throw new ArgumentOutOfRangeException(nameof(unit), "RTU unit addresses are 1 to 247 (0 is broadcast: no reply)");
        await _oneAtATime.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            Exception? last = null;
            for (var attempt = 0; attempt <= options.Retries; attempt++)
            {
                if (attempt > 0) Statistics.CountRetry();
                Statistics.CountRequest();
                try
                {
                    var words = await ExchangeAsync(unit, (byte)function, start, count, ct).ConfigureAwait(false);
                    Statistics.CountValidFrame();
                    return words;
                }
                catch (ModbusException)
                {
                    Statistics.CountValidFrame();
                    Statistics.CountExceptionReply();
                    throw;
                }
                catch (Exception ex) when (ex is TimeoutException or ModbusCrcException or ModbusProtocolException)
                {
                    if (ex is TimeoutException) Statistics.CountTimeout();
                    else if (ex is ModbusCrcException) Statistics.CountCrcError();
                    last = ex;
                    await DrainAsync(ct).ConfigureAwait(false); // a late or garbled reply must not be read as the next one
                }
            }
            Statistics.CountFailedRequest();
            throw GaveUp(unit, last!);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>The error after the last attempt: what failed, how often, and a hint when the line has never carried a valid frame.</summary>
    private Exception GaveUp(byte unit, Exception last)
    {
        var attempts = options.Retries + 1;
        var tried = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        var hint = LineHint();
        return last switch
        {
            TimeoutException => new TimeoutException($"timeout: unit {unit} on {options.LineName} gave no complete reply within {options.ResponseTimeout.TotalMilliseconds} ms ({tried}){hint}", last),
            ModbusCrcException => new ModbusCrcException($"{last.Message} ({tried}){hint}"),
            _ => new ModbusProtocolException($"{last.Message} ({tried}){hint}"),
        };
    }

    /// <summary>
    /// Nothing on the line has ever sent a valid frame after several requests: the likeliest cause is the line's
    /// character format (a meter at 2400 baud answers a 9600-baud request with nothing, or with garbage).
    /// </summary>
    private string LineHint()
    {
        if (Statistics.ValidFrames > 0 || Statistics.FailedRequests < options.SilentRequestsBeforeLineHint) return "";
        var what = Statistics.CrcErrors > 0
            ? "replies arrive but never with a valid CRC"
            : "no device on this line has ever answered";
        return $". {what} ({Statistics.FailedRequests} requests failed): check that the baud rate and parity in the bus " +
               "(?baud=…&parity=…) match the meter's display (an SDM120 leaves the factory at 2400 8N1), then the A/B wiring and the unit address";
    }

    private async ValueTask<ushort[]> ExchangeAsync(byte unit, byte function, ushort start, ushort count, CancellationToken ct)
    {
        var quietFor = Stopwatch.GetElapsedTime(_lastTraffic);
        if (quietFor < interFrameSilence) await Task.Delay(interFrameSilence - quietFor, ct).ConfigureAwait(false);
        line.DiscardInput();

        ModbusRtuFrame.WriteReadRequest(_request, unit, function, start, count);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.ResponseTimeout);
        try
        {
            await line.WriteAsync(_request, deadline.Token).ConfigureAwait(false);
            await ReadExactlyAsync(_reply.AsMemory(0, 3), deadline.Token).ConfigureAwait(false);
            var length = ModbusRtuFrame.ReplyLength(_reply);
            await ReadExactlyAsync(_reply.AsMemory(3, length - 3), deadline.Token).ConfigureAwait(false);
            _lastTraffic = Stopwatch.GetTimestamp();
            return ModbusRtuFrame.ParseReadReply(_reply.AsSpan(0, length), unit, function, count);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            _lastTraffic = Stopwatch.GetTimestamp();
            throw new TimeoutException($"timeout: no complete reply from unit {unit} within {options.ResponseTimeout.TotalMilliseconds} ms");
        }
    }

    private async ValueTask ReadExactlyAsync(Memory<byte> buffer, CancellationToken ct)
    {
        while (buffer.Length > 0)
        {
            var n = await line.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (n == 0) throw new IOException("serial line closed");
            buffer = buffer[n..];
        }
    }

    /// <summary>Reads and drops bytes until the line has been quiet for a while (bounded), then clears the input.</summary>
    private async ValueTask DrainAsync(CancellationToken ct)
    {
        var quiet = interFrameSilence > MinimumQuietForDrain ? interFrameSilence : MinimumQuietForDrain;
        var started = Stopwatch.GetTimestamp();
        var scratch = new byte[64];
        while (Stopwatch.GetElapsedTime(started) < MaximumDrain)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(ct);
            wait.CancelAfter(quiet);
            try
            {
                if (await line.ReadAsync(scratch, wait.Token).ConfigureAwait(false) == 0) break;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break; // quiet long enough
            }
        }
        line.DiscardInput();
        _lastTraffic = Stopwatch.GetTimestamp();
    }

    public void Dispose()
    {
        line.Dispose();
        _oneAtATime.Dispose();
    }
}
