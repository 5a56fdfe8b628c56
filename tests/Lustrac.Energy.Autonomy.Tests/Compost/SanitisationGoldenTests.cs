using Lustrac.Energy.Autonomy.Compost;
using Lustrac.Energy.Autonomy.Export;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Compost;

public class SanitisationGoldenTests
{
    private static readonly DateTime T0 = Utc(2026, 5, 1);

    /// <summary>Hourly readings. Probe "top" stays at 62 °C; probe "core-edge" follows <paramref name="edge"/>(hour).</summary>
    private static List<ProbeReading> Hourly(int hours, Func<int, double?> edge)
    {
        var list = new List<ProbeReading>();
        for (int h = 0; h <= hours; h++)
        {
            if (edge(h) is not double e) continue; // a gap in both probes
            list.Add(new ProbeReading(T0.AddHours(h), "top", 62));
            list.Add(new ProbeReading(T0.AddHours(h), "edge", e));
        }
        return list;
    }

    [Fact]
    public void In_vessel_rule_is_judged_on_the_coolest_probe_and_achieved_after_three_days()
    {
        // edge: 50 °C until hour 11, 56 °C from hour 12 → run starts at hour 12, reaches 72 h at hour 84.
        var a = SanitisationAssessor.Assess("pile-1", Hourly(100, h => h < 12 ? 50 : 56), SanitisationRule.UsEpaInVessel);
        Assert.Equal(SanitisationStatus.Achieved, a.Status);
        Assert.Equal(T0.AddHours(84), a.AchievedAtUtc);
        Assert.Equal("edge", a.Register[0].CoolestProbeId);
        Assert.Equal(50, a.Register[0].CoolestC);
    }

    [Fact]
    public void A_dip_below_threshold_interrupts_and_a_new_run_starts_from_zero()
    {
        // edge dips to 54 °C at hour 40: runs 12–39 (27 h) then 41–60 (19 h); data ends at hour 60.
        var readings = Hourly(60, h => h < 12 ? 50 : h == 40 ? 54 : 56);
        var a = SanitisationAssessor.Assess("pile-1", readings, SanitisationRule.UsEpaInVessel);
        Assert.Equal(SanitisationStatus.InProgress, a.Status);
        Assert.Equal(TimeSpan.FromHours(27), a.LongestRun!.Duration);
        Assert.Equal(TimeSpan.FromHours(19), a.CurrentRun!.Duration);

        var later = SanitisationAssessor.Assess("pile-1", readings, SanitisationRule.UsEpaInVessel, asOfUtc: T0.AddHours(70));
        Assert.Equal(SanitisationStatus.Interrupted, later.Status); // 10 h without data > 2 h tolerance
    }

    [Fact]
    public void A_data_gap_longer_than_the_tolerance_interrupts_the_run()
    {
        // No reading at hours 30–33: from 29 to 34 is 5 h > 2 h. Runs 12–29 (17 h) and 34–100 (66 h < 72 h).
        var a = SanitisationAssessor.Assess("pile-1", Hourly(100, h => h is >= 30 and <= 33 ? null : h < 12 ? 50 : 56), SanitisationRule.UsEpaInVessel);
        Assert.Equal(SanitisationStatus.InProgress, a.Status);
        Assert.Equal(TimeSpan.FromHours(66), a.LongestRun!.Duration);
        Assert.Null(a.AchievedAtUtc);
    }

    [Fact]
    public void Windrow_rules_need_their_turnings()
    {
        var hot = Hourly(16 * 24, _ => 58); // 16 days at 58 °C from hour 0
        var four = Enumerable.Range(1, 4).Select(d => T0.AddDays(d * 3)).ToList();
        Assert.Equal(SanitisationStatus.InProgress, SanitisationAssessor.Assess("w", hot, SanitisationRule.UsEpaWindrow, four).Status);
        var five = four.Append(T0.AddDays(14)).ToList();
        var a = SanitisationAssessor.Assess("w", hot, SanitisationRule.UsEpaWindrow, five);
        Assert.Equal(SanitisationStatus.Achieved, a.Status);
        Assert.Equal(T0.AddDays(15), a.AchievedAtUtc); // 15 days reached at hour 360 with 5 turnings by then
    }

    [Fact]
    public void Nothing_above_threshold_is_not_started_and_presets_carry_the_documented_figures()
    {
        Assert.Equal(SanitisationStatus.NotStarted, SanitisationAssessor.Assess("p", Hourly(10, _ => 40), SanitisationRule.UsEpaInVessel).Status);
        Assert.Equal((70.0, TimeSpan.FromMinutes(60)), (SanitisationRule.Eu142_2011.ThresholdC, SanitisationRule.Eu142_2011.Duration));
        Assert.Equal((60.0, TimeSpan.FromDays(8), 3), (SanitisationRule.UkHousedWindrow.ThresholdC, SanitisationRule.UkHousedWindrow.Duration, SanitisationRule.UkHousedWindrow.MinTurnings));
        Assert.Equal(TimeSpan.FromDays(21), SanitisationRule.FindPreset("fr-icpe")!.Duration);
    }

    [Fact]
    public void Diversion_ratio_is_diverted_over_total_weighed()
    {
        Near(0.75, Diversion.Ratio([new(T0, 30, true), new(T0.AddDays(1), 10, false)]), FractionTolerance); // 30 / 40
        Assert.Null(Diversion.Ratio([]));
    }

    [Fact]
    public void The_temperature_register_exports_as_csv()
    {
        var a = SanitisationAssessor.Assess("pile,1", Hourly(1, _ => 55.5), SanitisationRule.UsEpaInVessel);
        var csv = CsvRegisters.CompostTemperatures(a.Register);
        Assert.Equal(
            "time_utc,pile,coolest_probe,coolest_c,probes_reporting,probes_expected,at_or_above_threshold\n" +
            "2026-05-01T00:00:00Z,\"pile,1\",edge,55.5,2,2,true\n" +
            "2026-05-01T01:00:00Z,\"pile,1\",edge,55.5,2,2,true\n", csv);
    }
}
