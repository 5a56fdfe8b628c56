using System.IO.Ports;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.LinkyTic;

/// <summary>
/// A Linky's customer port on a serial line (7E1, 1200 baud historique or 9600 standard): sends frames one after the
/// other, each taking its time on the wire, as the meter does; it never listens. Faults: <c>crc_error</c> alters a
/// digit of that share of groups (their checksum then fails), <c>line_noise</c> inserts stray bytes into that share of
/// frames, <c>timeout</c> and <c>unplugged</c> silence the port.
/// </summary>
public sealed class LinkyTicEmulator : IDisposable
{
    private readonly SerialPort _port;
    private readonly LinkyMeterModel _model;
    private readonly SimulationClock _clock;
    private readonly IReadOnlyList<FaultSpec> _faults;
    private readonly Random _random;
    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;

    public LinkyTicEmulator(string portName, string meterId, TicOutputMode mode, LinkyMeterModel model, SimulationClock clock,
        IReadOnlyList<FaultSpec> faults, ulong seed)
    {
        _port = new SerialPort(portName, TicEncoding.Baud(mode), Parity.Even, 7, StopBits.One) { WriteTimeout = 1000 };
        PortName = portName;
        MeterId = meterId;
        Mode = mode;
        _model = model;
        _clock = clock;
        _faults = faults;
        _random = new Random((int)(StableRandom.Combine(seed, meterId) & 0x7FFFFFFF));
    }

    public string PortName { get; }
    public string MeterId { get; }
    public TicOutputMode Mode { get; }
    public long FramesSent { get; private set; }

    public void Start()
    {
        _port.Open();
        _thread = new Thread(Run) { IsBackground = true, Name = $"linky-tic {PortName}" };
        _thread.Start();
    }

    public byte[] FrameAt(DateTimeOffset t) =>
        TicEncoding.Frame(LinkyFrames.Groups(Mode, MeterId, _model.ValuesAt(t), _model.France).Select(Corrupted));

    private void Run()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var now = _clock.Now;
            var silent = _faults.Any(f => f.Kind is FaultKind.Timeout or FaultKind.Unplugged && f.IsActiveAt(now));
            var frame = silent ? [] : WithNoise(FrameAt(now), now);
            try
            {
                if (frame.Length > 0) _port.Write(frame, 0, frame.Length);
                FramesSent++;
            }
            catch (TimeoutException) { /* nobody reads the other end yet: the bytes are lost, as on a real line */ }
            catch (Exception) when (_stopping.IsCancellationRequested || !_port.IsOpen) { return; }
            catch (IOException) { /* the pty went away for a moment */ }
            // 7E1 is 10 bits a character; a pty has no baud rate, so the emulator paces itself like the wire would.
            var wire = TimeSpan.FromSeconds(Math.Max(frame.Length, 100) * 10.0 / TicEncoding.Baud(Mode));
            _stopping.Token.WaitHandle.WaitOne(wire);
        }
    }

    private string Corrupted(string group)
    {
        var share = ActiveShare(FaultKind.CrcError);
        if (share <= 0 || _random.NextDouble() >= share) return group;
        var digit = group.AsSpan().IndexOfAnyInRange('0', '9');
        if (digit < 0) return group[..^1] + (char)(group[^1] == '~' ? '!' : group[^1] + 1);
        return group[..digit] + (char)(group[digit] == '9' ? '0' : group[digit] + 1) + group[(digit + 1)..];
    }

    private byte[] WithNoise(byte[] frame, DateTimeOffset now)
    {
        var share = ActiveShare(FaultKind.LineNoise, now);
        if (share <= 0 || _random.NextDouble() >= share) return frame;
        var noise = new byte[_random.Next(1, 9)];
        for (var i = 0; i < noise.Length; i++) noise[i] = (byte)_random.Next(0, 0x80); // a 7-bit line delivers 7-bit characters
        var at = _random.Next(1, frame.Length);
        return [.. frame[..at], .. noise, .. frame[at..]];
    }

    private double ActiveShare(FaultKind kind, DateTimeOffset? at = null)
    {
        var now = at ?? _clock.Now;
        return _faults.Where(f => f.Kind == kind && f.IsActiveAt(now)).Select(f => f.Probability).DefaultIfEmpty(0).Max();
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _thread?.Join(TimeSpan.FromSeconds(3));
        _port.Dispose();
        _stopping.Dispose();
    }
}
