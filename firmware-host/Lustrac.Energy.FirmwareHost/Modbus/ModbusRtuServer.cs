using System.IO.Ports;

namespace Lustrac.Energy.FirmwareHost.Modbus;

/// <summary>Line settings of an RTU bus, e.g. from <c>modbus-rtu:///dev/ttyUSB0?baud=9600&amp;parity=none&amp;stopbits=1</c>.</summary>
public sealed record SerialSettings(int Baud = 9600, Parity Parity = Parity.None, StopBits StopBits = StopBits.One)
{
    /// <summary>
    /// Inter-frame silence t3.5: 3.5 characters of 11 bits at ≤ 19200 baud (4.01 ms at 9600), fixed 1.75 ms above.
    /// </summary>
    public TimeSpan FrameSilence => Baud > 19200 ? TimeSpan.FromMilliseconds(1.75) : TimeSpan.FromMilliseconds(3.5 * 11 * 1000.0 / Baud);

    public static SerialSettings FromQuery(string query)
    {
        var settings = new SerialSettings();
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var (key, value) = (pair.Split('=')[0], pair.Contains('=') ? pair[(pair.IndexOf('=') + 1)..] : "");
            settings = key switch
            {
                "baud" => settings with { Baud = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) },
                "parity" => settings with { Parity = Enum.Parse<Parity>(value, ignoreCase: true) },
                "stopbits" => settings with { StopBits = value == "2" ? StopBits.Two : StopBits.One },
                _ => settings,
            };
        }
        return settings;
    }
}

/// <summary>
/// A Modbus RTU server on a serial line: frames are address + PDU + CRC-16 (low byte first), delimited by t3.5 of
/// silence. Like a real RS-485 slave it stays silent for frames with a bad CRC, for unit ids it does not have and for
/// broadcasts (address 0, never answered). A read request (function 03/04, always 8 bytes) is answered as soon as it
/// is complete; anything else is taken as a frame when the line goes quiet.
/// </summary>
public sealed class ModbusRtuServer : IDisposable
{
    private const int ReadRequestLength = 8;
    private readonly SerialPort _port;
    private readonly IReadOnlyDictionary<byte, IModbusUnit> _units;
    private readonly IWireFaults? _faults;
    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;

    public ModbusRtuServer(string portName, SerialSettings settings, IReadOnlyDictionary<byte, IModbusUnit> units, IWireFaults? faults = null)
    {
        _port = new SerialPort(portName, settings.Baud, settings.Parity, 8, settings.StopBits)
        {
            // The read timeout is the silence detector: a read that times out with bytes pending closes the frame.
            ReadTimeout = Math.Max(2, (int)Math.Ceiling(settings.FrameSilence.TotalMilliseconds)),
            WriteTimeout = 1000,
        };
        _units = units;
        _faults = faults;
        PortName = portName;
    }

    public string PortName { get; }

    public void Start()
    {
        _port.Open();
        _thread = new Thread(Run) { IsBackground = true, Name = $"modbus-rtu {PortName}" };
        _thread.Start();
    }

    private bool IsPortOpen()
    {
        try { return _port.IsOpen; }
        catch (ObjectDisposedException) { return false; }
    }

    private void Run()
    {
        var frame = new byte[256];
        var length = 0;
        var response = new byte[256];
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                var n = _port.Read(frame, length, frame.Length - length);
                length += n;
                while (length >= ReadRequestLength && frame[1] is 0x03 or 0x04 && Crc16Modbus.IsValid(frame.AsSpan(0, ReadRequestLength)))
                {
                    Reply(frame.AsSpan(0, ReadRequestLength), response);
                    frame.AsSpan(ReadRequestLength, length - ReadRequestLength).CopyTo(frame);
                    length -= ReadRequestLength;
                }
                if (length == frame.Length) length = 0; // 256 bytes without a frame: line noise
            }
            catch (TimeoutException)
            {
                if (length > 0) Reply(frame.AsSpan(0, length), response);
                length = 0;
            }
            catch (Exception)
            {
                // Closing the port while Read blocks surfaces as one of several exceptions; none may kill the host.
                if (_stopping.IsCancellationRequested || !IsPortOpen()) return;
                length = 0;
                Thread.Sleep(50);
            }
        }
    }

    private void Reply(ReadOnlySpan<byte> request, byte[] response)
    {
        if (request.Length < 4 || !Crc16Modbus.IsValid(request)) return;
        var unitId = request[0];
        if (unitId == 0 || !_units.TryGetValue(unitId, out var unit)) return;

        var fault = _faults?.For(unitId) ?? WireFault.None;
        if (fault.Kind == WireFaultKind.NoReply) return;
        var pdu = request[1..^2];
        var pduLength = fault.Kind == WireFaultKind.Exception
            ? ModbusPdu.Exception(pdu[0], fault.Code, response.AsSpan(1))
            : ModbusPdu.Process(unit, pdu, response.AsSpan(1));
        if (pduLength < 0) return;
        response[0] = unitId;
        var total = Crc16Modbus.Append(response, 1 + pduLength);
        if (fault.Kind == WireFaultKind.CorruptCrc) response[total - 1] ^= 0x5A;
        _port.Write(response, 0, total);
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _port.Close(); // unblocks the reader
        _thread?.Join(TimeSpan.FromSeconds(2));
        _port.Dispose();
        _stopping.Dispose();
    }
}
