namespace Lustrac.Energy.Autonomy.Forecast;

/// <summary>
/// Expected consumption of one interval of a coming day: the mean of the same local clock slot over the last
/// <see cref="ForecastOptions.SameWeekdays"/> same weekdays that have a value there (within the history read). When fewer
/// than that many same weekdays have a value for the slot, the mean over every recent day (the last
/// <see cref="ForecastOptions.RatioDays"/> days) with a value there is used instead; with none at all the slot expects 0
/// and says so (<see cref="ProfileValue.Days"/> = 0). Only days before the local day of "now" count: today is not over.
/// </summary>
public sealed class ConsumptionProfile
{
    private readonly Dictionary<(DateOnly Day, TimeOnly Slot), double> _values = [];
    private readonly DateOnly _today;
    private readonly ForecastOptions _options;
    private readonly TimeZoneInfo _zone;

    public ConsumptionProfile(IReadOnlyList<IntervalEnergy> history, DateTime nowUtc, TimeZoneInfo zone, ForecastOptions options)
    {
        (_today, _options, _zone) = (LocalDay.Of(nowUtc, zone), options, zone);
        foreach (var e in history)
        {
            if (e.Kwh is not double kwh) continue;
            var day = LocalDay.Of(e.StartUtc, zone);
            if (day >= _today || day < _today.AddDays(-options.HistoryDays)) continue;
            // A fall-back day repeats 02:00–03:00: both hours add into the one clock slot's day value.
            var key = (day, LocalDay.TimeOf(e.StartUtc, zone));
            _values[key] = _values.GetValueOrDefault(key) + kwh;
        }
    }

    /// <summary>The expectation for the interval starting at <paramref name="startUtc"/>.</summary>
    public ProfileValue At(DateTime startUtc)
    {
        var date = LocalDay.Of(startUtc, _zone);
        var slot = LocalDay.TimeOf(startUtc, _zone);
        var same = new List<double>();
        for (var d = _today.AddDays(-1); d >= _today.AddDays(-_options.HistoryDays) && same.Count < _options.SameWeekdays; d = d.AddDays(-1))
            if (d.DayOfWeek == date.DayOfWeek && _values.TryGetValue((d, slot), out var v)) same.Add(v);
        if (same.Count >= _options.SameWeekdays) return new(same.Average(), same.Count, SameWeekday: true);
        var recent = new List<double>();
        for (var d = _today.AddDays(-1); d >= _today.AddDays(-_options.RatioDays); d = d.AddDays(-1))
            if (_values.TryGetValue((d, slot), out var v)) recent.Add(v);
        return recent.Count == 0 ? new(0, 0, false) : new(recent.Average(), recent.Count, SameWeekday: false);
    }
}

/// <summary>An expected interval consumption (kWh), the number of days it is the mean of, and whether they were same weekdays.</summary>
public readonly record struct ProfileValue(double Kwh, int Days, bool SameWeekday);
