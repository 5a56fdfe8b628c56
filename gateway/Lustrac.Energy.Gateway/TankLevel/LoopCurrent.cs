using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Gateway.TankLevel;

/// <summary>
/// 4–20 mA loop signal levels per NAMUR NE 43: measurement 3.8–20.5 mA; ≤ 3.6 mA or ≥ 21 mA signal a sensor
/// failure (broken wire, dead transmitter, short); between those bands the transmitter is saturated.
/// </summary>
public static class LoopCurrent
{
    public const double FailureLowMa = 3.6;
    public const double MeasureLowMa = 3.8;
    public const double MeasureHighMa = 20.5;
    public const double FailureHighMa = 21.0;

    public static ReadingQuality Judge(double milliamps) => milliamps switch
    {
        < FailureLowMa or > FailureHighMa => ReadingQuality.Bad,
        < MeasureLowMa or > MeasureHighMa => ReadingQuality.Uncertain,
        _ => ReadingQuality.Good,
    };

    /// <summary>Depth of water from a hydrostatic transmitter: (I − 4) / 16 × span, plus the height of the sensor above the bottom.</summary>
    public static double DepthM(double milliamps, double spanM, double offsetM) => (milliamps - 4.0) / 16.0 * spanM + offsetM;
}
