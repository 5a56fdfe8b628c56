using Lustrac.Energy.Autonomy.Settlement;
using static Lustrac.Energy.Autonomy.Tests.Settlement.SettlementCase;

namespace Lustrac.Energy.Autonomy.Tests.Settlement;

public class AccSettlementGoldenTests
{
    private const double Tol = 1e-9;

    private static void Expect(SettlementStep s, double surplus, params (double Coef, double Auto, double Complement)[] p)
    {
        Assert.NotNull(s.Participants);
        for (int h = 0; h < p.Length; h++)
        {
            Assert.Equal(p[h].Coef, s.Participants![h].Coefficient, Tol);
            Assert.Equal(p[h].Auto, s.Participants[h].Autoconsumed, Tol);
            Assert.Equal(p[h].Complement, s.Participants[h].Complement, Tol);
        }
        Assert.Equal(surplus, s.Surplus!.Value, Tol);
    }

    [Fact]
    public void Static_key_caps_each_share_at_consumption_and_leaves_the_rest_as_surplus()
    {
        // Shares A 40 %, B 60 %. autoconsumed = min(share × production, consumption):
        // s1: A min(0.8, 0.24691) = 0.24691, B min(1.2, 1.75309) = 1.2 → complement B 0.55309, surplus 2 − 1.44691 = 0.55309
        // s2: A min(1.2, 0.5) = 0.5, B min(1.8, 1.0) = 1.0 → surplus 1.5
        // s3: A min(0.4, 1.5) = 0.4 (complement 1.1), B min(0.6, 0.5) = 0.5 → surplus 0.1 (not given to A: static key)
        // s4: nothing produced → complements 0.4 and 0.6
        var s = Settle(new SettlementKey(SettlementKeyKind.Static, [0.4, 0.6]));
        Expect(s[0], 0.55309, (0.4, 0.24691, 0), (0.6, 1.2, 0.55309));
        Expect(s[1], 1.5, (0.4, 0.5, 0), (0.6, 1.0, 0));
        Expect(s[2], 0.1, (0.4, 0.4, 1.1), (0.6, 0.5, 0));
        Expect(s[3], 0, (0.4, 0, 0.4), (0.6, 0, 0.6));
    }

    [Fact]
    public void Default_dynamic_key_is_pro_rata_of_consumption_and_its_coefficients_are_rounded_down_below_100_percent()
    {
        // s1: Σ consumption 2.0 = production → each gets its consumption, surplus 0.
        //     coefficients 0.24691/2 = 12.3455 % → 12.345 %, 1.75309/2 = 87.6545 % → 87.654 % (sum 99.999 %, to nearest 100.001 %)
        // s2: 1.5 ≤ 3.0 → 0.5 and 1.0, surplus 1.5; coefficients 1/3 = 33.333 %, 2/3 = 66.666 %
        // s3: 2.0 > 1.0 → A 1.0 × 1.5/2 = 0.75 (complement 0.75), B 0.25 (complement 0.25); coefficients 75 %, 25 %
        // s4: nothing produced; coefficients 0.4/1.0 = 40 %, 60 %
        var s = Settle(SettlementKey.DefaultDynamic);
        Expect(s[0], 0, (0.12345, 0.24691, 0), (0.87654, 1.75309, 0));
        Expect(s[1], 1.5, (0.33333, 0.5, 0), (0.66666, 1.0, 0));
        Expect(s[2], 0, (0.75, 0.75, 0.75), (0.25, 0.25, 0.25));
        Expect(s[3], 0, (0.4, 0, 0.4), (0.6, 0, 0.6));
        Assert.All(s, step => Assert.True(step.Participants!.Sum(p => p.Coefficient) <= 1));
    }

    [Fact]
    public void Dynamic_key_with_weights_is_settled_from_the_rounded_coefficients_the_operator_receives()
    {
        // Weights A 2, B 1. The cooperative's allocation, then coefficient = allocation / production rounded down to
        // 0.001 %, then the operator's autoconsumed = min(coefficient × production, consumption):
        // s1: Σ consumption = production, both served: 0.24691/2 = 12.3455 % → 12.345 %, 87.6545 % → 87.654 %;
        //     operator: A 0.12345 × 2 = 0.2469, B 0.87654 × 2 = 1.75308; surplus 2 − 1.99998 = 0.00002 (the rounding down)
        // s2: 2×0.5 : 1×1.0 = 1:1 → 1.5 each, capped: 0.5 and 1.0; 0.5/3 = 16.6667 % → 16.666 %, 1/3 → 33.333 %;
        //     operator: 0.49998 and 0.99999; surplus 3 − 1.49997 = 1.50003
        // s3: 2×1.5 : 1×0.5 = 3 : 0.5 → A 1 × 3/3.5 = 0.857142…, B 0.142857… (both below consumption);
        //     85.7142 % → 85.714 %, 14.2857 % → 14.285 %; operator 0.85714 and 0.14285; surplus 0.00001
        // s4: nothing produced: coefficients weight × consumption shares 0.8/1.4 = 57.142 %, 0.6/1.4 = 42.857 %
        var s = Settle(new SettlementKey(SettlementKeyKind.Dynamic, [2, 1]));
        Expect(s[0], 0.00002, (0.12345, 0.2469, 0.00001), (0.87654, 1.75308, 0.00001));
        Expect(s[1], 1.50003, (0.16666, 0.49998, 0.00002), (0.33333, 0.99999, 0.00001));
        Expect(s[2], 0.00001, (0.85714, 0.85714, 0.64286), (0.14285, 0.14285, 0.35715));
        Expect(s[3], 0, (0.57142, 0, 0.4), (0.42857, 0, 0.6));
    }

    [Fact]
    public void A_missing_meter_leaves_the_step_unsettled_rather_than_guessed()
    {
        var s = AccSettlement.Settle([new(S1, 1.0, [0.5, null])], SettlementKey.DefaultDynamic, 2);
        Assert.False(s[0].IsSettled);
        Assert.Null(s[0].Surplus);
    }

    [Fact]
    public void Bad_keys_are_refused_naming_what_is_wrong()
    {
        var e = Assert.Throws<ArgumentException>(() => Settle(new SettlementKey(SettlementKeyKind.Static, [0.6, 0.6])));
        Assert.Contains("120 % > 100 %", e.Message);
        e = Assert.Throws<ArgumentException>(() => Settle(new SettlementKey(SettlementKeyKind.Dynamic, [1])));
        Assert.Contains("one coefficient per household (2)", e.Message);
        e = Assert.Throws<ArgumentException>(() => new StepGrid(30, 20));
        Assert.Contains("multiple of the site's interval (20 min)", e.Message);
    }
}
