namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Why ingest refused a message: a short category (a metric label, stable across versions) and a reason
/// written for the person who has to fix the gateway.
/// </summary>
public readonly record struct Refusal(string Category, string Reason);

/// <summary>The categories of refusal; they are label values of <c>lustrac_ingest_quarantined_total</c>.</summary>
public static class RefusalCategory
{
    /// <summary>The topic is not a v1 readings or status topic.</summary>
    public const string Topic = "topic";
    /// <summary>Wrong site, a device not in the site file, or a device published by another gateway.</summary>
    public const string Origin = "origin";
    /// <summary>Larger than the contract's 64 KiB.</summary>
    public const string TooLarge = "too_large";
    /// <summary>Not JSON, wrong types, unknown quantity or unit, missing fields.</summary>
    public const string Payload = "payload";
    /// <summary>Timestamp before 2020, too far ahead, or older than the store keeps.</summary>
    public const string Clock = "clock";
    /// <summary>A value outside the quantity's plausible range that the gateway did not flag bad.</summary>
    public const string Range = "range";
    /// <summary>A status message that could not be read.</summary>
    public const string Status = "status";
    /// <summary>The store refused the data permanently (e.g. InfluxDB HTTP 400) after ingest accepted it.</summary>
    public const string StoreRefused = "store_refused";

    public static readonly IReadOnlyList<string> All = [Topic, Origin, TooLarge, Payload, Clock, Range, Status, StoreRefused];
}
