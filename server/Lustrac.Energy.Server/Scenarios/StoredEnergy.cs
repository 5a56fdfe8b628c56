using Lustrac.Energy.Autonomy.Intervals;
using Lustrac.Energy.Autonomy.Rollups;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Scenarios;

/// <summary>
/// The stored energy intervals of every scope over a grid, as the scenario history needs them: whole local days from
/// their packed <c>energy_profile</c> rows (one query for all scopes), and only what has no profile — the grid's partial
/// edge days, today, days closed before profiles existed — from the <c>energy_interval</c> rows: one query for the
/// days no scope has a profile of, one per scope and run of other days. Both give the same values, bit for bit.
/// </summary>
public static class StoredEnergy
{
    /// <summary>Key of the neighbourhood in <see cref="LoadAsync"/>'s answer (its rows have household '').</summary>
    public const string Neighbourhood = "";

    public static async Task<IReadOnlyDictionary<string, ScopeIntervals>> LoadAsync(IAutonomyStore store, SitePlan plan, IntervalGrid grid, CancellationToken ct)
    {
        var scopes = plan.Households.Select(h => h.Id).Append(Neighbourhood).ToDictionary(k => k, _ => new ScopeIntervals(grid.Count), StringComparer.Ordinal);
        var days = LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Day, plan.Zone);
        int dayCount = days.Count - 1;
        var covered = scopes.Keys.ToDictionary(k => k, _ => new bool[dayCount], StringComparer.Ordinal);
        var (first, last) = WholeDays(days, grid);
        // The profiles in parts of about a quarter, read and unpacked side by side: each part fills its own days.
        var parts = new List<Task>();
        foreach (var (a, b) in ProfileParts(first, last))
        {
            parts.Add(Task.Run(async () =>
            {
                foreach (var p in await store.ReadEnergyProfilesAsync(days[a], days[b], ct).ConfigureAwait(false))
                    Unpack(p, scopes, covered, days, a, b, grid);
            }, ct));
        }
        await Task.WhenAll(parts).ConfigureAwait(false);
        // Days no scope has a profile of: one query for every scope.
        var nobody = Enumerable.Range(0, dayCount).Where(d => covered.Values.All(c => !c[d])).ToHashSet();
        // A week at a time: a store without profiles answers a year in parts, not one million-row answer.
        foreach (var (from, to) in Runs(nobody, days, grid, 7))
            foreach (var r in await store.ReadEveryEnergyAsync(from, to, ct).ConfigureAwait(false))
                if (scopes.TryGetValue(r.Household ?? Neighbourhood, out var into)) into.Set(grid, r);
        foreach (var (scope, into) in scopes)
        {
            var missing = Enumerable.Range(0, dayCount).Where(d => !covered[scope][d] && !nobody.Contains(d)).ToHashSet();
            foreach (var (from, to) in Runs(missing, days, grid, int.MaxValue))
                foreach (var r in await store.ReadEnergyAsync(scope == Neighbourhood ? null : scope, from, to, ct).ConfigureAwait(false))
                    into.Set(grid, r);
        }
        return scopes;
    }

    /// <summary>Days of profiles per read (a year in four parts).</summary>
    private const int ProfileDaysPerRead = 92;

    /// <summary>The day ranges [a, b) of whole days [first, last) that are read as one profile query each.</summary>
    private static IEnumerable<(int A, int B)> ProfileParts(int first, int last)
    {
        for (int from = first; from < last; from += ProfileDaysPerRead) yield return (from, Math.Min(last, from + ProfileDaysPerRead));
    }

    /// <summary>The time ranges of the profile queries <see cref="LoadAsync"/> sends for a grid (for a bench's baseline).</summary>
    public static IReadOnlyList<(DateTime From, DateTime To)> ProfileReads(IntervalGrid grid, TimeZoneInfo zone)
    {
        var days = LocalCalendar.Boundaries(grid.StartUtc, grid.EndUtc, LocalCalendar.Period.Day, zone);
        var (first, last) = WholeDays(days, grid);
        return ProfileParts(first, last).Select(p => (days[p.A], days[p.B])).ToArray();
    }

    /// <summary>The whole local days inside the grid: [first, last) among <paramref name="days"/>.</summary>
    private static (int First, int Last) WholeDays(IReadOnlyList<DateTime> days, IntervalGrid grid)
    {
        int first = 0, last = days.Count - 1;
        while (first < days.Count - 1 && days[first] < grid.StartUtc) first++;
        while (last > first && days[last] > grid.EndUtc) last--;
        return (first, last);
    }

    private static void Unpack(EnergyProfileRow p, Dictionary<string, ScopeIntervals> scopes, Dictionary<string, bool[]> covered,
        IReadOnlyList<DateTime> days, int first, int last, IntervalGrid grid)
    {
        if (!scopes.TryGetValue(p.Household ?? Neighbourhood, out var into)) return;
        int d = DayIndex(days, p.DayStartUtc, first, last);
        if (d < 0) return;
        // A profile of another interval length (the site file changed) is not used: its day is read from the rows.
        if (p.Slots != (int)((days[d + 1] - days[d]).Ticks / grid.Length.Ticks)) return;
        long k0 = grid.IndexOf(days[d]);
        ProfileCodec.Unpack(p.Packed, (slot, quality, values) => into.Set(k0 + slot, quality, values));
        covered[p.Household ?? Neighbourhood][d] = true;
    }

    /// <summary>The index of the day starting at <paramref name="startUtc"/> among days[first, last), or -1.</summary>
    private static int DayIndex(IReadOnlyList<DateTime> days, DateTime startUtc, int first, int last)
    {
        while (first < last)
        {
            int mid = (first + last) / 2;
            if (days[mid] == startUtc) return mid;
            if (days[mid] < startUtc) first = mid + 1; else last = mid;
        }
        return -1;
    }

    /// <summary>Consecutive days of <paramref name="chosen"/> merged into ranges of at most <paramref name="most"/> days, clipped to the grid.</summary>
    private static IEnumerable<(DateTime From, DateTime To)> Runs(HashSet<int> chosen, IReadOnlyList<DateTime> days, IntervalGrid grid, int most)
    {
        for (int d = 0; d + 1 < days.Count; d++)
        {
            if (!chosen.Contains(d)) continue;
            int end = d;
            while (end + 2 < days.Count && end - d + 1 < most && chosen.Contains(end + 1)) end++;
            yield return (days[d] < grid.StartUtc ? grid.StartUtc : days[d], days[end + 1] > grid.EndUtc ? grid.EndUtc : days[end + 1]);
            d = end;
        }
    }
}

/// <summary>
/// One scope's defined intervals on a grid: the row's quality and its six values (<see cref="ProfileCodec.ValuesOf"/>),
/// kept as the engine's own series. A value's series is made only when a non-zero value arrives (a home without PV or
/// battery has none of those), and its zeros are filled in when it is first asked for: a year of history is then
/// one copy of what the engine reads, not two.
/// </summary>
public sealed class ScopeIntervals(int count)
{
    private readonly IntervalQuality[] _quality = Enumerable.Repeat(IntervalQuality.Missing, count).ToArray();
    private readonly IntervalValue[]?[] _series = new IntervalValue[]?[ProfileCodec.Values];
    private readonly bool[] _filled = new bool[ProfileCodec.Values];

    public void Set(long k, IntervalQuality quality, ReadOnlySpan<double> values)
    {
        if (k < 0 || k >= _quality.Length || quality == IntervalQuality.Missing) return;
        _quality[k] = quality;
        for (int i = 0; i < values.Length; i++)
        {
            // A zero (+0.0, as the codec leaves out) needs no series of its own; once the series exists every value is written.
            var series = _series[i];
            if (series is null && BitConverter.DoubleToInt64Bits(values[i]) == 0) continue;
            (series ?? Created(i))[k] = new(values[i], quality);
        }
    }

    /// <summary>The series of value <paramref name="field"/>, made once: the profile parts of a year fill their days side by side.</summary>
    private IntervalValue[] Created(int field) =>
        Interlocked.CompareExchange(ref _series[field], new IntervalValue[_quality.Length], null) ?? _series[field]!;

    public void Set(IntervalGrid grid, EnergyIntervalRow r)
    {
        if (!r.IsDefined) return;
        Span<double> values = stackalloc double[ProfileCodec.Values];
        ProfileCodec.ValuesOf(r, values);
        Set(grid.IndexOf(r.StartUtc), r.Quality, values);
    }

    public bool IsDefined(int k) => _quality[k] != IntervalQuality.Missing;
    public IntervalQuality Quality(int k) => _quality[k];

    public IntervalValue[] Import => Series(0);
    public IntervalValue[] Export => Series(1);
    public IntervalValue[] OwnProduction => Series(2);
    public IntervalValue[] BatteryCharge => Series(3);
    public IntervalValue[] BatteryDischarge => Series(4);

    /// <summary>Production of the interval (the neighbourhood's: every array and every home's own PV).</summary>
    public double Production(int k) => Value(5, k);
    public double Own(int k) => Value(2, k);

    private double Value(int field, int k) => _series[field] is { } s ? s[k].Value ?? 0 : 0;

    /// <summary>The series of one value, finished once: Missing where no row was defined, 0 where a defined row had no value written.</summary>
    private IntervalValue[] Series(int field)
    {
        var series = _series[field] ?? Created(field);
        if (_filled[field]) return series;
        for (int k = 0; k < series.Length; k++)
            series[k] = _quality[k] == IntervalQuality.Missing ? IntervalValue.Missing
                : series[k].Value is null ? new(0, _quality[k]) : series[k];
        _filled[field] = true;
        return series;
    }
}
