using System.Collections.Concurrent;
using Lustrac.Energy.Protocol.Solar;

namespace Lustrac.Energy.Server.Scenarios;

/// <summary>
/// The protocol's clear sky per kWp, remembered process-wide: it is pure astronomy (site, plane, interval), and a
/// year-long scenario asks for the same array-year several times (the shared-array split, the performance ratio, an
/// added array), each costing tens of milliseconds. Values are the ones <see cref="ClearSkyPv.EnergyPerKwp"/> returns,
/// bit for bit. Bounded: past <see cref="MaxEntries"/> the cache starts again empty rather than grow with every range.
/// </summary>
public static class ClearSkyCache
{
    /// <summary>About three array-years of 15-minute intervals per site and plane, several times over (~40 MB at most).</summary>
    public const int MaxEntries = 600_000;

    private readonly record struct Key(double Latitude, double Longitude, double Tilt, double Azimuth, long StartTicks, long LengthTicks);

    private static readonly ConcurrentDictionary<Key, double> Values = new();

    public static double EnergyPerKwp(DateTime startUtc, TimeSpan length, double latitudeDeg, double longitudeDeg, double tiltDeg, double azimuthDeg)
    {
        var key = new Key(latitudeDeg, longitudeDeg, tiltDeg, azimuthDeg, startUtc.Ticks, length.Ticks);
        if (Values.TryGetValue(key, out var known)) return known;
        if (Values.Count >= MaxEntries) Values.Clear();
        var value = ClearSkyPv.EnergyPerKwp(new DateTimeOffset(startUtc.Ticks, TimeSpan.Zero), length, latitudeDeg, longitudeDeg, tiltDeg, azimuthDeg);
        Values[key] = value;
        return value;
    }
}
