using System.Buffers.Binary;
using System.Device.I2c;

namespace Lustrac.Energy.FirmwareHost.TankLevel;

/// <summary>
/// A TI ADS1115 16-bit ADC on I2C, as a <see cref="I2cDevice"/> so a gateway's driver code runs against it
/// unchanged. Registers (datasheet): 0x00 conversion (read-only), 0x01 config (reset 0x8583), 0x02 Lo_thresh
/// (0x8000), 0x03 Hi_thresh (0x7FFF); all 16-bit big-endian. A write of one byte sets the register pointer; a write
/// of three bytes sets pointer and register; reads return the pointed register. Config: OS bit 15 (write 1: start a
/// single shot; read: 1 = idle), MUX bits 14–12 (100–111 = AINx vs GND), PGA bits 11–9 (±6.144, 4.096, 2.048, 1.024,
/// 0.512, 0.256 V), MODE bit 8 (1 = single shot). Conversions finish at once — the 8 ms of 128 SPS are not waited
/// for — and the result is two's complement, clipped at the full-scale range. Differential inputs read 0.
/// Bus faults for driver tests: a slow conversion (<see cref="BusyReadsPerConversion"/>), one that never ends
/// (<see cref="Stuck"/>), a chip that does not acknowledge its address (<see cref="Absent"/>).
/// </summary>
public sealed class Ads1115Emulator(I2cConnectionSettings settings, Func<int, double> channelVolts) : I2cDevice
{
    public const ushort ConfigReset = 0x8583;
    private static readonly double[] FullScaleVolts = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];
    private readonly Lock _gate = new();
    private readonly ushort[] _registers = [0, ConfigReset, 0x8000, 0x7FFF];
    private byte _pointer;
    private int _busyReads;
    private readonly List<ushort> _configWrites = [];

    public override I2cConnectionSettings ConnectionSettings { get; } = settings;

    /// <summary>Config reads that still show OS = 0 (converting) after a single shot starts; 0 finishes at once.</summary>
    public int BusyReadsPerConversion { get; set; }

    /// <summary>When set, a started conversion never finishes: OS reads 0 for ever.</summary>
    public bool Stuck { get; set; }

    /// <summary>When set, nothing acknowledges the address: every transfer fails as on a real bus (Linux error 121).</summary>
    public bool Absent { get; set; }

    /// <summary>Every word written to the config register, in order.</summary>
    public IReadOnlyList<ushort> ConfigWrites { get { lock (_gate) return _configWrites.ToArray(); } }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ThrowIfAbsent();
        if (buffer.Length == 0) return;
        lock (_gate)
        {
            _pointer = (byte)(buffer[0] & 0x03);
            if (buffer.Length < 3) return;
            var value = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
            switch (_pointer)
            {
                case 0x00: return; // the conversion register is read-only
                case 0x01:
                    _configWrites.Add(value);
                    _registers[1] = (ushort)(value | 0x8000); // OS reads back 1 once the conversion is done
                    if ((value & 0x8000) != 0 || (value & 0x0100) == 0) Convert();
                    if ((value & 0x8000) != 0) _busyReads = BusyReadsPerConversion;
                    return;
                default:
                    _registers[_pointer] = value;
                    return;
            }
        }
    }

    public override void Read(Span<byte> buffer)
    {
        ThrowIfAbsent();
        lock (_gate)
        {
            // Continuous mode converts all the time: a read of the conversion register sees a fresh value.
            if (_pointer == 0 && (_registers[1] & 0x0100) == 0) Convert();
            var value = _registers[_pointer];
            if (_pointer == 1 && (Stuck || _busyReads > 0))
            {
                value &= 0x7FFF; // OS = 0: still converting
                if (_busyReads > 0) _busyReads--;
            }
            Span<byte> word = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(word, value);
            for (var i = 0; i < buffer.Length; i++) buffer[i] = word[i % 2];
        }
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    private void ThrowIfAbsent()
    {
        if (Absent) throw new IOException("Error 121 performing I2C data transfer (no ACK)");
    }

    private void Convert()
    {
        var config = _registers[1];
        var mux = (config >> 12) & 0x7;
        var volts = mux >= 4 ? channelVolts(mux - 4) : 0;
        var fullScale = FullScaleVolts[(config >> 9) & 0x7];
        var code = Math.Clamp(Math.Round(volts / fullScale * 32768), -32768, 32767);
        _registers[0] = unchecked((ushort)(short)code);
    }
}
