using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Lustrac.Energy.FirmwareHost.Tests.Support;

namespace Lustrac.Energy.FirmwareHost.Tests.Hosting;

/// <summary>An independent client (mbpoll, the Debian package) reads the emulated devices; its reference numbers are 1-based.</summary>
public sealed partial class MbpollTests
{
    private static async Task<Dictionary<int, string>> MbpollAsync(string arguments)
    {
        var start = new ProcessStartInfo("mbpoll", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("mbpoll did not start (apt-get install mbpoll)");
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"mbpoll {arguments} exited {process.ExitCode}: {error}{output}");
        return ValueLine().Matches(output).ToDictionary(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), m => m.Groups[2].Value.Trim());
    }

    [GeneratedRegex(@"^\[(\d+)\]:\s+(\S+)", RegexOptions.Multiline)]
    private static partial Regex ValueLine();

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Mbpoll_reads_the_sdm630_import_and_export_counters_as_big_endian_floats()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        var endpoint = site.EndpointOfDevice("h07-meter");

        var values = await MbpollAsync($"-m tcp -a 7 -r 73 -c 2 -t 3:float -B -1 -p {endpoint.Port} 127.0.0.1");

        var truth = site.MeterValues("h07-meter");
        Assert.Equal(truth.ImportKwh, Number(values[73]), truth.ImportKwh * 1e-5);
        Assert.Equal(truth.ExportKwh, Number(values[75]), 1e-6);
    }

    [Fact]
    public async Task Mbpoll_reads_sdm630_voltages_and_frequency()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        var port = site.EndpointOfDevice("h12-meter").Port;

        var volts = await MbpollAsync($"-m tcp -a 2 -r 1 -c 3 -t 3:float -B -1 -p {port} 127.0.0.1");
        var hertz = await MbpollAsync($"-m tcp -a 2 -r 71 -c 1 -t 3:float -B -1 -p {port} 127.0.0.1");

        var truth = site.MeterValues("h12-meter");
        Assert.Equal(truth.L1.VoltageV, Number(volts[1]), 0.01);
        Assert.Equal(truth.L3.VoltageV, Number(volts[5]), 0.01);
        Assert.InRange(Number(hertz[71]), 49.9, 50.1);
    }

    [Fact]
    public async Task Mbpoll_finds_the_sunspec_marker_and_inverter_power_at_datasheet_offsets()
    {
        await using var site = await FrozenSite.StartAsync(FrozenSite.SummerNoon);
        var port = site.EndpointOfDevice("pv-atelier-inverter").Port;

        var marker = await MbpollAsync($"-m tcp -a 1 -r 40001 -c 2 -t 4:hex -1 -p {port} 127.0.0.1");
        // Model 103 starts at PDU 40070 (40000 + 2 marker + 68 common): W at +14, W_SF at +15 → references 40085, 40086.
        var power = await MbpollAsync($"-m tcp -a 1 -r 40071 -c 16 -t 4 -1 -p {port} 127.0.0.1");

        Assert.Equal(["0x5375", "0x6E53"], new[] { marker[40001], marker[40002] });
        Assert.Equal(103, Number(power[40071]));
        var watts = (short)Number(power[40085]) * Math.Pow(10, (short)Number(power[40086]));
        Assert.Equal(site.InverterValues("pv-atelier-inverter").AcPowerW, watts, Math.Pow(10, (short)Number(power[40086])));
    }
}
