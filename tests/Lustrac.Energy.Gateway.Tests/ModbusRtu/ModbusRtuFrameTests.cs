using CsCheck;
using Lustrac.Energy.Gateway.Modbus;
using Lustrac.Energy.Gateway.ModbusRtu;
using Lustrac.Energy.Gateway.Serial;
using System.IO.Ports;

namespace Lustrac.Energy.Gateway.Tests.ModbusRtu;

public class ModbusRtuFrameTests
{
    [Fact]
    public void Crc_of_the_datasheet_request_is_71_CB_low_byte_first()
    {
        var frame = new byte[8];
        ModbusRtuFrame.WriteReadRequest(frame, unit: 1, function: 0x04, start: 0x0000, count: 2);

        Assert.Equal(Convert.FromHexString("010400000002" + "71CB"), frame);
    }

    [Fact]
    public void Crc_of_the_standard_check_string_is_4B37()
    {
        Assert.Equal(0x4B37, Crc16Modbus.Compute("123456789"u8));
    }

    [Fact]
    public void Crc_table_agrees_with_the_bitwise_definition_for_any_bytes()
    {
        Gen.Byte.Array[0, 260].Sample(bytes => Crc16Modbus.Compute(bytes) == ReferenceCrc16.Compute(bytes));
    }

    [Fact]
    public void Holding_register_request_of_unit_17_matches_the_spec_example()
    {
        // Modbus over serial line guide: read 3 holding registers from 0x006B of slave 0x11.
        var frame = new byte[8];
        ModbusRtuFrame.WriteReadRequest(frame, 0x11, 0x03, 0x006B, 3);

        Assert.Equal("1103006B00037687", Convert.ToHexString(frame));
    }

    [Fact]
    public void Parses_register_words_big_endian()
    {
        var reply = ScriptedRtuDevice.ReadReply(1, 0x04, 0x4366, 0x6666);

        var words = ModbusRtuFrame.ParseReadReply(reply, 1, 0x04, 2);

        Assert.Equal([0x4366, 0x6666], words);
        Assert.Equal(reply.Length, ModbusRtuFrame.ReplyLength(reply));
    }

    [Fact]
    public void An_exception_reply_is_five_bytes_and_raises_its_code()
    {
        var reply = ScriptedRtuDevice.WithCrc([0x01, 0x84, 0x02, 0, 0]);

        Assert.Equal(5, ModbusRtuFrame.ReplyLength(reply));
        var ex = Assert.Throws<ModbusException>(() => ModbusRtuFrame.ParseReadReply(reply, 1, 0x04, 2));
        Assert.Equal(0x02, ex.Code);
    }

    [Fact]
    public void A_flipped_bit_is_a_crc_error()
    {
        var reply = ScriptedRtuDevice.ReadReply(1, 0x04, 0x4366, 0x6666);
        reply[4] ^= 0x10;

        Assert.Throws<ModbusCrcException>(() => ModbusRtuFrame.ParseReadReply(reply, 1, 0x04, 2));
    }

    [Fact]
    public void A_reply_from_another_unit_is_refused()
    {
        var reply = ScriptedRtuDevice.ReadReply(2, 0x04, 0x0001, 0x0002);

        Assert.Throws<ModbusProtocolException>(() => ModbusRtuFrame.ParseReadReply(reply, 1, 0x04, 2));
    }

    [Theory]
    [InlineData(9600, 4.0104)]   // 3.5 × 11 / 9600 s
    [InlineData(2400, 16.0417)]
    [InlineData(19200, 2.0052)]
    [InlineData(38400, 1.750)]  // fixed above 19200
    [InlineData(115200, 1.750)]
    public void Inter_frame_silence_follows_the_serial_line_spec(int baud, double expectedMs)
    {
        var settings = new SerialLineSettings("/dev/ttyUSB0", baud);

        Assert.Equal(expectedMs, settings.InterFrameSilence.TotalMilliseconds, tolerance: 0.0005);
    }

    [Fact]
    public void Bus_uri_gives_port_baud_parity_and_stop_bits()
    {
        var s = SerialLineSettings.FromUri("modbus-rtu:///dev/ttyUSB0?baud=2400&parity=even&stop=1");

        Assert.Equal(new SerialLineSettings("/dev/ttyUSB0", 2400, Parity.Even, StopBits.One), s);
        Assert.Equal(11, s.BitsPerCharacter);
    }

    [Fact]
    public void Bus_uri_defaults_to_9600_8N1()
    {
        Assert.Equal(new SerialLineSettings("/dev/ttyAMA0", 9600, Parity.None, StopBits.One), SerialLineSettings.FromUri("modbus-rtu:///dev/ttyAMA0"));
    }

    [Theory]
    [InlineData("modbus-rtu:///dev/ttyUSB0?baud=fast", "baud=fast")]
    [InlineData("modbus-rtu:///dev/ttyUSB0?parity=mark", "parity=mark")]
    [InlineData("modbus-rtu:///dev/ttyUSB0?sotp=2", "unknown setting 'sotp'")]
    public void Bus_uri_mistakes_are_named(string bus, string mention)
    {
        var ex = Assert.Throws<FormatException>(() => SerialLineSettings.FromUri(bus));

        Assert.Contains(mention, ex.Message);
    }
}
