namespace Lustrac.Energy.Protocol.Messages;

/// <summary>How far a reading can be trusted. Travels with every reading, end to end.</summary>
public enum ReadingQuality
{
    /// <summary>Read from the device and passed every check.</summary>
    Good,
    /// <summary>Read, but suspect (stale value, retried read, clock not yet synchronised).</summary>
    Uncertain,
    /// <summary>The device answered with something impossible; kept for the record, never used in figures.</summary>
    Bad,
}

public static class ReadingQualityNames
{
    public static string ToWire(this ReadingQuality quality) => quality switch
    {
        ReadingQuality.Good => "good",
        ReadingQuality.Uncertain => "uncertain",
        ReadingQuality.Bad => "bad",
        _ => throw new ArgumentOutOfRangeException(nameof(quality)),
    };

    public static bool TryParse(string? text, out ReadingQuality quality)
    {
        switch (text)
        {
            case "good": quality = ReadingQuality.Good; return true;
            case "uncertain": quality = ReadingQuality.Uncertain; return true;
            case "bad": quality = ReadingQuality.Bad; return true;
            default: quality = default; return false;
        }
    }
}
