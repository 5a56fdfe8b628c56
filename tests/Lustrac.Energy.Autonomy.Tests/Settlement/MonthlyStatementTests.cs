using System.Text;
using Lustrac.Energy.Autonomy.Settlement;
using static Lustrac.Energy.Autonomy.Tests.Settlement.SettlementCase;

namespace Lustrac.Energy.Autonomy.Tests.Settlement;

public class MonthlyStatementTests
{
    [Fact]
    public void A_statement_sums_the_settled_steps_of_the_local_month_and_values_the_local_kWh()
    {
        // Static key (A 40 %): A consumed 0.24691 + 0.5 + 1.5 + 0.4 = 2.64691, autoconsumed 0.24691 + 0.5 + 0.4 = 1.14691,
        // complement 1.5. At 0.12 €/kWh: 1.14691 × 0.12 = 0.137629 €; at 0.10 Abeille/kWh: 0.114691.
        // June has 30 days × 48 steps = 1440; 4 are settled.
        var steps = Settle(new SettlementKey(SettlementKeyKind.Static, [0.4, 0.6]));
        var s = MonthlyStatement.Of("A", 0, 2026, 6, steps, Grid, Paris, new SettlementPrices(0.12, 0.10));
        Assert.Equal(2.64691, s.Consumption, 9);
        Assert.Equal(1.14691, s.Autoconsumed, 9);
        Assert.Equal(1.5, s.Complement, 9);
        Assert.Equal(0.1376292, s.StayedEur!.Value, 9);
        Assert.Equal(0.114691, s.StayedAbeilles!.Value, 9);
        Assert.Equal((4, 1440), (s.StepsSettled, s.Steps));

        var bytes = StatementCsv.Bytes(s);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal("foyer;jour;consommation_kwh;autoconsomme_kwh;complement_kwh;pas_regles;pas_du_jour", lines[0]);
        Assert.Equal("A;15/06/2026;2,647;1,147;1,500;4;48", lines[15]);
        Assert.Equal("A;total 06/2026;2,647;1,147;1,500;4;1440", lines[31]);
        Assert.Equal("A;reste_dans_le_quartier_eur;0,14", lines[32]);
        Assert.Equal("A;reste_dans_le_quartier_abeilles;0,11", lines[33]);
    }

    [Fact]
    public void The_days_the_clocks_change_have_46_and_50_half_hour_steps()
    {
        // 29 March 2026: 23 h → 46 steps; 25 October 2026: 25 h → 50 steps; other days 48.
        var march = MonthlyStatement.Of("A", 0, 2026, 3, [], Grid, Paris, SettlementPrices.None);
        var october = MonthlyStatement.Of("A", 0, 2026, 10, [], Grid, Paris, SettlementPrices.None);
        Assert.Equal(46, march.Days[28].Steps);
        Assert.Equal(48, march.Days[27].Steps);
        Assert.Equal(50, october.Days[24].Steps);
        Assert.Equal(31 * 48 - 2, march.Steps);
        Assert.Null(march.StayedEur);
    }

    [Fact]
    public void Fifteen_minute_intervals_add_up_to_half_hour_steps_and_a_missing_one_leaves_the_step_unknown()
    {
        var t = S1;
        var sums = Grid.Sum([(t, 0.1), (t.AddMinutes(15), 0.2), (t.AddMinutes(30), 0.3), (t.AddMinutes(45), null), (t.AddMinutes(60), 0.4)]);
        Assert.Equal(0.3, sums[t]!.Value, 12); // 0.1 + 0.2
        Assert.Null(sums[t.AddMinutes(30)]);     // second quarter missing
        Assert.Null(sums[t.AddMinutes(60)]);     // only one of its two intervals present
    }
}
