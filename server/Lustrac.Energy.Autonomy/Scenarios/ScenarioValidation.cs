using System.Globalization;

namespace Lustrac.Energy.Autonomy.Scenarios;

/// <summary>One thing wrong with a scenario, in English (the API's <c>error</c>) and in French (the working group's page).</summary>
public sealed record ScenarioProblem(string En, string Fr)
{
    public override string ToString() => En;

    /// <summary>A number as French writes it (decimal comma), whatever the server's culture.</summary>
    public static string French(double x) => x.ToString(CultureInfo.InvariantCulture).Replace('.', ',');
}

/// <summary>Checks a scenario against the site before any computation; each problem names the field and what is wrong.</summary>
public static class ScenarioValidation
{
    public static IReadOnlyList<string> Problems(ScenarioChanges c, IReadOnlyCollection<string> arrayIds, IReadOnlyCollection<string> householdIds) =>
        Explained(c, arrayIds, householdIds).Select(p => p.En).ToArray();

    public static IReadOnlyList<ScenarioProblem> Explained(ScenarioChanges c, IReadOnlyCollection<string> arrayIds, IReadOnlyCollection<string> householdIds)
    {
        var p = new List<ScenarioProblem>();
        void Need(bool ok, string en, string fr) { if (!ok) p.Add(new(en, fr)); }
        static bool Finite(double x) => double.IsFinite(x);
        static string F(double x) => ScenarioProblem.French(x);
        foreach (var (s, i) in (c.ScaledArrays ?? []).Select((s, i) => (s, i)))
        {
            Need(arrayIds.Contains(s.ArrayId), $"scaledArrays[{i}].arrayId: no shared array '{s.ArrayId}' (known: {string.Join(", ", arrayIds)}).",
                $"Centrale agrandie n° {i + 1} : pas de centrale partagée « {s.ArrayId} » (connues : {string.Join(", ", arrayIds)}).");
            Need(Finite(s.Factor) && s.Factor >= 0 && s.Factor <= 100, $"scaledArrays[{i}].factor: {s.Factor} must be between 0 and 100.",
                $"Centrale agrandie n° {i + 1} : le facteur {F(s.Factor)} doit être entre 0 et 100.");
        }
        foreach (var (a, i) in (c.AddedArrays ?? []).Select((a, i) => (a, i)))
        {
            Need(Finite(a.PeakKw) && a.PeakKw > 0 && a.PeakKw <= 10_000, $"addedArrays[{i}].peakKw: {a.PeakKw} must be above 0 and at most 10000 kWp.",
                $"Nouvelle centrale n° {i + 1} : la puissance {F(a.PeakKw)} kWc doit être au-dessus de 0 et au plus 10 000 kWc.");
            Need(Finite(a.TiltDeg) && a.TiltDeg is >= 0 and <= 90, $"addedArrays[{i}].tiltDeg: {a.TiltDeg} must be between 0 and 90°.",
                $"Nouvelle centrale n° {i + 1} : l'inclinaison {F(a.TiltDeg)}° doit être entre 0 et 90°.");
            Need(Finite(a.AzimuthDeg) && a.AzimuthDeg is >= 0 and <= 360, $"addedArrays[{i}].azimuthDeg: {a.AzimuthDeg} must be between 0 and 360° (180 = south).",
                $"Nouvelle centrale n° {i + 1} : l'orientation {F(a.AzimuthDeg)}° doit être entre 0 et 360° (180 = plein sud).");
        }
        foreach (var (b, i) in (c.Batteries ?? []).Select((b, i) => (b, i)))
        {
            Need(Finite(b.CapacityKwh) && b.CapacityKwh > 0, $"batteries[{i}].capacityKwh: {b.CapacityKwh} must be above 0.",
                $"Batterie n° {i + 1} : la capacité {F(b.CapacityKwh)} kWh doit être au-dessus de 0.");
            Need(Finite(b.PowerKw) && b.PowerKw > 0, $"batteries[{i}].powerKw: {b.PowerKw} must be above 0.",
                $"Batterie n° {i + 1} : la puissance {F(b.PowerKw)} kW doit être au-dessus de 0.");
            Need(Finite(b.RoundTripEfficiency) && b.RoundTripEfficiency > 0 && b.RoundTripEfficiency <= 1,
                $"batteries[{i}].roundTripEfficiency: {b.RoundTripEfficiency} must be a fraction above 0 and at most 1 (0.9 = 90 %).",
                $"Batterie n° {i + 1} : le rendement {F(b.RoundTripEfficiency * 100)} % doit être au-dessus de 0 et au plus 100 %.");
            Need(Finite(b.MinStateOfCharge) && b.MinStateOfCharge >= 0 && b.MinStateOfCharge < 1,
                $"batteries[{i}].minStateOfCharge: {b.MinStateOfCharge} must be a fraction from 0 to below 1.",
                $"Batterie n° {i + 1} : la charge minimale {F(b.MinStateOfCharge * 100)} % doit être de 0 à moins de 100 %.");
            Need(b.Household is null || householdIds.Contains(b.Household), $"batteries[{i}].household: no household '{b.Household}'.",
                $"Batterie n° {i + 1} : pas de foyer « {b.Household} ».");
        }
        if (c.Tank is { } t)
        {
            Need(Finite(t.ExtraCapacityL) && t.ExtraCapacityL >= 0, $"tank.extraCapacityL: {t.ExtraCapacityL} must be 0 or more litres.",
                $"Cuve : le volume ajouté {F(t.ExtraCapacityL)} L doit être de 0 ou plus.");
            Need(Finite(t.ExtraRoofAreaM2) && t.ExtraRoofAreaM2 >= 0, $"tank.extraRoofAreaM2: {t.ExtraRoofAreaM2} must be 0 or more m².",
                $"Cuve : la toiture ajoutée {F(t.ExtraRoofAreaM2)} m² doit être de 0 ou plus.");
            Need(Finite(t.MainsShareForRainUses) && t.MainsShareForRainUses is >= 0 and <= 1, $"tank.mainsShareForRainUses: {t.MainsShareForRainUses} must be a fraction from 0 to 1.",
                $"Cuve : la part de l'eau du réseau remplaçable {F(t.MainsShareForRainUses * 100)} % doit être de 0 à 100 %.");
            Need(Finite(t.RunoffCoefficient) && t.RunoffCoefficient is >= 0 and <= 1, $"tank.runoffCoefficient: {t.RunoffCoefficient} must be a fraction from 0 to 1.",
                $"Cuve : le coefficient de ruissellement {F(t.RunoffCoefficient)} doit être de 0 à 1.");
        }
        if (c.LoadShift is { } l)
        {
            Need(Finite(l.Share) && l.Share is >= 0 and <= 1, $"loadShift.share: {l.Share} must be a fraction from 0 to 1.",
                $"Usages déplacés : la part {F(l.Share * 100)} % doit être de 0 à 100 %.");
            Need(Finite(l.MaxKwhPerInterval) && l.MaxKwhPerInterval >= 0, $"loadShift.maxKwhPerInterval: {l.MaxKwhPerInterval} must be 0 or more kWh.",
                $"Usages déplacés : le plafond {F(l.MaxKwhPerInterval)} kWh par pas doit être de 0 ou plus.");
        }
        if (c.Allocation is { } rule)
        {
            try { rule.Validate(householdIds.Count); }
            catch (ArgumentException e) { p.Add(new($"allocation: {e.Message}", $"Clé de répartition : elle ne convient pas à ce site ({e.Message}).")); }
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
