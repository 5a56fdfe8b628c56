using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Server.Watchdog;

/// <summary>The "Watchdog" section, checked when the server starts.</summary>
public sealed class ServerWatchdogSettingsValidator : IValidateOptions<ServerWatchdogSettings>
{
    public ValidateOptionsResult Validate(string? name, ServerWatchdogSettings watchdog) =>
        new SettingProblems("Watchdog")
            .Between(nameof(watchdog.WriteLimitSeconds), watchdog.WriteLimitSeconds, 1, 86_400, "a number of seconds", 120)
            .Between(nameof(watchdog.StepLimitSeconds), watchdog.StepLimitSeconds, 1, 86_400, "a number of seconds", 60)
            .Between(nameof(watchdog.FiguresLimitSeconds), watchdog.FiguresLimitSeconds, 1, 86_400, "a number of seconds", 600)
            .Check(ServerWatchdogSettings.HangPlaces.Contains(watchdog.HangAt, StringComparer.Ordinal), nameof(watchdog.HangAt),
                $"is '{watchdog.HangAt}'; use one of {string.Join(", ", ServerWatchdogSettings.HangPlaces)} (a test-only fault).")
            .Result();
}
