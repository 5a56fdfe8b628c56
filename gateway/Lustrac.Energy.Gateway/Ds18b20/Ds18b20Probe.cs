using System.Text.RegularExpressions;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Ds18b20;

/// <summary>
/// Nature: a thermometer — <c>temperature</c> in degC, gauge, −55 to 125 °C (DS18B20 range).
/// One DS18B20 probe read through the Linux w1 driver's <c>{root}/28-xxxxxxxxxxxx/w1_slave</c>.
/// <para>Checks: the kernel's "crc=XX YES" and our own CRC-8 over scratchpad bytes 0–7; the 85 °C power-on
/// value (which carries a valid CRC) and the all-zero scratchpad ("crc=00 YES", t=0) are not temperatures.
/// A suspicious read is repeated once (each read of w1_slave makes the kernel run a new 750 ms conversion);
/// if it stays suspicious the value is published flagged <c>bad</c>.</para>
/// <para>Down (throws): the probe folder is gone (the kernel drops slaves that stop answering), the file
/// cannot be read, or the scratchpad is all ones (nothing drove the bus).</para>
/// </summary>
public sealed partial class Ds18b20Probe(string deviceId, string w1Root, string probeId) : IDeviceDriver
{
    private const int Attempts = 2;

    public string DeviceId => deviceId;

    public string SlaveFile => Path.Combine(w1Root, probeId, "w1_slave");

    public async ValueTask<IReadOnlyList<Reading>> ReadAsync(CancellationToken ct)
    {
        Reading reading = default;
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            reading = Judge(await ReadFileAsync(ct).ConfigureAwait(false));
            if (reading.Quality == ReadingQuality.Good) break;
        }
        return [reading];
    }

    private async Task<W1SlaveReading> ReadFileAsync(CancellationToken ct)
    {
        if (!Directory.Exists(Path.Combine(w1Root, probeId)))
            throw new DirectoryNotFoundException($"probe {probeId} is not on the 1-Wire bus ({Path.Combine(w1Root, probeId)} is missing): check the probe's cable and the 4.7 kΩ pull-up");
        string text;
        try { text = await File.ReadAllTextAsync(SlaveFile, ct).ConfigureAwait(false); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"probe {probeId}: cannot read {SlaveFile}: {ex.Message}", ex);
        }
        var parsed = W1SlaveReading.Parse(text);
        if (parsed.AllOnes) throw new IOException($"probe {probeId} does not answer (scratchpad all 0xFF, crc NO): check its data line");
        return parsed;
    }

    /// <summary>The reading a w1_slave file is worth: good, or flagged bad with the reason visible in the value.</summary>
    public static Reading Judge(W1SlaveReading w1)
    {
        var q = QuantityVocabulary.Temperature;
        var celsius = w1.Celsius;
        var trustworthy = w1.KernelCrcOk && w1.CrcMatches && !w1.AllZero && !w1.IsPowerOnValue && celsius >= q.Min && celsius <= q.Max;
        return new Reading(q.Name, celsius, q.Unit, trustworthy ? ReadingQuality.Good : ReadingQuality.Bad);
    }

    /// <summary><c>w1://28-0123456789ab</c> → <c>28-0123456789ab</c> (family 28 = DS18B20, then the 48-bit serial in hex).</summary>
    public static string ProbeIdOf(Device device)
    {
        const string prefix = "w1://";
        var id = device.Bus.StartsWith(prefix, StringComparison.Ordinal) ? device.Bus[prefix.Length..].ToLowerInvariant() : "";
        return ProbeIdPattern().IsMatch(id)
            ? id
            : throw new FormatException($"device '{device.Id}' (ds18b20): write its bus as w1://28-<12 hex digits> (the folder name under /sys/bus/w1/devices), not '{device.Bus}'.");
    }

    [GeneratedRegex("^28-[0-9a-f]{12}$")]
    private static partial Regex ProbeIdPattern();
}
