using System.Text;
using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Faults;
using Lustrac.Energy.FirmwareHost.LinkyTic;
using Lustrac.Energy.FirmwareHost.Serial;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.FirmwareHost.Tests.LinkyTic;

public sealed class LinkyTicEmulatorTests
{
    private static readonly TimeZoneInfo France = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private static readonly DateTimeOffset Start = new(2026, 6, 21, 8, 15, 0, TimeSpan.Zero);

    /// <summary>The specification's rule computed here by hand, apart from the emulator's code.</summary>
    private static bool ChecksumHolds(string group, bool standard)
    {
        var covered = standard ? group[..^1] : group[..^2];
        return group[^1] == (char)((covered.Sum(c => c) & 0x3F) + 0x20);
    }

    [Theory]
    [InlineData(TicOutputMode.Historique, "ISOUSC", "30", null, "ISOUSC 30 9")]
    [InlineData(TicOutputMode.Historique, "OPTARIF", "BASE", null, "OPTARIF BASE 0")]
    [InlineData(TicOutputMode.Standard, "DATE", "", "E260621101500", "DATE\tE260621101500\t\t6")]
    public void Groups_follow_the_specifications_layout_and_checksum(TicOutputMode mode, string label, string data, string? horodate, string expected)
    {
        Assert.Equal(expected, TicEncoding.Group(mode, label, data, horodate));
        Assert.True(ChecksumHolds(expected, mode == TicOutputMode.Standard)); // the test's own rule agrees on good groups
    }

    [Fact]
    public void The_meters_date_is_french_legal_time_with_its_season_letter()
    {
        Assert.Equal("E260621101500", TicEncoding.Horodate(Start, France));
        Assert.Equal("H260112190000", TicEncoding.Horodate(new DateTimeOffset(2026, 1, 12, 18, 0, 0, TimeSpan.Zero), France));
    }

    [Fact]
    public void Heures_creuses_count_at_night_local_time_and_the_total_is_the_sum_of_the_indexes()
    {
        var model = new LinkyMeterModel("h01-linky", _ => 2.0, heuresCreuses: true, France, Start, seed: 1);
        var night = new DateTimeOffset(2026, 6, 21, 21, 0, 0, TimeSpan.Zero); // 23:00 in Paris (UTC+2)
        var before = model.ValuesAt(night);
        var after = model.ValuesAt(night.AddHours(1));

        Assert.True(before.OffPeak);
        Assert.InRange(after.TariffIndexesWh[0] - before.TariffIndexesWh[0], 1999, 2001); // 2 kW for an hour, on HC; whole Wh
        Assert.Equal(before.TariffIndexesWh[1], after.TariffIndexesWh[1]);
        Assert.Equal(after.TariffIndexesWh.Sum(), after.TotalWh);
    }

    [Fact]
    public async Task On_its_pty_the_meter_sends_frames_and_a_crc_error_fault_breaks_the_checksum_of_every_group()
    {
        var folder = Directory.CreateTempSubdirectory("lustrac-linky-emu-").FullName;
        using var pty = await PtyPair.CreateAsync(Path.Combine(folder, "tic"));
        var clock = new SimulationClock(new FakeTimeProvider(Start), Start, 1);
        var model = new LinkyMeterModel("h01-linky", _ => 0.8, heuresCreuses: false, France, Start, seed: 1);
        var faults = new[] { new FaultSpec("h01-linky", FaultKind.CrcError) };
        using var emulator = new LinkyTicEmulator(pty.EmulatorSide, "041876097145", TicOutputMode.Standard, model, clock, faults, seed: 1);
        emulator.Start();

        var frame = await ReadOneFrameAsync(pty.DeviceSide);
        var groups = frame.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(g => g.TrimEnd('\r')).ToArray();

        Assert.Contains(groups, g => g.StartsWith("DATE\t", StringComparison.Ordinal));
        Assert.Equal(29, groups.Length); // the whole standard frame of LinkyFrames
        Assert.All(groups, g => Assert.False(ChecksumHolds(g, standard: true), g)); // probability 1: a digit (or the checksum) altered in each
    }

    /// <summary>Reads the device end until one whole STX … ETX, and returns what lies between.</summary>
    private static async Task<string> ReadOneFrameAsync(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var text = new StringBuilder();
        var buffer = new byte[256];
        while (true)
        {
            var n = await stream.ReadAsync(buffer, timeout.Token);
            text.Append(Encoding.ASCII.GetString(buffer, 0, n));
            var s = text.ToString();
            var stx = s.IndexOf('\u0002');
            var etx = stx < 0 ? -1 : s.IndexOf('\u0003', stx);
            if (etx > 0) return s[(stx + 1)..etx];
        }
    }
}
