using System.Buffers.Binary;
using System.Device.I2c;

namespace Lustrac.Energy.Gateway.Tests.Support;

/// <summary>
/// An ADS1115 behind the I2cDevice seam, written from the datasheet: a pointer register, a config register
/// whose OS bit starts a single-shot conversion (reads 0 while busy, 1 when done) and a conversion register
/// holding the input voltage as a 16-bit two's complement code for the chosen MUX and PGA (clipped at full scale).
/// </summary>
public sealed class Ads1115Emulator(int address = 0x48) : I2cDevice
{
    private static readonly double[] FullScale = [6.144, 4.096, 2.048, 1.024, 0.512, 0.256, 0.256, 0.256];
    private byte _pointer;
    private ushort _config = 0x8583; // power-on default
    private short _conversion;
    private int _busyReads;

    /// <summary>Volts on AIN0–AIN3 against GND.</summary>
    public double[] Inputs { get; } = new double[4];

    /// <summary>How many config reads report "busy" after a start (a slow conversion).</summary>
    public int BusyReadsPerConversion { get; set; } = 1;

    /// <summary>When set, the chip never finishes a conversion.</summary>
    public bool Stuck { get; set; }

    /// <summary>When set, nothing acknowledges the address: every transfer fails as on a real bus.</summary>
    public bool Absent { get; set; }

    public List<ushort> ConfigWrites { get; } = [];

    public override I2cConnectionSettings ConnectionSettings { get; } = new(1, address);

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Absent) throw new IOException("Error 121 performing I2C data transfer (no ACK)");
        _pointer = buffer[0];
        if (buffer.Length < 3) return;
        var value = BinaryPrimitives.ReadUInt16BigEndian(buffer[1..]);
        if (_pointer != 0x01) return;
        ConfigWrites.Add(value);
        _config = (ushort)(value & 0x7FFF);
        if ((value & 0x8000) != 0) Convert();
    }

    private void Convert()
    {
        var mux = (_config >> 12) & 0b111;
        var fullScale = FullScale[(_config >> 9) & 0b111];
        var volts = mux >= 0b100 ? Inputs[mux - 0b100] : 0;
        _conversion = (short)Math.Clamp(Math.Round(volts / fullScale * 32768), short.MinValue, short.MaxValue);
        _busyReads = BusyReadsPerConversion;
    }

    public override void Read(Span<byte> buffer)
    {
        if (Absent) throw new IOException("Error 121 performing I2C data transfer (no ACK)");
        ushort value;
        if (_pointer == 0x00) value = (ushort)_conversion;
        else
        {
            var done = !Stuck && _busyReads-- <= 0;
            value = (ushort)(_config | (done ? 0x8000 : 0));
        }
        BinaryPrimitives.WriteUInt16BigEndian(buffer, value);
    }

    public override void WriteRead(ReadOnlySpan<byte> writeBuffer, Span<byte> readBuffer)
    {
        Write(writeBuffer);
        Read(readBuffer);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override byte ReadByte()
    {
        Span<byte> two = stackalloc byte[2];
        Read(two);
        return two[0];
    }
}
