namespace Lustrac.Energy.Server.Storage;

/// <summary>Bound from the "Store" configuration section.</summary>
public sealed class StoreSettings
{
    /// <summary>"sqlite" (embedded default, no service needed) or "influxdb" (production path).</summary>
    public string Kind { get; set; } = "sqlite";

    public string SqlitePath { get; set; } = "data/lustrac.db";

    /// <summary>InfluxDB base URL, v1 HTTP API (works on 1.x, and on 2.x/3.x through their v1 compatibility).</summary>
    public string InfluxUrl { get; set; } = "http://127.0.0.1:8086";
    public string InfluxDatabase { get; set; } = "lustrac";
    public string? InfluxUsername { get; set; }
    public string? InfluxPassword { get; set; }

    /// <summary>
    /// Days the fine readings are kept (365 by default: at most a year, as the CNIL recommends for household load
    /// curves; 0 keeps them forever). Results (intervals, days, tanks, compost, vital needs, turnings) are kept
    /// forever. InfluxDB: the readings' policy <c>autogen</c> has this duration; SQLite: a daily purge
    /// (<see cref="SqliteReadingPurge"/>). Ingest refuses older readings with a reason: the store would drop them.
    /// </summary>
    public int RetentionDays { get; set; } = 365;
}
