using System.Globalization;
using Lustrac.Energy.Autonomy.Settlement.Reconciliation;

namespace Lustrac.Energy.Server.Settlement;

/// <summary>The reconciliation as plain lines for a terminal: a line per household and month, then the steps that explain it.</summary>
public static class ReconciliationText
{
    public static IEnumerable<string> Lines(IReadOnlyList<ReconciliationMonth> months, TimeZoneInfo zone)
    {
        foreach (var m in months)
        {
            yield return $"{m.Household} {m.Year:0000}-{m.Month:00}: consumption operator {K(m.OperatorConsumption)} kWh, ours {K(m.OwnConsumption)} kWh, " +
                $"difference {S(m.ConsumptionDifference)} kWh; autoconsumed operator {K(m.OperatorAutoconsumed)} kWh, ours {K(m.OwnAutoconsumed)} kWh, " +
                $"difference {S(m.AutoconsumedDifference)} kWh" + (m.MonthlyQuantitiesOnly ? " (monthly quantities: no steps to show)" : "");
            foreach (var d in m.Steps)
            {
                var local = new DateTimeOffset(d.StartUtc).ToOffset(zone.GetUtcOffset(d.StartUtc));
                yield return $"  {local.ToString("yyyy-MM-dd HH:mm zzz", CultureInfo.InvariantCulture)}: consumption operator {K(d.OperatorConsumption)}, ours {K(d.OwnConsumption)} " +
                    $"({S(d.ConsumptionDifference)}); autoconsumed operator {K(d.OperatorAutoconsumed)}, ours {K(d.OwnAutoconsumed)} ({S(d.AutoconsumedDifference)})" +
                    $" [operator lines: {d.OperatorMinutes} min]";
            }
        }
    }

    private static string K(double? v) => v is double x ? x.ToString("0.000", CultureInfo.InvariantCulture) : "none";
    private static string S(double? v) => v is double x ? x.ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) : "n/a";
}
