using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Gateway;

/// <summary>
/// The "Gateway" section, checked when the gateway starts. Whether Gateway:Id names a gateway of the site file is
/// checked with the site file itself (<see cref="GatewayStartup"/>).
/// </summary>
public sealed class GatewaySettingsValidator : IValidateOptions<GatewaySettings>
{
    public ValidateOptionsResult Validate(string? name, GatewaySettings gateway) =>
        new SettingProblems("Gateway")
            // Under 10 ms not even a 9600-baud reply of a few registers arrives; over a minute a dead meter stalls its bus.
            .Between(nameof(gateway.ModbusTimeoutMs), gateway.ModbusTimeoutMs, 10, 60_000, "a number of milliseconds", 1000)
            .Between(nameof(gateway.ModbusRetries), gateway.ModbusRetries, 0, 10, "a number of retries", 2)
            .NotEmpty(nameof(gateway.StateFolder), gateway.StateFolder, "give the folder where pulse counts are kept, e.g. /var/lib/lustrac/state.")
            .NotEmpty(nameof(gateway.W1Root), gateway.W1Root, "give the folder where the w1 driver lists probes, normally /sys/bus/w1/devices.")
            .Result();
}
