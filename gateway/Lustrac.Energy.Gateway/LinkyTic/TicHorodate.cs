using System.Globalization;

namespace Lustrac.Energy.Gateway.LinkyTic;

/// <summary>
/// A standard-mode horodate, <c>SAAMMJJhhmmss</c> (Enedis-NOI-CPT_54E v3 §6.2.1): season, then year, month, day,
/// hour, minute, second of French legal time. Season <c>E</c> (été, UTC+2) or <c>H</c> (hiver, UTC+1); the same letter
/// in lower case when the meter's clock is degraded (not synchronised by the grid operator); a space when unknown.
/// </summary>
public readonly record struct TicHorodate(DateTimeOffset Time, bool ClockTrusted)
{
    public static TicHorodate? TryParse(string? text)
    {
        if (text is not { Length: 13 }) return null;
        var offset = text[0] switch
        {
            'E' or 'e' => TimeSpan.FromHours(2),
            'H' or 'h' => TimeSpan.FromHours(1),
            _ => (TimeSpan?)null,
        };
        if (offset is null) return null; // no season: the instant cannot be placed on UTC
        if (!DateTime.TryParseExact(text.AsSpan(1), "yyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        return new TicHorodate(new DateTimeOffset(local, offset.Value), char.IsUpper(text[0]));
    }
}
