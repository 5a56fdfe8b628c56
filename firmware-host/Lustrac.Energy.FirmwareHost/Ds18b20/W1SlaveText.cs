namespace Lustrac.Energy.FirmwareHost.Ds18b20;

/// <summary>
/// The text of <c>/sys/bus/w1/devices/28-…/w1_slave</c> as the Linux w1_therm driver writes it:
/// <code>
/// 72 01 4b 46 7f ff 0e 10 57 : crc=57 YES
/// 72 01 4b 46 7f ff 0e 10 57 t=23125
/// </code>
/// The CRC shown is the one the driver computes over bytes 0–7 (so an all-0xFF scratchpad shows crc=c9 NO);
/// YES when it equals the scratchpad's byte 8.
/// </summary>
public static class W1SlaveText
{
    public static string Format(ReadOnlySpan<byte> scratchpad)
    {
        var bytes = string.Join(' ', scratchpad.ToArray().Select(b => b.ToString("x2")));
        var crc = DallasCrc8.Compute(scratchpad[..8]);
        return $"{bytes} : crc={crc:x2} {(crc == scratchpad[8] ? "YES" : "NO")}\n{bytes} t={Ds18b20Scratchpad.Millidegrees(scratchpad)}\n";
    }
}
