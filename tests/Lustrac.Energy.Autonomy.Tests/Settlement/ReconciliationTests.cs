using Lustrac.Energy.Autonomy.Settlement;
using Lustrac.Energy.Autonomy.Settlement.Reconciliation;
using static Lustrac.Energy.Autonomy.Tests.Settlement.SettlementCase;

namespace Lustrac.Energy.Autonomy.Tests.Settlement;

public class ReconciliationTests
{
    private static IReadOnlyList<ReconciliationMonth> Reconcile(string file, IReadOnlyList<SettlementStep> own) =>
        Reconciler.Compare(OperatorFileReader.Read(file, Paris), own, Participants, Grid, Paris);

    [Fact]
    public void Known_differences_in_known_steps_are_reported_exactly()
    {
        // Our default-dynamic settlement (AccSettlementGoldenTests): A 0.24691/0.24691, 0.5/0.5, 1.5/0.75, 0.4/0;
        // B 1.75309/1.75309, 1.0/1.0, 0.5/0.25, 0.6/0 (consumption/autoconsumed). The operator's file, unsorted, A's
        // first step in three 10-min lines (0.08 + 0.08 + 0.08691 = 0.24691), differs in two places:
        // A at 12:30 local: consumption 0.6 and autoconsumed 0.6 (ours 0.5 and 0.5): +0.1 and +0.1;
        // B at 13:00 local: autoconsumed 0.2 (ours 0.25): −0.05, same consumption.
        const string file = """
            participant;debut;duree_min;consommation_kwh;autoconsomme_kwh
            B;2026-06-15T13:30:00+02:00;30;0,6;0
            A;2026-06-15T12:10:00+02:00;10;0,08;0,08
            A;2026-06-15T12:30:00+02:00;30;0,6;0,6
            B;2026-06-15T12:00:00+02:00;30;1,75309;1,75309
            A;2026-06-15T12:00:00+02:00;10;0,08;0,08
            B;2026-06-15T13:00:00+02:00;30;0,5;0,2
            A;2026-06-15T13:00:00+02:00;30;1,5;0,75
            A;2026-06-15T12:20:00+02:00;10;0.08691;0.08691
            B;2026-06-15T12:30:00+02:00;30;1,0;1,0
            A;2026-06-15T13:30:00+02:00;30;0,4;0
            """;
        var r = Reconcile(file, Settle(SettlementKey.DefaultDynamic));
        Assert.Equal(2, r.Count);
        var a = r[0];
        Assert.Equal(("A", 2026, 6), (a.Household, a.Year, a.Month));
        Assert.Equal(0.1, a.ConsumptionDifference, 9);
        Assert.Equal(0.1, a.AutoconsumedDifference!.Value, 9);
        var step = Assert.Single(a.Steps);
        Assert.Equal(S1.AddMinutes(30), step.StartUtc);
        Assert.Equal(0.1, step.ConsumptionDifference!.Value, 9);
        var b = r[1];
        Assert.Equal(0, b.ConsumptionDifference, 9);
        Assert.Equal(-0.05, b.AutoconsumedDifference!.Value, 9);
        step = Assert.Single(b.Steps);
        Assert.Equal(S1.AddMinutes(60), step.StartUtc);
        Assert.Equal(0, step.ConsumptionDifference!.Value, 9);
        Assert.Equal(-0.05, step.AutoconsumedDifference!.Value, 9);
    }

    [Fact]
    public void The_October_day_of_25_hours_with_mixed_steps_finds_the_difference_in_the_second_two_oclock()
    {
        // Ours: every step of 25 Oct 2026 local (22:00Z on the 24th to 23:00Z on the 25th: 25 h = 50 steps) A consumes
        // 0.3, B 0.3, nothing produced. The operator gives the repeated hour 02:00–03:00 in 10-min lines of 0.1 with
        // their offsets, the rest in 30-min lines, in reverse order, and A's 02:10+01:00 (= 01:10Z) as 0.15:
        // the step of 01:00Z reads 0.35 against 0.3 (+0.05); the month, 50 × 0.3 + 0.05 = 15.05 against 15.0.
        var from = new DateTime(2026, 10, 24, 22, 0, 0, DateTimeKind.Utc);
        var own = AccSettlement.Settle([.. Enumerable.Range(0, 50).Select(i => new SettlementInput(from.AddMinutes(30 * i), 0, [0.3, 0.3]))], SettlementKey.DefaultDynamic, 2);
        var lines = new List<string>();
        foreach (var p in Participants)
            for (var t = from; t < from.AddHours(25); t = t.AddMinutes(30))
            {
                var local = new DateTimeOffset(t).ToOffset(Paris.GetUtcOffset(t));
                if (local.Hour == 2)
                    for (int k = 0; k < 3; k++)
                    {
                        var sub = local.AddMinutes(10 * k);
                        var kwh = p == "A" && sub.UtcDateTime == new DateTime(2026, 10, 25, 1, 10, 0) ? "0,15" : "0,1";
                        lines.Add($"{p};{sub:yyyy-MM-ddTHH:mm:sszzz};10;{kwh};0");
                    }
                else lines.Add($"{p};{local:yyyy-MM-ddTHH:mm:sszzz};30;0,3;0");
            }
        lines.Reverse();
        var r = Reconcile("participant;debut;duree_min;consommation_kwh;autoconsomme_kwh\n" + string.Join("\n", lines), own);
        var a = r.Single(m => m.Household == "A");
        Assert.Equal((2026, 10), (a.Year, a.Month));
        Assert.Equal(15.05, a.OperatorConsumption, 9);
        Assert.Equal(15.0, a.OwnConsumption, 9);
        var step = Assert.Single(a.Steps);
        Assert.Equal(new DateTime(2026, 10, 25, 1, 0, 0, DateTimeKind.Utc), step.StartUtc);
        Assert.Equal(0.05, step.ConsumptionDifference!.Value, 9);
        Assert.Empty(r.Single(m => m.Household == "B").Steps);
    }

    [Fact]
    public void The_March_day_of_23_hours_in_local_times_without_offset_matches_exactly()
    {
        // 29 March 2026 local: 23:00Z on the 28th to 22:00Z on the 29th, 46 steps; 02:00–03:00 does not exist.
        var from = new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc);
        var own = AccSettlement.Settle([.. Enumerable.Range(0, 46).Select(i => new SettlementInput(from.AddMinutes(30 * i), 0, [0.2, 0.1]))], SettlementKey.DefaultDynamic, 2);
        var lines = Enumerable.Range(0, 46).Select(i => TimeZoneInfo.ConvertTimeFromUtc(from.AddMinutes(30 * i), Paris))
            .Select(l => $"A;{l:yyyy-MM-ddTHH:mm};30;0,2;0");
        var r = Reconcile("participant;debut;duree_min;consommation_kwh;autoconsomme_kwh\n" + string.Join("\n", lines), own);
        Assert.Equal(46 * 0.2, r[0].OperatorConsumption, 9);
        Assert.Equal(0, r[0].ConsumptionDifference, 9);
        Assert.Empty(r[0].Steps);
    }

    [Fact]
    public void Monthly_quantities_give_the_month_difference_without_steps()
    {
        // Ours, B in June: 1.75309 + 1.0 + 0.5 + 0.6 = 3.85309; the operator says 3.9 → +0.04691.
        var r = Reconcile("participant;debut;duree_min;consommation_kwh;autoconsomme_kwh\nB;2026-06;;3,9;3", Settle(SettlementKey.DefaultDynamic));
        Assert.True(r[0].MonthlyQuantitiesOnly);
        Assert.Equal(0.04691, r[0].ConsumptionDifference, 9);
        Assert.Empty(r[0].Steps);
    }

    [Theory]
    [InlineData("A;2026-10-25T02:30;30;1;0", "line 2, column 'debut': 2026-10-25T02:30 happens twice")]
    [InlineData("A;2026-03-29T02:30;30;1;0", "line 2, column 'debut': 2026-03-29T02:30 does not exist")]
    [InlineData("Z;2026-06-15T12:00:00+02:00;30;1;0", "line 2, column 'participant': 'Z' is not a household")]
    [InlineData("A;2026-06-15T12:00:00+02:00;45;1;0", "line 2, column 'duree_min': '45'")]
    [InlineData("A;2026-06-15T12:00:00+02:00;30;-1;0", "line 2, column 'consommation_kwh': '-1'")]
    [InlineData("A;2026-06-15T12:20:00+02:00;30;1;0", "line 2: 30 min from 2026-06-15 10:20 UTC spans two 30-min settlement steps")]
    public void Bad_operator_lines_are_refused_naming_the_line_and_column(string line, string message)
    {
        var e = Assert.Throws<OperatorFileException>(() => Reconcile("participant;debut;duree_min;consommation_kwh;autoconsomme_kwh\n" + line, Settle(SettlementKey.DefaultDynamic)));
        Assert.Contains(message, e.Message);
    }
}
