using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Scheduling;

/// <summary>The "Autonomy" section, checked when the server starts.</summary>
public sealed class AutonomySettingsValidator : IValidateOptions<AutonomySettings>
{
    public ValidateOptionsResult Validate(string? name, AutonomySettings autonomy) =>
        new SettingProblems("Autonomy")
            .Between(nameof(autonomy.GraceSeconds), autonomy.GraceSeconds, 0, 3600, "a number of seconds", 120)
            .Between(nameof(autonomy.BackfillDays), autonomy.BackfillDays, 0, 3660, "a number of days", 7)
            .Between(nameof(autonomy.MaxInterpolationGapHours), autonomy.MaxInterpolationGapHours, 0.25, 24 * 31, "a number of hours",
                AutonomySettings.DefaultMaxInterpolationGapHours)
            .Result();
}
