using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Protocol.Messages;

/// <summary>
/// JSON codec of the readings payload (contract v1):
/// <code>{"seq":42,"time":"2026-06-21T10:15:00.000Z","readings":[{"quantity":"energy_import","value":1234.5,"unit":"kWh","quality":"good"}]}</code>
/// Decoding is strict about what it needs (types, vocabulary, units, finite values) and ignores unknown
/// fields, so that a v1 producer may add information without breaking older servers.
/// </summary>
public static class ReadingCodec
{
    public const int MaxPayloadBytes = 64 * 1024;
    public const int MaxReadingsPerMessage = 256;

    /// <summary>The largest seq accepted: what a signed 64-bit integer holds (InfluxDB's integer field, SQLite, the gap counters).</summary>
    public const ulong MaxSeq = long.MaxValue;

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };

    public static byte[] Encode(ReadingMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + 96 * message.Readings.Count);
        Encode(message, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Encode(ReadingMessage message, IBufferWriter<byte> output)
    {
        using var w = new Utf8JsonWriter(output, WriterOptions);
        w.WriteStartObject();
        w.WriteNumber("seq", message.Seq);
        w.WriteString("time", FormatTime(message.Time));
        w.WriteStartArray("readings");
        foreach (var r in message.Readings)
        {
            if (!double.IsFinite(r.Value))
                throw new ArgumentException($"reading '{r.Quantity}' has a non-finite value ({r.Value}); JSON cannot carry it");
            w.WriteStartObject();
            w.WriteString("quantity", r.Quantity);
            w.WriteNumber("value", r.Value);
            w.WriteString("unit", r.Unit);
            w.WriteString("quality", r.Quality.ToWire());
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>RFC 3339 in UTC with millisecond precision, the form every component writes.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static bool TryDecode(ReadOnlySpan<byte> payload, out ReadingMessage message, out string error)
    {
        message = null!;
        if (payload.Length > MaxPayloadBytes)
        {
            error = $"payload is {payload.Length} bytes, the limit is {MaxPayloadBytes}";
            return false;
        }
        if (!WireBytes.TryCheck(payload, out error)) return false;
        try
        {
            return TryDecodeCore(payload, out message, out error);
        }
        catch (JsonException ex)
        {
            error = $"payload is not valid JSON: {ex.Message}";
            return false;
        }
        catch (InvalidOperationException ex)
        {
            // Utf8JsonReader's way of refusing a string it cannot turn into text; WireBytes should have caught it first.
            error = $"payload has a string that is not valid text: {ex.Message}";
            return false;
        }
    }

    private static bool TryDecodeCore(ReadOnlySpan<byte> payload, out ReadingMessage message, out string error)
    {
        message = null!;
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return Fail("payload must be a JSON object", out error);

        ulong? seq = null;
        DateTimeOffset? time = null;
        List<Reading>? readings = null;
        // Names compared as UTF-8 in place: a string per property name would be most of the garbage of a flood.
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetUInt64(out var s) || s > MaxSeq)
                    return Fail($"'seq' must be an integer from 0 to {MaxSeq}", out error);
                seq = s;
            }
            else if (reader.ValueTextEquals("time"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.String || !TryReadTime(ref reader, out var t))
                    return Fail("'time' must be an RFC 3339 timestamp with a zone, e.g. \"2026-06-21T10:15:00Z\"", out error);
                time = t;
            }
            else if (reader.ValueTextEquals("readings"u8))
            {
                reader.Read();
                if (!TryReadReadings(ref reader, out readings, out error)) return false;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject)
            return Fail("payload is not a single JSON object", out error);
        if (reader.Read())
            return Fail("trailing data after the JSON object", out error);
        if (seq is null) return Fail("'seq' is missing", out error);
        if (time is null) return Fail("'time' is missing", out error);
        if (readings is null) return Fail("'readings' is missing", out error);
        if (readings.Count == 0) return Fail("'readings' is empty", out error);

        message = new ReadingMessage(seq.Value, time.Value, readings);
        error = "";
        return true;
    }

    private static bool TryReadReadings(ref Utf8JsonReader reader, out List<Reading> readings, out string error)
    {
        readings = new List<Reading>(8); // a meter's message: the SDM630 sends 8
        if (reader.TokenType != JsonTokenType.StartArray)
            return Fail("'readings' must be an array", out error);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var index = readings.Count;
            if (index >= MaxReadingsPerMessage)
                return Fail($"more than {MaxReadingsPerMessage} readings in one message", out error);
            if (reader.TokenType != JsonTokenType.StartObject)
                return Fail($"readings[{index}] must be an object", out error);
            string? quantity = null, unit = null, qualityText = null;
            double? value = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.ValueTextEquals("quantity"u8) ? "quantity"
                    : reader.ValueTextEquals("unit"u8) ? "unit"
                    : reader.ValueTextEquals("quality"u8) ? "quality"
                    : reader.ValueTextEquals("value"u8) ? "value"
                    : null;
                reader.Read();
                switch (name)
                {
                    case "quantity":
                    case "unit":
                    case "quality":
                        if (reader.TokenType != JsonTokenType.String)
                            return Fail($"readings[{index}].{name} must be a string", out error);
                        var text = WireText.Read(ref reader);
                        if (name == "quantity") quantity = text; else if (name == "unit") unit = text; else qualityText = text;
                        break;
                    case "value":
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var v) || !double.IsFinite(v))
                            return Fail($"readings[{index}].value must be a finite number", out error);
                        value = v;
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
            if (quantity is null) return Fail($"readings[{index}].quantity is missing", out error);
            if (!QuantityVocabulary.TryGet(quantity, out var known))
                return Fail($"readings[{index}]: unknown quantity '{Truncate(quantity)}' (see the vocabulary in the README)", out error);
            if (value is null) return Fail($"readings[{index}] ({quantity}): value is missing", out error);
            if (unit is null) return Fail($"readings[{index}] ({quantity}): unit is missing", out error);
            if (!string.Equals(unit, known.Unit, StringComparison.Ordinal))
                return Fail($"readings[{index}] ({quantity}): unit '{Truncate(unit)}' where the contract fixes '{known.Unit}'", out error);
            var quality = ReadingQuality.Good;
            if (qualityText is not null && !ReadingQualityNames.TryParse(qualityText, out quality))
                return Fail($"readings[{index}] ({quantity}): quality '{Truncate(qualityText)}' is not good, uncertain or bad", out error);
            readings.Add(new Reading(known.Name, value.Value, known.Unit, quality));
        }
        error = "";
        return true;
    }

    public static bool TryParseTime(string text, out DateTimeOffset time) => TryParseTime(text.AsSpan(), out time);

    public static bool TryParseTime(ReadOnlySpan<char> text, out DateTimeOffset time)
    {
        time = default;
        // A zone is required: a bare local time would be ambiguous across the daylight-saving change.
        if (text.Length < 20 || !(text[^1] == 'Z' || text[^6] is '+' or '-')) return false;
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out time);
    }

    /// <summary>The current string token as a time, parsed from a copy on the stack when it is short enough.</summary>
    private static bool TryReadTime(ref Utf8JsonReader reader, out DateTimeOffset time)
    {
        const int MaxOnStack = 64;
        if (reader.HasValueSequence || reader.ValueSpan.Length > MaxOnStack) return TryParseTime(reader.GetString()!, out time);
        Span<char> text = stackalloc char[MaxOnStack];
        return TryParseTime(text[..reader.CopyString(text)], out time);
    }

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static bool Fail(string reason, out string error)
    {
        error = reason;
        return false;
    }
}
