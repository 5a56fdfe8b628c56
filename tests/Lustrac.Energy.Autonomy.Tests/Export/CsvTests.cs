using Lustrac.Energy.Autonomy.Export;
using static Lustrac.Energy.Autonomy.Tests.TestData;

namespace Lustrac.Energy.Autonomy.Tests.Export;

public class CsvTests
{
    [Fact]
    public void Csv_uses_invariant_numbers_utc_iso_times_and_quotes_only_when_needed()
    {
        var rows = new[] { (T: Utc(2026, 3, 29, 1, 15), V: (double?)1234.5, Note: "say \"hi\"") , (T: Utc(2026, 3, 29, 1, 30), V: (double?)null, Note: "plain") };
        var csv = Csv.Write(rows, [("time_utc", r => r.T), ("kwh", r => r.V), ("note", r => r.Note)]);
        Assert.Equal("time_utc,kwh,note\n2026-03-29T01:15:00Z,1234.5,\"say \"\"hi\"\"\"\n2026-03-29T01:30:00Z,,plain\n", csv);
        Assert.Throws<ArgumentException>(() => Csv.Write([DateTime.Now], [("t", t => t)]));
    }
}
