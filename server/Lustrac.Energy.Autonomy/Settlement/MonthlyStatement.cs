namespace Lustrac.Energy.Autonomy.Settlement;

/// <summary>Optional prices from the site file: what a locally supplied kWh is worth, in euros and in Abeilles (the local currency).</summary>
public sealed record SettlementPrices(double? EurPerKwh, double? AbeillePerKwh)
{
    public static SettlementPrices None { get; } = new(null, null);
}

/// <summary>A local day of one household's statement (kWh), over the settled steps of that day.</summary>
public sealed record StatementDay(DateOnly Day, double Consumption, double Autoconsumed, int StepsSettled, int Steps)
{
    public double Complement => Consumption - Autoconsumed;
}

/// <summary>
/// One household's month: consumption, autoconsumed (locally supplied) and complement (bought from its supplier), summed
/// over the settled steps, and the money that stayed in the neighbourhood (autoconsumed × price). Steps with a missing
/// meter are counted, not guessed: <see cref="StepsSettled"/> of <see cref="Steps"/>.
/// </summary>
public sealed record MonthlyStatement(string Household, int Year, int Month, IReadOnlyList<StatementDay> Days, SettlementPrices Prices)
{
    public double Consumption => Days.Sum(d => d.Consumption);
    public double Autoconsumed => Days.Sum(d => d.Autoconsumed);
    public double Complement => Consumption - Autoconsumed;
    public int StepsSettled => Days.Sum(d => d.StepsSettled);
    public int Steps => Days.Sum(d => d.Steps);
    /// <summary>Share of the consumption supplied locally, null when nothing was consumed.</summary>
    public double? LocalShare => Consumption > 0 ? Autoconsumed / Consumption : null;
    public double? StayedEur => Prices.EurPerKwh is double p ? Autoconsumed * p : null;
    public double? StayedAbeilles => Prices.AbeillePerKwh is double p ? Autoconsumed * p : null;

    /// <summary>
    /// The statement of participant <paramref name="index"/> from the settled steps of the local month (steps outside it
    /// are ignored). Days run midnight to midnight local time: 46 or 50 half-hour steps on the days the clocks change.
    /// </summary>
    public static MonthlyStatement Of(string household, int index, int year, int month, IReadOnlyList<SettlementStep> steps,
        StepGrid grid, TimeZoneInfo zone, SettlementPrices prices)
    {
        var days = new List<StatementDay>();
        var byStart = steps.ToDictionary(s => s.StartUtc);
        for (var day = new DateOnly(year, month, 1); day.Month == month; day = day.AddDays(1))
        {
            DateTime from = LocalMidnightUtc(day, zone), to = LocalMidnightUtc(day.AddDays(1), zone);
            double c = 0, a = 0;
            int settled = 0, count = 0;
            foreach (var t in grid.Steps(from, to))
            {
                count++;
                if (!byStart.TryGetValue(t, out var s) || s.Participants is null) continue;
                settled++;
                c += s.Participants[index].Consumption;
                a += s.Participants[index].Autoconsumed;
            }
            days.Add(new StatementDay(day, c, a, settled, count));
        }
        return new MonthlyStatement(household, year, month, days, prices);
    }

    public static DateTime LocalMidnightUtc(DateOnly day, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), zone);
}
