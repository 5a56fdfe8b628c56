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
    /// Days of data the store keeps; 0 keeps everything. InfluxDB's default retention policy is set to it, and
    /// ingest refuses older readings with a reason (InfluxDB would drop them in a partial write).
    /// </summary>
    public int RetentionDays { get; set; }
}
