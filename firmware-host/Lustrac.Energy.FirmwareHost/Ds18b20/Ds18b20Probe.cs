using Lustrac.Energy.FirmwareHost.Faults;

namespace Lustrac.Energy.FirmwareHost.Ds18b20;

/// <summary>
/// One emulated DS18B20 as the Linux w1 driver shows it: a folder <c>&lt;root&gt;/28-&lt;12 hex&gt;/</c> holding
/// <c>w1_slave</c> (scratchpad + CRC check + t=millidegrees) and <c>temperature</c> (millidegrees only). Files are
/// replaced atomically so a reader never sees half a file. Faults: <c>unplugged</c> removes the folder (as when the
/// driver drops a lost device), <c>crc_error</c> corrupts the CRC byte (crc=.. NO), <c>stuck</c> freezes the
/// reading, <c>power_on_reset</c> shows the 85 °C power-on scratchpad with a valid CRC.
/// </summary>
public sealed class Ds18b20Probe(string root, string deviceId, Func<DateTimeOffset, double> temperatureC, IReadOnlyList<FaultSpec> faults)
{
    public string DeviceId { get; } = deviceId;
    public string Folder { get; } = Path.Combine(root, deviceId);

    /// <summary>The scratchpad the probe shows at <paramref name="t"/>, or null when it is unplugged.</summary>
    public byte[]? ScratchpadAt(DateTimeOffset t)
    {
        var active = faults.Where(f => f.IsActiveAt(t)).Select(f => f.Kind).ToHashSet();
        if (active.Contains(FaultKind.Unplugged)) return null;
        if (active.Contains(FaultKind.PowerOnReset)) return (byte[])Ds18b20Scratchpad.PowerOn.Clone();
        var stuck = faults.FirstOrDefault(f => f.Kind == FaultKind.Stuck && f.IsActiveAt(t));
        var pad = Ds18b20Scratchpad.For(temperatureC(stuck?.From ?? t));
        if (active.Contains(FaultKind.CrcError)) pad[8] ^= 0x21;
        return pad;
    }

    public void WriteAt(DateTimeOffset t)
    {
        var pad = ScratchpadAt(t);
        if (pad is null)
        {
            if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);
            return;
        }
        Directory.CreateDirectory(Folder);
        Replace("w1_slave", W1SlaveText.Format(pad));
        Replace("temperature", $"{Ds18b20Scratchpad.Millidegrees(pad)}\n");
    }

    private void Replace(string name, string text)
    {
        var temp = Path.Combine(Folder, $".{name}.tmp");
        File.WriteAllText(temp, text);
        File.Move(temp, Path.Combine(Folder, name), overwrite: true);
    }
}
