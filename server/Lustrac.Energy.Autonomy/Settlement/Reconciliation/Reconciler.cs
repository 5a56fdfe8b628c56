namespace Lustrac.Energy.Autonomy.Settlement.Reconciliation;

/// <summary>
/// Compares the operator's figures with the cooperative's settled steps, per household and local month. Curve lines
/// (any mix of 5- to 30-min steps) are summed into the settlement steps they fall in; a line that spans two steps, or
/// lines that overlap, are refused with their line number. Differences below <see cref="ToleranceKwh"/> (half a Wh,
/// the operator's rounding) are not reported.
/// </summary>
public static class Reconciler
{
    public const double ToleranceKwh = 0.0005;

    public static IReadOnlyList<ReconciliationMonth> Compare(IReadOnlyList<OperatorRecord> records, IReadOnlyList<SettlementStep> own,
        IReadOnlyList<string> participants, StepGrid grid, TimeZoneInfo zone)
    {
        var index = participants.Select((p, i) => (p, i)).ToDictionary(x => x.p, x => x.i, StringComparer.Ordinal);
        foreach (var r in records)
            if (!index.ContainsKey(r.Participant))
                throw new OperatorFileException($"line {r.Line}, column 'participant': '{r.Participant}' is not a household of the site ({string.Join(", ", participants)}).");

        var ownSteps = own.ToDictionary(s => s.StartUtc);
        var result = new List<ReconciliationMonth>();
        foreach (var group in records.GroupBy(r => (r.Participant, Month: r.Month ?? MonthOf(r.StartUtc, zone))).OrderBy(g => g.Key.Participant, StringComparer.Ordinal).ThenBy(g => g.Key.Month))
        {
            int h = index[group.Key.Participant];
            var (year, month) = group.Key.Month;
            DateTime from = MonthlyStatement.LocalMidnightUtc(new DateOnly(year, month, 1), zone);
            DateTime to = MonthlyStatement.LocalMidnightUtc(new DateOnly(year, month, 1).AddMonths(1), zone);
            var mine = grid.Steps(from, to).Select(t => ownSteps.GetValueOrDefault(t)).Where(s => s?.Participants is not null).Select(s => (s!.StartUtc, P: s.Participants![h])).ToList();
            double ownC = mine.Sum(m => m.P.Consumption), ownA = mine.Sum(m => m.P.Autoconsumed);
            bool monthly = group.Any(r => r.IsMonthly);
            if (monthly && group.Count() > 1)
                throw new OperatorFileException($"line {group.First(r => r.IsMonthly).Line}: {group.Key.Participant} {year}-{month:00} has monthly quantities and other lines; give one or the other.");
            double opC = group.Sum(r => r.Consumption);
            double? opA = group.All(r => r.Autoconsumed is not null) ? group.Sum(r => r.Autoconsumed!.Value) : null;
            var steps = monthly ? [] : Differences(group.ToList(), mine.ToDictionary(m => m.StartUtc, m => m.P), grid);
            result.Add(new ReconciliationMonth(group.Key.Participant, year, month, monthly, opC, ownC, opA, ownA, steps));
        }
        return result;
    }

    private static List<StepDifference> Differences(List<OperatorRecord> lines, Dictionary<DateTime, ParticipantStep> mine, StepGrid grid)
    {
        var op = new Dictionary<DateTime, (double C, double? A, int Minutes)>();
        var seen = new Dictionary<DateTime, int>();
        foreach (var r in lines.OrderBy(r => r.StartUtc))
        {
            var step = grid.StepOf(r.StartUtc);
            if (grid.StepOf(r.StartUtc.AddMinutes(r.Minutes).AddTicks(-1)) != step)
                throw new OperatorFileException($"line {r.Line}: {r.Minutes} min from {r.StartUtc:yyyy-MM-dd HH:mm} UTC spans two {grid.StepMinutes}-min settlement steps.");
            if (seen.TryGetValue(r.StartUtc, out var other))
                throw new OperatorFileException($"line {r.Line}: {r.Participant} at {r.StartUtc:yyyy-MM-dd HH:mm} UTC is given twice (also line {other}).");
            seen[r.StartUtc] = r.Line;
            var s = op.GetValueOrDefault(step);
            op[step] = (s.C + r.Consumption, s.Minutes == 0 || s.A is not null ? (s.A ?? 0) + r.Autoconsumed : null, s.Minutes + r.Minutes);
            if (op[step].Minutes > grid.StepMinutes)
                throw new OperatorFileException($"line {r.Line}: the lines of {r.Participant} overlap in the step of {step:yyyy-MM-dd HH:mm} UTC ({op[step].Minutes} min in a {grid.StepMinutes}-min step).");
        }
        var diffs = new List<StepDifference>();
        foreach (var t in op.Keys.Union(mine.Keys).Order())
        {
            bool hasOp = op.TryGetValue(t, out var o), hasMine = mine.TryGetValue(t, out var m);
            var d = new StepDifference(t, hasOp ? o.C : null, hasMine ? m.Consumption : null, hasOp ? o.A : null, hasMine ? m.Autoconsumed : null, hasOp ? o.Minutes : 0);
            bool differs = hasOp != hasMine || Math.Abs(d.ConsumptionDifference ?? 0) > ToleranceKwh || Math.Abs(d.AutoconsumedDifference ?? 0) > ToleranceKwh
                || (hasOp && o.Minutes != grid.StepMinutes);
            if (differs) diffs.Add(d);
        }
        return diffs;
    }

    private static (int, int) MonthOf(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        return (local.Year, local.Month);
    }
}
