namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// The "good time to run appliances" signal in words a resident can act on: <c>good</c> (the sun covers the
/// neighbourhood's load), <c>wait</c> (it produces, but less than the load), <c>no_sun</c> (the arrays give next to
/// nothing: night or heavy cloud, so "wait for the sun" would mean tomorrow; a forecast of the next window is the
/// working group's to come), <c>unknown</c> (no fresh production or load).
/// </summary>
public static class ScreenSignal
{
    public const string Good = "good", Wait = "wait", NoSun = "no_sun", Unknown = "unknown";

    /// <summary>Below this share of the site's peak power, the arrays count as not producing.</summary>
    public const double NoSunFractionOfPeak = 0.02;

    public static string Of(double? productionW, int loadsKnown, double loadW, double peakW)
    {
        if (productionW is not { } produced || loadsKnown == 0) return Unknown;
        if (produced > loadW) return Good;
        return produced < NoSunFractionOfPeak * peakW ? NoSun : Wait;
    }
}
