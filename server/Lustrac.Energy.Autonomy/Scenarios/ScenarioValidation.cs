namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>Checks a scenario against the site before any computation; each problem names the field and what is wrong.</summary>
public static class ScenarioValidation
{
    public static IReadOnlyList<string> Problems(ScenarioChanges c, IReadOnlyCollection<string> arrayIds, IReadOnlyCollection<string> householdIds)
    {
        var p = new List<string>();
        void Need(bool ok, string message) { if (!ok) p.Add(message); }
        static bool Finite(double x) => double.IsFinite(x);
        foreach (var (s, i) in (c.ScaledArrays ?? []).Select((s, i) => (s, i)))
        {
            Need(arrayIds.Contains(s.ArrayId), $"scaledArrays[{i}].arrayId: no shared array '{s.ArrayId}' (known: {string.Join(", ", arrayIds)}).");
            Need(Finite(s.Factor) && s.Factor >= 0 && s.Factor <= 100, $"scaledArrays[{i}].factor: {s.Factor} must be between 0 and 100.");
        }
        foreach (var (a, i) in (c.AddedArrays ?? []).Select((a, i) => (a, i)))
        {
            Need(Finite(a.PeakKw) && a.PeakKw > 0 && a.PeakKw <= 10_000, $"addedArrays[{i}].peakKw: {a.PeakKw} must be above 0 and at most 10000 kWp.");
            Need(Finite(a.TiltDeg) && a.TiltDeg is >= 0 and <= 90, $"addedArrays[{i}].tiltDeg: {a.TiltDeg} must be between 0 and 90°.");
            Need(Finite(a.AzimuthDeg) && a.AzimuthDeg is >= 0 and <= 360, $"addedArrays[{i}].azimuthDeg: {a.AzimuthDeg} must be between 0 and 360° (180 = south).");
        }
        foreach (var (b, i) in (c.Batteries ?? []).Select((b, i) => (b, i)))
        {
            Need(Finite(b.CapacityKwh) && b.CapacityKwh > 0, $"batteries[{i}].capacityKwh: {b.CapacityKwh} must be above 0.");
            Need(Finite(b.PowerKw) && b.PowerKw > 0, $"batteries[{i}].powerKw: {b.PowerKw} must be above 0.");
            Need(Finite(b.RoundTripEfficiency) && b.RoundTripEfficiency > 0 && b.RoundTripEfficiency <= 1,
                $"batteries[{i}].roundTripEfficiency: {b.RoundTripEfficiency} must be a fraction above 0 and at most 1 (0.9 = 90 %).");
            Need(Finite(b.MinStateOfCharge) && b.MinStateOfCharge >= 0 && b.MinStateOfCharge < 1,
                $"batteries[{i}].minStateOfCharge: {b.MinStateOfCharge} must be a fraction from 0 to below 1.");
            Need(b.Household is null || householdIds.Contains(b.Household), $"batteries[{i}].household: no household '{b.Household}'.");
        }
        if (c.Tank is { } t)
        {
            Need(Finite(t.ExtraCapacityL) && t.ExtraCapacityL >= 0, $"tank.extraCapacityL: {t.ExtraCapacityL} must be 0 or more litres.");
            Need(Finite(t.ExtraRoofAreaM2) && t.ExtraRoofAreaM2 >= 0, $"tank.extraRoofAreaM2: {t.ExtraRoofAreaM2} must be 0 or more m².");
            Need(Finite(t.MainsShareForRainUses) && t.MainsShareForRainUses is >= 0 and <= 1, $"tank.mainsShareForRainUses: {t.MainsShareForRainUses} must be a fraction from 0 to 1.");
            Need(Finite(t.RunoffCoefficient) && t.RunoffCoefficient is >= 0 and <= 1, $"tank.runoffCoefficient: {t.RunoffCoefficient} must be a fraction from 0 to 1.");
        }
        if (c.LoadShift is { } l)
        {
            Need(Finite(l.Share) && l.Share is >= 0 and <= 1, $"loadShift.share: {l.Share} must be a fraction from 0 to 1.");
            Need(Finite(l.MaxKwhPerInterval) && l.MaxKwhPerInterval >= 0, $"loadShift.maxKwhPerInterval: {l.MaxKwhPerInterval} must be 0 or more kWh.");
        }
        if (c.Allocation is { } rule)
        {
            try { rule.Validate(householdIds.Count); }
            catch (ArgumentException e) { p.Add($"allocation: {e.Message}"); }
        }
        return p;
    }

    public static void ThrowIfInvalid(ScenarioHistory h, ScenarioChanges c)
    {
        var problems = Problems(c, h.Arrays.Select(a => a.Id).ToArray(), h.Households.Select(x => x.HouseholdId).ToArray());
        if (problems.Count > 0) throw new ArgumentException("Scenario: " + string.Join(" ", problems));
        if (c.Tank is not null && h.Water is null) throw new ArgumentException("Scenario: tank: this history has no water data to replay.");
    }
}
