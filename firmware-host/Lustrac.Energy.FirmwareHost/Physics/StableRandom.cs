namespace Lustrac.Energy.FirmwareHost.Physics;

/// <summary>
/// Deterministic, process-independent randomness. <c>string.GetHashCode</c> changes between runs, so ids are hashed
/// with FNV-1a and mixed with SplitMix64: the same seed and id give the same numbers on every machine and run.
/// </summary>
public static class StableRandom
{
    public static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return hash;
    }

    public static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    public static ulong Combine(ulong a, ulong b) => Mix(a ^ Mix(b));

    public static ulong Combine(ulong seed, string id) => Combine(seed, Hash(id));

    /// <summary>A uniform number in [0, 1) from a key.</summary>
    public static double Unit(ulong key) => (Mix(key) >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform number in [min, max) from a key.</summary>
    public static double Between(ulong key, double min, double max) => min + (max - min) * Unit(key);
}
