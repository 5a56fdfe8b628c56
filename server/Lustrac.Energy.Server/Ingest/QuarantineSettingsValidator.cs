using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>The "Quarantine" section, checked when the server starts.</summary>
public sealed class QuarantineSettingsValidator : IValidateOptions<QuarantineSettings>
{
    private const long Default = 256L * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, QuarantineSettings quarantine) =>
        // At least one largest stored record fits in a file, so a rotation never throws away the message just written.
        new SettingProblems("Quarantine")
            .Between(nameof(quarantine.MaxFileBytes), quarantine.MaxFileBytes, 2 * Quarantine.MaxStoredPayloadBytes, 1L << 40, "a file size in bytes", Default)
            .Result();
}
