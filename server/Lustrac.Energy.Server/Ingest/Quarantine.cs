using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace Lustrac.Energy.Server.Ingest;

/// <summary>A message ingest refused, kept with the reason so an operator can see what is wrong and where.</summary>
public sealed record QuarantinedMessage(DateTimeOffset ReceivedAt, string Topic, string Category, string Reason, string PayloadExcerpt);

/// <summary>Bound from the "Quarantine" configuration section.</summary>
public sealed class QuarantineSettings
{
    /// <summary>
    /// JSON Lines file every refused message is appended to (and flushed to disk) before it is acknowledged;
    /// empty keeps the quarantine in memory only.
    /// </summary>
    public string File { get; set; } = "data/quarantine.jsonl";

    /// <summary>When the file grows past this, it is renamed to <c>.1</c> (replacing the previous one) and a new one started.</summary>
    public long MaxFileBytes { get; set; } = 256L * 1024 * 1024;
}

/// <summary>
/// Refused messages: a bounded ring of the newest 1,000 for the API, counts per category for /metrics, and
/// (unless disabled) a JSON Lines file holding every refused message in full, so nothing refused is lost
/// across a restart. A file rather than the store because refusals must be recorded even while the store is
/// down, the raw payload must be kept byte for byte (a line protocol string field cannot hold every payload),
/// and an operator can read and replay it with tail and jq. On start the ring and counts are reloaded from it.
/// Refusing a message never blocks the good ones behind it.
/// </summary>
public sealed class Quarantine
{
    public const int Capacity = 1000;

    /// <summary>Payloads larger than this are kept truncated in the file (with their full size and a note).</summary>
    public const int MaxStoredPayloadBytes = 1024 * 1024;

    private readonly TimeProvider _clock;
    private readonly QuarantineSettings _settings;
    private readonly Queue<QuarantinedMessage> _recent = new();
    private readonly ConcurrentDictionary<string, long> _byCategory = new(StringComparer.Ordinal);
    private readonly Lock _fileLock = new();
    private long _total;

    public Quarantine(TimeProvider clock, QuarantineSettings settings)
    {
        _clock = clock;
        _settings = settings;
        if (settings.File.Length > 0) Reload(settings.File);
    }

    public long Total => Interlocked.Read(ref _total);

    public IReadOnlyDictionary<string, long> ByCategory => _byCategory;

    public void Add(string topic, ReadOnlySpan<byte> payload, Refusal refusal)
    {
        var item = new QuarantinedMessage(_clock.GetUtcNow(), topic, refusal.Category, refusal.Reason,
            Encoding.UTF8.GetString(payload[..Math.Min(payload.Length, 512)]));
        if (_settings.File.Length > 0) Append(item, payload);
        Remember(item);
    }

    public IReadOnlyList<QuarantinedMessage> Recent()
    {
        lock (_recent) return _recent.Reverse().ToList();
    }

    private void Remember(QuarantinedMessage item)
    {
        lock (_recent)
        {
            _recent.Enqueue(item);
            if (_recent.Count > Capacity) _recent.Dequeue();
        }
        _byCategory.AddOrUpdate(item.Category, 1, static (_, n) => n + 1);
        Interlocked.Increment(ref _total);
    }

    private void Append(QuarantinedMessage item, ReadOnlySpan<byte> payload)
    {
        var kept = payload[..Math.Min(payload.Length, MaxStoredPayloadBytes)];
        var record = new FileRecord
        {
            ReceivedAt = item.ReceivedAt, Topic = item.Topic, Category = item.Category, Reason = item.Reason, PayloadBytes = payload.Length,
            Truncated = kept.Length < payload.Length,
        };
        // Text when it is valid UTF-8 (readable with jq), base64 otherwise, so the bytes come back exactly.
        if (Utf8.IsValid(kept)) record.Payload = Encoding.UTF8.GetString(kept);
        else record.PayloadBase64 = Convert.ToBase64String(kept);
        var line = JsonSerializer.SerializeToUtf8Bytes(record, FileRecordContext.Default.FileRecord);
        lock (_fileLock)
        {
            var path = _settings.File;
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            if (File.Exists(path) && new FileInfo(path).Length > _settings.MaxFileBytes) File.Move(path, path + ".1", overwrite: true);
            using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            file.Write(line);
            file.WriteByte((byte)'\n');
            // On disk before the message is acknowledged (architecture decision 4 applies to refusals too).
            file.Flush(flushToDisk: true);
        }
    }

    private void Reload(string path)
    {
        if (!File.Exists(path)) return;
        foreach (var line in File.ReadLines(path))
        {
            FileRecord? r;
            try { r = JsonSerializer.Deserialize(line, FileRecordContext.Default.FileRecord); }
            catch (JsonException) { continue; } // a line torn by a power cut; the rest of the file is still good
            if (r is null) continue;
            var excerpt = r.Payload ?? (r.PayloadBase64 is null ? "" : "base64:" + r.PayloadBase64);
            Remember(new QuarantinedMessage(r.ReceivedAt, r.Topic, r.Category, r.Reason, excerpt[..Math.Min(excerpt.Length, 512)]));
        }
    }

    internal sealed class FileRecord
    {
        [JsonPropertyName("received_at")] public DateTimeOffset ReceivedAt { get; set; }
        [JsonPropertyName("topic")] public string Topic { get; set; } = "";
        [JsonPropertyName("category")] public string Category { get; set; } = "";
        [JsonPropertyName("reason")] public string Reason { get; set; } = "";
        [JsonPropertyName("payload_bytes")] public int PayloadBytes { get; set; }
        [JsonPropertyName("truncated")] public bool Truncated { get; set; }
        [JsonPropertyName("payload")] public string? Payload { get; set; }
        [JsonPropertyName("payload_base64")] public string? PayloadBase64 { get; set; }
    }
}

[JsonSerializable(typeof(Quarantine.FileRecord))]
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
internal sealed partial class FileRecordContext : JsonSerializerContext;
