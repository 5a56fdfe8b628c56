using System.Text;
using Lustrac.Energy.Gateway.S0Pulse;

namespace Lustrac.Energy.Gateway.Tests.S0Pulse;

/// <summary>Pulse state files written by the previous gateway (format 1, built here from its documented layout) are kept.</summary>
public sealed class PulseStateUpgradeTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-pulses-v1-").FullName;

    private static string WithCrc(string body)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in Encoding.ASCII.GetBytes(body))
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return body + $"crc32={~crc:x8}\n";
    }

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text, Encoding.ASCII);

    [Fact]
    public void A_v1_file_is_loaded_with_its_count_and_the_next_save_is_v2()
    {
        Write("h01-s0.pulses", WithCrc("lustrac-pulse-state 1\ndevice=h01-s0\npulses=123456\n"));
        var state = new PulseStateFile(_folder, "h01-s0");

        Assert.Equal(new PulseStateLoad(123456, null), state.Load());

        state.Save(123457);
        Assert.StartsWith("lustrac-pulse-state 2\n", File.ReadAllText(state.Path));
        Assert.Contains("\nsaved=", File.ReadAllText(state.Path));
        Assert.Equal(new PulseStateLoad(123457, null), new PulseStateFile(_folder, "h01-s0").Load());
        Assert.StartsWith("lustrac-pulse-state 1\n", File.ReadAllText(state.Path + ".bak")); // the previous save, as it was
    }

    [Fact]
    public void A_newer_format_is_not_read_and_says_so_falling_back_to_the_backup()
    {
        Write("h01-s0.pulses", WithCrc("lustrac-pulse-state 3\ndevice=h01-s0\npulses=900\n"));
        Write("h01-s0.pulses.bak", WithCrc("lustrac-pulse-state 1\ndevice=h01-s0\npulses=899\n"));

        var load = new PulseStateFile(_folder, "h01-s0").Load();

        Assert.Equal(899, load.Pulses);
        Assert.Contains("format version 3", load.Recovery);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
