using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Figures;

/// <summary>
/// One row of <c>energy_profile</c>: a scope's <c>energy_interval</c> rows of one closed local day, packed by
/// <see cref="ProfileCodec"/> (time = local midnight, as UTC). A copy of the stored intervals, never a figure of its own.
/// </summary>
/// <param name="Packed">The codec's bytes (stored as base64 text).</param>
public sealed record EnergyProfileRow(DateTime DayStartUtc, string? Household, int Slots, byte[] Packed)
{
    public string Scope => Household is null ? AutonomyScope.Neighbourhood : AutonomyScope.Household;
}

/// <summary>
/// The day profiles the scenario history reads instead of a year's million interval rows. Written by the closer only
/// for days it has closed to their end (a later close never touches them), rewritten whenever a recomputation touches
/// the day, deleted with a departed household's fine data. A day without one (today, a store written before profiles,
/// a stop between the day's last interval and its profile) is read from its interval rows instead.
/// </summary>
public static class EnergyProfiles
{
    public static readonly MeasurementSchema<EnergyProfileRow> Schema = new("energy_profile",
    [
        new("scope", ColumnKind.Tag, r => r.Scope),
        new("household", ColumnKind.Tag, r => r.Household ?? ""),
        new("slots", ColumnKind.Integer, r => (long)r.Slots),
        new("intervals", ColumnKind.Text, r => Convert.ToBase64String(r.Packed)),
    ], r => r.DayStartUtc, s => new EnergyProfileRow(s.TimeUtc, s.Text("household") is { Length: > 0 } h ? h : null,
        (int)(s.Integer("slots") ?? 0), s.Base64("intervals") ?? []));

    /// <summary>
    /// Replaces the profiles of the local days between <paramref name="dayBoundariesUtc"/> by ones packed from the stored
    /// intervals, for the days that end by <paramref name="closedUntilUtc"/>; a day still open keeps none.
    /// </summary>
    public static async Task RefreshAsync(IAutonomyStore results, IReadOnlyList<DateTime> dayBoundariesUtc, DateTime closedUntilUtc, TimeSpan interval,
        CancellationToken ct)
    {
        if (dayBoundariesUtc.Count < 2) return;
        int closed = 0;
        while (closed + 1 < dayBoundariesUtc.Count && dayBoundariesUtc[closed + 1] <= closedUntilUtc) closed++;
        var rows = new List<EnergyProfileRow>();
        if (closed > 0)
        {
            var stored = await results.ReadEveryEnergyAsync(dayBoundariesUtc[0], dayBoundariesUtc[closed], ct).ConfigureAwait(false);
            foreach (var scope in stored.GroupBy(r => r.Household ?? ""))
                foreach (var group in scope.GroupBy(r => DayOf(dayBoundariesUtc, r.StartUtc)))
                {
                    var (start, end) = (dayBoundariesUtc[group.Key], dayBoundariesUtc[group.Key + 1]);
                    int slots = (int)((end - start).Ticks / interval.Ticks);
                    rows.Add(new EnergyProfileRow(start, scope.Key.Length == 0 ? null : scope.Key, slots, ProfileCodec.Pack(start, interval, slots, group)));
                }
        }
        await results.ReplaceEnergyProfilesAsync(dayBoundariesUtc[0], dayBoundariesUtc[^1], rows, ct).ConfigureAwait(false);
    }

    /// <summary>The day i with days[i] ≤ t &lt; days[i + 1] (t inside the boundaries).</summary>
    private static int DayOf(IReadOnlyList<DateTime> days, DateTime t)
    {
        int lo = 0, hi = days.Count - 2;
        while (lo < hi)
        {
            int mid = (lo + hi + 1) / 2;
            if (days[mid] <= t) lo = mid; else hi = mid - 1;
        }
        return lo;
    }
}
