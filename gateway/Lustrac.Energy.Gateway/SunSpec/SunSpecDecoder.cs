using Lustrac.Energy.Gateway.Devices;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Q = Lustrac.Energy.Protocol.Quantities.QuantityVocabulary;

namespace Lustrac.Energy.Gateway.SunSpec;

/// <summary>
/// Point offsets counted from the model's id register, per the SunSpec information models (models 101–103 and
/// 111–113 inverter, 201–204 meter; DOMAIN.md's table). Power factor points are in percent (units "Pct") and
/// travel as a ratio (−1 to 1).
/// </summary>
public static class SunSpecDecoder
{
    /// <summary>SunSpec St (models 101–103 offset 38, 111–113 offset 48): 7 is FAULT.</summary>
    public const int FaultState = 7;

    public static bool IsSupported(ushort modelId) => modelId is >= 101 and <= 103 or >= 111 and <= 113 or >= 201 and <= 204;

    public static IReadOnlyList<Reading> Decode(ushort modelId, ReadOnlySpan<ushort> block)
    {
        var readings = new List<Reading>(8);
        switch (modelId)
        {
            case >= 101 and <= 103:
            {
                var amps = SunSpecPoints.ScaleFactor(block, 6);
                for (var i = 0; i < modelId - 100; i++) Add(readings, PhaseCurrents[i], SunSpecPoints.UInt16(block, 3 + i, amps));
                Add(readings, Q.ActivePower, SunSpecPoints.Int16(block, 14, SunSpecPoints.ScaleFactor(block, 15)));
                Add(readings, Q.Frequency, SunSpecPoints.UInt16(block, 16, SunSpecPoints.ScaleFactor(block, 17)));
                Add(readings, Q.PowerFactor, Percent(SunSpecPoints.Int16(block, 22, SunSpecPoints.ScaleFactor(block, 23))));
                Add(readings, Q.EnergyProduced, WhToKwh(SunSpecPoints.Acc32(block, 24, SunSpecPoints.ScaleFactor(block, 26))));
                Add(readings, Q.InverterState, SunSpecPoints.Enum16(block, 38));
                break;
            }
            case >= 111 and <= 113:
                for (var i = 0; i < modelId - 110; i++) Add(readings, PhaseCurrents[i], SunSpecPoints.Float32(block, 4 + 2 * i));
                Add(readings, Q.ActivePower, SunSpecPoints.Float32(block, 22));
                Add(readings, Q.Frequency, SunSpecPoints.Float32(block, 24));
                Add(readings, Q.PowerFactor, Percent(SunSpecPoints.Float32(block, 30)));
                Add(readings, Q.EnergyProduced, WhToKwh(SunSpecPoints.Float32(block, 32)));
                Add(readings, Q.InverterState, SunSpecPoints.Enum16(block, 48));
                break;
            case >= 201 and <= 204:
            {
                var phases = modelId switch { 201 => 1, 202 => 2, _ => 3 }; // single, split, wye, delta
                var amps = SunSpecPoints.ScaleFactor(block, 6);
                var watts = SunSpecPoints.ScaleFactor(block, 22);
                var pf = SunSpecPoints.ScaleFactor(block, 37);
                var whScale = SunSpecPoints.ScaleFactor(block, 54);
                for (var i = 0; i < phases; i++) Add(readings, PhaseCurrents[i], SunSpecPoints.Int16(block, 3 + i, amps));
                Add(readings, Q.ActivePower, SunSpecPoints.Int16(block, 18, watts));
                for (var i = 0; i < phases; i++) Add(readings, PhasePowers[i], SunSpecPoints.Int16(block, 19 + i, watts));
                Add(readings, Q.Frequency, SunSpecPoints.Int16(block, 16, SunSpecPoints.ScaleFactor(block, 17)));
                Add(readings, Q.PowerFactor, Percent(SunSpecPoints.Int16(block, 33, pf)));
                for (var i = 0; i < phases; i++) Add(readings, PhasePowerFactors[i], Percent(SunSpecPoints.Int16(block, 34 + i, pf)));
                Add(readings, Q.EnergyExport, WhToKwh(SunSpecPoints.Acc32(block, 38, whScale)));
                Add(readings, Q.EnergyImport, WhToKwh(SunSpecPoints.Acc32(block, 46, whScale)));
                break;
            }
            default:
                throw new ArgumentException($"SunSpec model {modelId} is not supported");
        }
        return readings;
    }

    /// <summary>A fault is said in the device's status, so that no production at noon is never read as night.</summary>
    public static string? Condition(IEnumerable<Reading> readings) =>
        readings.Any(r => r.Quantity == Q.InverterState.Name && r.Value == FaultState)
            ? "inverter reports a fault (SunSpec operating state St = 7 FAULT): it is not producing"
            : null;

    private static readonly Quantity[] PhaseCurrents = [Q.CurrentL1, Q.CurrentL2, Q.CurrentL3];
    private static readonly Quantity[] PhasePowers = [Q.ActivePowerL1, Q.ActivePowerL2, Q.ActivePowerL3];
    private static readonly Quantity[] PhasePowerFactors = [Q.PowerFactorL1, Q.PowerFactorL2, Q.PowerFactorL3];

    private static double? WhToKwh(double? wh) => wh / 1000.0;

    private static double? Percent(double? pct) => pct / 100.0;

    private static void Add(List<Reading> readings, Quantity q, double? value)
    {
        if (value is not { } v) return; // not implemented by this device
        if (RoleQuantities.Checked(q, v) is { } reading) readings.Add(reading);
    }
}
