namespace Lustrac.Energy.Autonomy.Settlement.Reconciliation;

/// <summary>
/// One line of the operator's file: a participant's energy over [StartUtc, StartUtc + Minutes) from a load curve, or,
/// when <see cref="Month"/> is set, its monthly quantities. <see cref="Autoconsumed"/> is null when the file gives
/// consumption only.
/// </summary>
public sealed record OperatorRecord(int Line, string Participant, DateTime StartUtc, int Minutes, double Consumption, double? Autoconsumed,
    (int Year, int Month)? Month = null)
{
    public bool IsMonthly => Month is not null;
}

/// <summary>A problem in the operator's file, naming the line and column so the treasurer can find it.</summary>
public sealed class OperatorFileException(string message) : Exception(message);
