using System.Text;
using Lustrac.Energy.Autonomy.Settlement;
using static Lustrac.Energy.Autonomy.Tests.Settlement.SettlementCase;

namespace Lustrac.Energy.Autonomy.Tests.Settlement;

public class KeyFileTests
{
    [Fact]
    public void The_key_file_of_the_golden_case_has_the_hand_computed_lines()
    {
        // Default dynamic coefficients from AccSettlementGoldenTests; 15 June is summer time (UTC+2): 10:00Z = 12:00+02:00.
        var bytes = KeyFile.Bytes(Settle(SettlementKey.DefaultDynamic), Participants, Paris);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.Equal(
        [
            "debut_utc;debut_local;participant;coefficient_pct",
            "2026-06-15T10:00:00Z;2026-06-15T12:00:00+02:00;A;12,345",
            "2026-06-15T10:00:00Z;2026-06-15T12:00:00+02:00;B;87,654",
            "2026-06-15T10:30:00Z;2026-06-15T12:30:00+02:00;A;33,333",
            "2026-06-15T10:30:00Z;2026-06-15T12:30:00+02:00;B;66,666",
            "2026-06-15T11:00:00Z;2026-06-15T13:00:00+02:00;A;75,000",
            "2026-06-15T11:00:00Z;2026-06-15T13:00:00+02:00;B;25,000",
            "2026-06-15T11:30:00Z;2026-06-15T13:30:00+02:00;A;40,000",
            "2026-06-15T11:30:00Z;2026-06-15T13:30:00+02:00;B;60,000",
            "",
        ], lines);
    }

    [Fact]
    public void The_two_local_two_oclocks_of_the_October_change_stay_distinct_by_their_offset()
    {
        // 25 Oct 2026: 00:00Z = 02:00+02:00 (summer), 01:00Z = 02:00+01:00 (winter).
        var t = new DateTime(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc);
        var steps = AccSettlement.Settle([new(t, 0, [1, 1]), new(t.AddHours(1), 0, [1, 3])], SettlementKey.DefaultDynamic, 2);
        var lines = KeyFile.Lines(steps, Participants, Paris).ToArray();
        Assert.Equal("2026-10-25T00:00:00Z;2026-10-25T02:00:00+02:00;A;50,000", lines[1]);
        Assert.Equal("2026-10-25T01:00:00Z;2026-10-25T02:00:00+01:00;A;25,000", lines[3]);
    }

    [Theory]
    [InlineData(0.5, 0.5)]             // exact: 50 000 units even if computed as 49 999.999…
    [InlineData(0.123455, 0.12345)]    // 12 345.5 units → 12 345
    [InlineData(0.999999, 0.99999)]
    [InlineData(0.0, 0.0)]
    public void Coefficients_are_rounded_down_to_a_thousandth_of_a_percent(double exact, double expected) =>
        Assert.Equal(expected, KeyCoefficients.RoundDown(exact), 12);
}
