namespace Lustrac.Energy.Autonomy.Compost;

/// <summary>
/// Judges a pile against a rule on its <b>coolest probe</b>: the pile is only as sanitised as its coldest part.
/// At each reading time the coolest probe is the minimum over every expected probe's latest reading, provided
/// each is no older than the rule's MaxDataGap; otherwise that time is a gap and interrupts any run.
/// </summary>
public static class SanitisationAssessor
{
    /// <param name="expectedProbes">Probes in the pile; null = every probe seen in the readings.</param>
    /// <param name="turningsUtc">Times the pile was turned (events recorded by the operator).</param>
    /// <param name="asOfUtc">Now: a run whose last reading is older than MaxDataGap at this time is over. Null = the last reading.</param>
    public static SanitisationAssessment Assess(
        string pileId,
        IEnumerable<ProbeReading> readings,
        SanitisationRule rule,
        IEnumerable<DateTime>? turningsUtc = null,
        IReadOnlyCollection<string>? expectedProbes = null,
        DateTime? asOfUtc = null)
    {
        var sorted = readings.OrderBy(r => r.TimeUtc).ThenBy(r => r.ProbeId, StringComparer.Ordinal).ThenBy(r => r.Celsius).ToArray();
        var probes = expectedProbes ?? sorted.Select(r => r.ProbeId).Distinct().ToArray();
        var turnings = (turningsUtc ?? []).Order().ToArray();
        var latest = new Dictionary<string, ProbeReading>(StringComparer.Ordinal);
        var register = new List<CompostRegisterRow>();
        var points = new List<(DateTime Time, bool Valid, double Coolest)>();

        for (int i = 0; i < sorted.Length;)
        {
            var t = sorted[i].TimeUtc;
            for (; i < sorted.Length && sorted[i].TimeUtc == t; i++)
                if (double.IsFinite(sorted[i].Celsius)) latest[sorted[i].ProbeId] = sorted[i];

            double coolest = double.PositiveInfinity;
            string coolestId = "";
            int reporting = 0;
            foreach (var p in probes)
            {
                if (!latest.TryGetValue(p, out var r) || t - r.TimeUtc > rule.MaxDataGap) continue;
                reporting++;
                if (r.Celsius < coolest) { coolest = r.Celsius; coolestId = p; }
            }
            bool valid = reporting == probes.Count && reporting > 0;
            points.Add((t, valid, coolest));
            if (reporting > 0)
                register.Add(new CompostRegisterRow(t, pileId, coolestId, coolest, reporting, probes.Count, valid && coolest >= rule.ThresholdC));
        }

        HotRun? longest = null, current = null;
        DateTime? achievedAt = null;
        DateTime? runStart = null, last = null;
        foreach (var (time, valid, coolest) in points)
        {
            bool hot = valid && coolest >= rule.ThresholdC;
            bool continues = hot && runStart is not null && time - last!.Value <= rule.MaxDataGap;
            if (hot && !continues) runStart = time;
            if (!hot) { runStart = null; last = time; continue; }
            last = time;
            var run = new HotRun(runStart!.Value, time, Count(turnings, runStart.Value, time));
            if (longest is null || run.Duration > longest.Duration) longest = run;
            if (achievedAt is null && run.Duration >= rule.Duration && run.Turnings >= rule.MinTurnings) achievedAt = time;
            current = run;
        }
        // The run is current only if the last point belongs to it and no gap has opened since.
        if (runStart is null) current = null;
        if (current is not null && asOfUtc is DateTime now && now - current.EndUtc > rule.MaxDataGap) current = null;

        var status = achievedAt is not null ? SanitisationStatus.Achieved
            : longest is null ? SanitisationStatus.NotStarted
            : current is not null ? SanitisationStatus.InProgress
            : SanitisationStatus.Interrupted;
        return new SanitisationAssessment(rule, status, achievedAt, longest, current, register);
    }

    private static int Count(DateTime[] sorted, DateTime from, DateTime to)
    {
        int n = 0;
        foreach (var t in sorted) if (t >= from && t <= to) n++;
        return n;
    }
}

public static class Diversion
{
    /// <summary>Diverted kg / total organic waste kg; null when nothing was weighed.</summary>
    public static double? Ratio(IEnumerable<WeighIn> weighIns)
    {
        double diverted = 0, total = 0;
        foreach (var w in weighIns)
        {
            if (!(w.Kg >= 0)) throw new ArgumentOutOfRangeException(nameof(weighIns), "A weigh-in cannot be negative.");
            total += w.Kg;
            if (w.Diverted) diverted += w.Kg;
        }
        return total > 0 ? diverted / total : null;
    }
}
