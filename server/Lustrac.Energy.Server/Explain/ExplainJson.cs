using Lustrac.Energy.Autonomy.Export;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;
using Lustrac.Energy.Server.Api;
using Lustrac.Energy.Server.Api.Autonomy;

namespace Lustrac.Energy.Server.Explain;

/// <summary>An explanation on the wire (JSON for the page) and as a handout (CSV with the project's conventions: one row per stored row, then the sums).</summary>
public static class ExplainJson
{
    public static object Of(Explanation e, SitePlan plan) => new
    {
        site = plan.SiteId,
        figure = e.Figure,
        scope = e.Scope,
        household = e.Household,
        subject = e.Subject,
        from = AutonomyQuery.Format(e.FromUtc),
        to = AutonomyQuery.Format(e.ToUtc),
        interval_minutes = plan.IntervalMinutes,
        time_zone = plan.Zone.Id, // the page writes the rows' times in the site's zone
        definition = new { fr = e.Definition.Fr, en = e.Definition.En },
        formula = e.Formula,
        unit = e.Unit,
        columns = e.Columns,
        rows = e.Rows.Select(r => Row(e, r)),
        sums = e.Sums,
        value = e.Value,
        filled = e.Filled,
        // Households whose columns this viewer may not see (no consent to fine data, or not its own): counted, not named.
        hidden_households = e.Hidden,
    };

    private static Dictionary<string, object?> Row(Explanation e, ExplainRow r)
    {
        var row = new Dictionary<string, object?>(StringComparer.Ordinal) { ["start"] = AutonomyQuery.Format(r.StartUtc), ["quality"] = r.Quality };
        for (int i = 0; i < e.Columns.Count; i++) row[e.Columns[i]] = r.Values[i];
        return row;
    }

    /// <summary>start_utc, quality (or status), the columns; a last row "sum" with the sums shown under the table.</summary>
    public static string Csv(Explanation e)
    {
        var sumRow = new ExplainRow(DateTime.MinValue, "sum", [.. e.Columns.Select(c => e.Sums.GetValueOrDefault(c))]);
        var columns = new List<(string, Func<ExplainRow, object?>)>
        {
            ("start_utc", r => ReferenceEquals(r, sumRow) ? null : r.StartUtc),
            ("quality", r => r.Quality),
        };
        for (int i = 0; i < e.Columns.Count; i++)
        {
            int c = i;
            columns.Add((e.Columns[c], r => r.Values[c]));
        }
        return Lustrac.Energy.Autonomy.Export.Csv.Write(e.Rows.Append(sumRow), columns);
    }
}
