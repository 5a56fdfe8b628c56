using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Gateway.Watchdog;

/// <summary>The gateway's "Watchdog" section, checked when the gateway starts.</summary>
public sealed class WatchdogSettingsValidator : IValidateOptions<WatchdogSettings>
{
    public ValidateOptionsResult Validate(string? name, WatchdogSettings watchdog)
    {
        var problems = new SettingProblems("Watchdog")
            .Between(nameof(watchdog.DrainLimitSeconds), watchdog.DrainLimitSeconds, 1, 86_400, "a number of seconds", 120);
        if (watchdog.ReadLimitSeconds is { } read)
            problems.Check(read is >= 0.1 and <= 3600, nameof(watchdog.ReadLimitSeconds),
                $"is {SettingProblems.Show(read)}; use a number of seconds between 0.1 and 3600, or leave it out (default: the Modbus timeout × attempts + 5 s).");
        return problems.Result();
    }
}
