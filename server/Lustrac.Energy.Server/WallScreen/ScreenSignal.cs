namespace Lustrac.Energy.Server.WallScreen;

/// <summary>
/// The "good time to run appliances" signal in words a resident can act on: <c>good</c> (the sun covers the
/// neighbourhood's load), <c>wait</c> (it produces, but less than the load), <c>no_sun</c> (the arrays give next to
/// nothing: night or heavy cloud, so "wait for the sun" would mean tomorrow; a forecast of the next window is the
/// working group's to come), <c>unknown</c> (no fresh production or load). On a household's screen the signal is
/// the home's: good when its share of the shared arrays and its own panels cover its own load.
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

    /// <summary>The home's signal: "no sun" still when the site's arrays give next to nothing.</summary>
    public static string ForHome(double? siteProductionW, HomeFlows home, double peakW)
    {
        if (siteProductionW is not { } produced) return Unknown;
        if (home.SharedSolarW + home.OwnSolarW >= home.ConsumptionW) return Good;
        return produced < NoSunFractionOfPeak * peakW ? NoSun : Wait;
    }
}
