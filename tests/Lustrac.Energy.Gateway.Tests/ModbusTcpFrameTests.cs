using Lustrac.Energy.Gateway.Modbus;

namespace Lustrac.Energy.Gateway.Tests;

public class ModbusTcpFrameTests
{
    [Fact]
    public void Writes_a_read_input_registers_request_byte_for_byte()
    {
        var frame = new byte[12];

        ModbusTcpFrame.WriteReadRequest(frame, transaction: 0x0102, unit: 7, function: 0x04, start: 0x0048, count: 4);

        Assert.Equal(Convert.FromHexString("010200000006070400480004"), frame);
    }

    [Fact]
    public void Parses_register_words_from_a_response()
    {
        // 1234.5 as float32 is 0x449A5000: words 449A 5000, big-endian bytes.
        var pdu = Convert.FromHexString("0404449A5000");

        var words = ModbusTcpFrame.ParseReadResponse(pdu, 1, 0x04, 2);

        Assert.Equal(new ushort[] { 0x449A, 0x5000 }, words);
        Assert.Equal(1234.5f, RegisterWords.Float32HighFirst(words, 0));
    }

    [Fact]
    public void Turns_an_exception_reply_into_a_modbus_exception_with_its_code()
    {
        var ex = Assert.Throws<ModbusException>(() => ModbusTcpFrame.ParseReadResponse(Convert.FromHexString("8402"), 3, 0x04, 2));

        Assert.Equal(0x02, ex.Code);
        Assert.Contains("illegal data address", ex.Message);
    }

    [Theory]
    [InlineData("000900000005010404", 1, 1, "transaction 9")]
    [InlineData("000100010005010404", 1, 1, "protocol id 1")]
    [InlineData("000100000005020404", 1, 1, "unit 2")]
    [InlineData("000100000400010404", 1, 1, "length 1024")]
    public void Rejects_a_header_that_does_not_answer_the_request(string hex, ushort transaction, byte unit, string reason)
    {
        var ex = Assert.Throws<ModbusProtocolException>(() => ModbusTcpFrame.ReadMbap(Convert.FromHexString(hex), transaction, unit));

        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Rejects_a_response_with_the_wrong_byte_count()
    {
        Assert.Throws<ModbusProtocolException>(() => ModbusTcpFrame.ParseReadResponse(Convert.FromHexString("0402449A"), 1, 0x04, 2));
    }
}
