namespace Lustrac.Energy.Server.Alerts;

/// <summary>One kind of fault: what causes it sees now. A rule that throws keeps its previous causes (see AlertService).</summary>
public interface IAlertRule
{
    Task<IReadOnlyList<AlertCondition>> EvaluateAsync(DateTimeOffset now, CancellationToken ct);
}

/// <summary>A rule over the engine's stored figures: not evaluated before the autonomy calculator has opened its store.</summary>
public interface IReadsStoredFigures;

internal static class AlertText
{
    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 2 ? $"{span.TotalDays:F0} days"
        : span.TotalHours >= 2 ? $"{span.TotalHours:F0} h"
        : $"{Math.Max(1, span.TotalMinutes):F0} min";

    public static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    public static string Percent(double fraction) => (fraction * 100).ToString("F0", System.Globalization.CultureInfo.InvariantCulture) + " %";
}
