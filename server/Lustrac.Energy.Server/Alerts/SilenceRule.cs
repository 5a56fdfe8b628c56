using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server.Live;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// A device with no stored reading for longer than <see cref="AlertSettings.SilentMinutes"/> (counted from the server's
/// start when it has sent nothing since) is silent; when every device of a gateway is, the one alert names the gateway
/// (the Pi, its power or its link) instead of each device. A device whose retained status is "down" is reported with
/// the gateway's error: the gateway is alive but cannot read it.
/// </summary>
public sealed class SilenceRule(SiteModel site, ArrivalLog arrivals, DeviceStatusBoard statuses, AlertSettings settings) : IAlertRule
{
    public Task<IReadOnlyList<AlertCondition>> EvaluateAsync(DateTimeOffset now, CancellationToken ct)
    {
        var limit = TimeSpan.FromMinutes(settings.SilentMinutes);
        var found = new List<AlertCondition>();
        foreach (var gateway in site.Gateways)
        {
            var devices = site.Devices.Where(d => d.Gateway == gateway.Id).ToList();
            var silent = devices.Where(d => now - LastHeard(d.Id) > limit).ToList();
            var down = devices.Where(d => statuses.For(d.Id)?.State == "down").ToList();
            // A gateway that reports its devices down is alive: then each device is named with the gateway's error.
            if (devices.Count > 0 && silent.Count == devices.Count && down.Count == 0)
            {
                var last = devices.Select(d => arrivals.For(d.Id)?.ArrivedAt).Max();
                found.Add(new AlertCondition($"{AlertKinds.GatewaySilent}:{gateway.Id}", AlertKinds.GatewaySilent, gateway.Id, AlertAudience.Operator,
                    $"Gateway {gateway.Id} has sent no reading for {Since(now, last)}"
                    + ": check the Raspberry Pi's power, network and the lustrac-gateway service."));
                continue;
            }
            foreach (var device in down)
            {
                var status = statuses.For(device.Id)!;
                found.Add(new AlertCondition($"{AlertKinds.DeviceDown}:{device.Id}", AlertKinds.DeviceDown, device.Id, AlertAudience.Operator,
                    $"Gateway {gateway.Id} reports device {device.Id} down" + (status.Since is { } since ? $" since {since}" : "")
                    + (status.ConsecutiveFailures > 0 ? $" after {status.ConsecutiveFailures} failed reads in a row" : "")
                    + (status.Error is { } error ? $": {error}" : "") + ". Check its wiring, address and power."));
            }
            foreach (var device in silent.Except(down))
            {
                found.Add(new AlertCondition($"{AlertKinds.DeviceSilent}:{device.Id}", AlertKinds.DeviceSilent, device.Id, AlertAudience.Operator,
                    $"Device {device.Id} on gateway {gateway.Id} has sent no reading for {Since(now, arrivals.For(device.Id)?.ArrivedAt)}"
                    + ": check its wiring and the gateway's log."));
            }
        }
        return Task.FromResult<IReadOnlyList<AlertCondition>>(found);
    }

    private string Since(DateTimeOffset now, DateTimeOffset? last) =>
        AlertText.Duration(now - (last ?? arrivals.StartedAt)) + (last is { } t ? $" (last at {AlertText.Time(t)})" : " (none since the server started)");

    private DateTimeOffset LastHeard(string device) => arrivals.For(device)?.ArrivedAt ?? arrivals.StartedAt;
}
