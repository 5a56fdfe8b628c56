using System.IO.Ports;
using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Gateway.Serial;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Logging;

namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>Builds a Linky TIC driver from its site-file device: bus <c>tic:///dev/ttyAMA0</c>, settings mode, frame_timeout_s, clock_tolerance_s.</summary>
public static class LinkyTicSetup
{
    public static LinkyTicMeter Create(Device device, DriverHardware hardware)
    {
        if (!DeviceCatalog.IsTicBus(device.Bus))
            throw new FormatException($"device '{device.Id}' (linky_tic): write its bus as tic:///dev/ttyAMA0 or tic:///dev/ttyUSB0, not '{device.Bus}'.");
        var uri = new Uri(device.Bus);
        if (uri.Query.Length > 0)
            throw new FormatException($"device '{device.Id}' (linky_tic): bus '{device.Bus}' takes no settings; the line is 7E1 at the speed of the mode (settings: mode: historique, standard or auto).");
        var port = Uri.UnescapeDataString(uri.AbsolutePath);
        var s = new DeviceSettings(device);
        var options = new LinkyTicOptions(
            Mode: s.Choice("mode", "auto", "auto", "historique", "standard") switch
            {
                "historique" => TicMode.Historique,
                "standard" => TicMode.Standard,
                _ => null,
            },
            FrameTimeoutMs: (int)(s.Number("frame_timeout_s", 5, min: 1, max: 60) * 1000),
            ClockToleranceSeconds: (int)s.Number("clock_tolerance_s", 120, min: 5, max: 3600));
        return new LinkyTicMeter(device.Id, mode => hardware.Serial(LineFor(port, mode)), options, hardware.Clock,
            hardware.Logs.CreateLogger<LinkyTicMeter>());
    }

    /// <summary>Both modes are 7 data bits, even parity, 1 stop bit; historique at 1200 baud, standard at 9600.</summary>
    public static SerialLineSettings LineFor(string port, TicMode mode) => new(port, mode.Baud(), Parity.Even, StopBits.One, DataBits: 7);
}
