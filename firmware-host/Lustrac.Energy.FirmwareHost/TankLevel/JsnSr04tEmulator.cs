using System.IO.Ports;
using Lustrac.Energy.FirmwareHost.Clock;

namespace Lustrac.Energy.FirmwareHost.TankLevel;

/// <summary>
/// A JSN-SR04T ultrasonic sensor in UART mode on a serial port, looking down at the water: answers each 0x55 with a
/// distance frame and, in automatic mode, also sends one every 100 ms unasked (the module's two UART modes).
/// Distances are clamped to the module's range, 200–6000 mm (DOMAIN.md gives 20–600 cm with a [?]).
/// </summary>
public sealed class JsnSr04tEmulator : IDisposable
{
    public const int MinMm = 200, MaxMm = 6000;
    private readonly SerialPort _port;
    private readonly Func<DateTimeOffset, double> _distanceM;
    private readonly SimulationClock _clock;
    private readonly bool _automatic;
    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;

    private readonly Func<DateTimeOffset, bool> _silent;

    /// <param name="silent">True while the sensor is unplugged or timing out: it sends nothing.</param>
    public JsnSr04tEmulator(string portName, Func<DateTimeOffset, double> distanceM, SimulationClock clock, bool automatic,
        Func<DateTimeOffset, bool>? silent = null)
    {
        _silent = silent ?? (_ => false);
        _port = new SerialPort(portName, 9600, Parity.None, 8, StopBits.One) { ReadTimeout = 100 };
        _distanceM = distanceM;
        _clock = clock;
        _automatic = automatic;
        PortName = portName;
    }

    public string PortName { get; }

    public int DistanceMmAt(DateTimeOffset t) => (int)Math.Clamp(Math.Round(_distanceM(t) * 1000), MinMm, MaxMm);

    public void Start()
    {
        _port.Open();
        _thread = new Thread(Run) { IsBackground = true, Name = $"jsn-sr04t {PortName}" };
        _thread.Start();
    }

    private void Run()
    {
        var buffer = new byte[64];
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var n = _port.Read(buffer, 0, buffer.Length);
                for (var i = 0; i < n; i++)
                    if (buffer[i] == JsnSr04tFrame.Trigger) Send();
            }
            catch (TimeoutException)
            {
                if (_automatic) Send();
            }
            catch (Exception)
            {
                // Closing the port while Read blocks surfaces as one of several exceptions; none may kill the host.
                if (_stopping.IsCancellationRequested || !IsPortOpen()) return;
                Thread.Sleep(50);
            }
        }
    }

    private bool IsPortOpen()
    {
        try { return _port.IsOpen; }
        catch (ObjectDisposedException) { return false; }
    }

    private void Send()
    {
        if (_silent(_clock.Now)) return;
        var frame = JsnSr04tFrame.For(DistanceMmAt(_clock.Now));
        _port.Write(frame, 0, frame.Length);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _port.Close();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _port.Dispose();
        _stopping.Dispose();
    }
}
