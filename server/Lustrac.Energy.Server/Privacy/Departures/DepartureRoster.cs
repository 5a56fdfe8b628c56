using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy.Departures;

/// <summary>
/// The roster brought up to date with the site file: households in the file take part (a returning id starts afresh),
/// households marked <c>left:</c> left at the start of that local day, and households the roster knew that are no
/// longer in the file left when the server first noticed. Pure, so each case is tested without a store.
/// </summary>
public static class DepartureRoster
{
    public static IReadOnlyList<RosterEntry> Update(IReadOnlyList<RosterEntry> known, SiteModel site, DateTime nowUtc)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(site.Site.TimeZone);
        var previous = known.ToDictionary(e => e.Household, StringComparer.Ordinal);
        var roster = new List<RosterEntry>();
        foreach (var h in site.Households)
            roster.Add(new RosterEntry(h.Id, [.. site.Devices.Where(d => d.Household == h.Id).Select(d => d.Id)], null, null));
        foreach (var d in site.Departed)
        {
            var left = TimeZoneInfo.ConvertTimeToUtc(d.Left.ToDateTime(TimeOnly.MinValue), zone);
            previous.TryGetValue(d.Id, out var before);
            // Devices it had before the mark (a meter swapped out earlier) are its data too.
            var devices = d.Devices.Union(before?.Devices ?? [], StringComparer.Ordinal).ToList();
            roster.Add(new RosterEntry(d.Id, devices, left, before?.LeftUtc == left ? before.PurgedUtc : null));
        }
        var inFile = roster.Select(e => e.Household).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in known.Where(e => !inFile.Contains(e.Household)))
            roster.Add(gone.HasLeft ? gone : gone with { LeftUtc = nowUtc });
        return roster;
    }

    /// <summary>Departed households whose delay has run out and whose data is not purged yet.</summary>
    public static IEnumerable<RosterEntry> DueForPurge(IEnumerable<RosterEntry> roster, DateTime nowUtc, TimeSpan delay) =>
        roster.Where(e => e.LeftUtc is DateTime left && e.PurgedUtc is null && left + delay <= nowUtc);
}
