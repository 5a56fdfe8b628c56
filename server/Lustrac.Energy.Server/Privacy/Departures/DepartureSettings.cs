using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Server.Privacy.Departures;

/// <summary>Bound from the "Privacy" section: how long a departed household's fine data is kept.</summary>
public sealed class DepartureSettings
{
    /// <summary>
    /// Days after a household leaves (its <c>left:</c> date, or the day the server found it gone from the site file)
    /// before its readings and per-interval results are deleted. 31 by default: the month of its departure can still
    /// be settled and its statement corrected; its day, month and year figures are kept.
    /// </summary>
    public int DepartedPurgeDays { get; set; } = 31;
}

public sealed class DepartureSettingsValidator : IValidateOptions<DepartureSettings>
{
    public ValidateOptionsResult Validate(string? name, DepartureSettings settings) =>
        new SettingProblems("Privacy")
            .Check(settings.DepartedPurgeDays is >= 0 and <= 3650, nameof(settings.DepartedPurgeDays),
                $"is {settings.DepartedPurgeDays}; give the days a departed household's fine data is kept (31 by default, 0 purges it at once).")
            .Result();
}
