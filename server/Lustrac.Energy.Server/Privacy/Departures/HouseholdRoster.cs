using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Privacy.Departures;

/// <summary>
/// One household the server has known: its devices when last seen in the site file, when it left (marked
/// <c>left:</c>, or noticed missing from the file) and when its fine data was purged. Kept in the results store so
/// that a household deleted from the site file is still known — with its devices — when its purge falls due.
/// </summary>
public sealed record RosterEntry(string Household, IReadOnlyList<string> Devices, DateTime? LeftUtc, DateTime? PurgedUtc)
{
    public bool HasLeft => LeftUtc is not null;
}

/// <summary>The <c>household_roster</c> measurement: one row per household, all at one fixed time.</summary>
public static class HouseholdRoster
{
    /// <summary>Every row's time: the roster is a table, not a series; one instant makes each household one row.</summary>
    public static readonly DateTime RowTimeUtc = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly MeasurementSchema<RosterEntry> Schema = new("household_roster",
    [
        new("household", ColumnKind.Tag, r => r.Household),
        new("devices", ColumnKind.Text, r => string.Join(',', r.Devices)),
        new("left_ms", ColumnKind.Integer, r => r.LeftUtc is DateTime left ? Periods.Ms(left) : null),
        new("purged_ms", ColumnKind.Integer, r => r.PurgedUtc is DateTime purged ? Periods.Ms(purged) : null),
    ], _ => RowTimeUtc, row => new RosterEntry(
        row.Text("household") ?? "",
        (row.Text("devices") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
        row.Integer("left_ms") is long left ? DateTime.UnixEpoch.AddMilliseconds(left) : null,
        row.Integer("purged_ms") is long purged ? DateTime.UnixEpoch.AddMilliseconds(purged) : null));
}
