using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.TankLevel;

/// <summary>
/// Nature: a level sensor — <c>tank_level</c> (m of water above the tank bottom, gauge) and <c>tank_volume</c>
/// (L, gauge). A depth below 0 or above the tank's height (beyond the sensors' ±2 cm accuracy) is impossible:
/// both readings are flagged <c>bad</c>, so they are kept for the record but never used in figures.
/// </summary>
public static class TankReadings
{
    /// <summary>Sensor accuracy (JSN-SR04T ±1 cm; hydrostatic ±0.25–0.5 % of span): within this a depth is clamped, not refused.</summary>
    public const double ToleranceM = 0.02;

    public static IReadOnlyList<Reading> From(double depthM, TankGeometry tank, ReadingQuality sensorQuality)
    {
        var quality = sensorQuality;
        var depth = depthM;
        if (depthM < -ToleranceM || depthM > tank.FullDepthM + ToleranceM) quality = ReadingQuality.Bad;
        else depth = Math.Clamp(depthM, 0, tank.FullDepthM);
        // The geometry clamps a bad depth too, so even a reading kept for the record never claims more than the tank.
        var volume = tank.VolumeLitres(depth);
        return
        [
            new Reading(QuantityVocabulary.TankLevel.Name, Math.Round(depth, 4), QuantityVocabulary.TankLevel.Unit, quality),
            new Reading(QuantityVocabulary.TankVolume.Name, Math.Round(volume, 1), QuantityVocabulary.TankVolume.Unit, quality),
        ];
    }
}
