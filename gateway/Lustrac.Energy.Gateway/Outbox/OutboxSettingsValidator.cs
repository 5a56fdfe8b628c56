using Lustrac.Energy.Protocol.Startup;
using Microsoft.Extensions.Options;

namespace Lustrac.Energy.Gateway.Outbox;

/// <summary>The "Outbox" section, checked when the gateway starts.</summary>
public sealed class OutboxSettingsValidator : IValidateOptions<OutboxSettings>
{
    public ValidateOptionsResult Validate(string? name, OutboxSettings outbox)
    {
        var problems = new SettingProblems("Outbox")
            .NotEmpty(nameof(outbox.Folder), outbox.Folder, "give the outbox folder, e.g. /var/lib/lustrac/outbox.")
            .Between(nameof(outbox.MaxMegabytes), outbox.MaxMegabytes, 1, 1_048_576, "a number of megabytes", 1024)
            .Between(nameof(outbox.SegmentKilobytes), outbox.SegmentKilobytes, 16, 1_048_576, "a number of kilobytes", 4096)
            .Between(nameof(outbox.FlushMilliseconds), outbox.FlushMilliseconds, 1, 60_000, "a number of milliseconds", 250)
            // MQTT's receive maximum is 16 bits: the broker cannot take more in flight.
            .Between(nameof(outbox.PublishWindow), outbox.PublishWindow, 1, 65535, "a number of messages", 200);
        // Dropping works segment by segment: a cap below one segment could not hold the segment being written.
        if (outbox.SegmentKilobytes >= 16 && outbox.MaxMegabytes >= 1)
            problems.Check(outbox.SegmentKilobytes <= outbox.MaxMegabytes * 1024L, nameof(outbox.SegmentKilobytes),
                $"is {outbox.SegmentKilobytes}, more than Outbox:MaxMegabytes ({outbox.MaxMegabytes} MB); use segments smaller than the cap (default 4096).");
        return problems.Result();
    }
}
