using Lustrac.Energy.Autonomy.Settlement;

namespace Lustrac.Energy.Autonomy.Tests.Settlement;

/// <summary>
/// The golden case: households A and B, one shared array, four 30-min steps on 15 June 2026 from 10:00 UTC (kWh):
/// <code>
/// step  production  A        B
/// s1    2.0         0.24691  1.75309   Σ consumption = production; pro rata 12.3455 % / 87.6545 %: to nearest 12.346 + 87.655 = 100.001 %
/// s2    3.0         0.5      1.0       production above consumption: surplus
/// s3    1.0         1.5      0.5       production short
/// s4    0.0         0.4      0.6       night
/// </code>
/// </summary>
internal static class SettlementCase
{
    public static readonly string[] Participants = ["A", "B"];
    public static readonly DateTime S1 = new(2026, 6, 15, 10, 0, 0, DateTimeKind.Utc);
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    public static readonly StepGrid Grid = new(30, 15);

    public static SettlementInput[] Inputs() =>
    [
        new(S1, 2.0, [0.24691, 1.75309]),
        new(S1.AddMinutes(30), 3.0, [0.5, 1.0]),
        new(S1.AddMinutes(60), 1.0, [1.5, 0.5]),
        new(S1.AddMinutes(90), 0.0, [0.4, 0.6]),
    ];

    public static IReadOnlyList<SettlementStep> Settle(SettlementKey key) => AccSettlement.Settle(Inputs(), key, 2);
}
