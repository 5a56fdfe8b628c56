using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>The "Alerts" section (with Alerts:Smtp), checked when the server starts: every problem, each naming its setting.</summary>
public sealed class AlertSettingsValidator : IValidateOptions<AlertSettings>
{
    public ValidateOptionsResult Validate(string? name, AlertSettings alerts) =>
        alerts.Problems() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
