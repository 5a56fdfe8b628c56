using System.Buffers;
using System.Globalization;
using System.Text;
using Lustrac.Energy.Protocol.Messages;

namespace Lustrac.Energy.Server.Storage;

/// <summary>
/// Readings as InfluxDB line protocol, written straight as UTF-8 into a buffer that is reused from one batch to the
/// next. The series key (measurement and tags) of a device and quantity is escaped once by <see cref="LineProtocol"/>
/// and kept, so a flood costs only its numbers: no string per line, no copy from UTF-16. Not thread-safe.
/// </summary>
public sealed class ReadingLines
{
    /// <summary>A bound on remembered series keys; the site model keeps the real number far below it.</summary>
    private const int MaxSeriesKeys = 100_000;

    /// <summary><c> quality="…",seq=</c> per quality, escaped once.</summary>
    private static readonly byte[] GoodThenSeq = QualityFields(ReadingQuality.Good),
        UncertainThenSeq = QualityFields(ReadingQuality.Uncertain), BadThenSeq = QualityFields(ReadingQuality.Bad);

    private readonly ArrayBufferWriter<byte> _buffer;
    private readonly Dictionary<(string Device, string Quantity), SeriesKey> _seriesKeys = [];

    public ReadingLines(int initialBytes = 4096) => _buffer = new ArrayBufferWriter<byte>(initialBytes);

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public void Clear() => _buffer.ResetWrittenCount();

    /// <summary>
    /// One line: <c>measurement,asset=…,device=…,gateway=…,household=…,role=…,site=…,unit=… quality="good",seq=42i,value=1.5 1718965800000</c>,
    /// tags in key order, an empty tag left out.
    /// </summary>
    public void Append(StoredReading r)
    {
        if (!double.IsFinite(r.Value)) throw new ArgumentException($"line protocol cannot carry {r.Value}");
        Write(SeriesKeyOf(r));
        Write(r.Quality switch
        {
            ReadingQuality.Good => GoodThenSeq,
            ReadingQuality.Uncertain => UncertainThenSeq,
            ReadingQuality.Bad => BadThenSeq,
            _ => throw new ArgumentOutOfRangeException(nameof(r), $"quality {r.Quality} has no wire name"),
        });
        WriteNumber((long)r.Seq, default);
        Write("i,value="u8);
        // "R": the shortest text that reads back as the same double, as LineProtocol.AppendFloat writes it.
        WriteNumber(r.Value, "R");
        Write(" "u8);
        WriteNumber(r.Time.ToUnixTimeMilliseconds(), default);
        Write("\n"u8);
    }

    private byte[] SeriesKeyOf(StoredReading r)
    {
        if (_seriesKeys.TryGetValue((r.Device, r.Quantity), out var known) && known.Matches(r)) return known.Bytes;
        if (_seriesKeys.Count >= MaxSeriesKeys) _seriesKeys.Clear();
        var key = new SeriesKey(r, Encoding.UTF8.GetBytes(FormatSeriesKey(r)));
        _seriesKeys[(r.Device, r.Quantity)] = key;
        return key.Bytes;
    }

    private static string FormatSeriesKey(StoredReading r)
    {
        var line = new StringBuilder(160);
        LineProtocol.AppendMeasurement(line, r.Quantity);
        LineProtocol.AppendTag(line, "asset", r.Asset ?? "");
        LineProtocol.AppendTag(line, "device", r.Device);
        LineProtocol.AppendTag(line, "gateway", r.Gateway);
        LineProtocol.AppendTag(line, "household", r.Household ?? "");
        LineProtocol.AppendTag(line, "role", r.Role);
        LineProtocol.AppendTag(line, "site", r.Site);
        LineProtocol.AppendTag(line, "unit", r.Unit);
        return line.ToString();
    }

    private static byte[] QualityFields(ReadingQuality quality)
    {
        var fields = new StringBuilder(" ");
        LineProtocol.AppendFieldKey(fields, "quality");
        fields.Append('=');
        LineProtocol.AppendString(fields, quality.ToWire());
        fields.Append(',');
        LineProtocol.AppendFieldKey(fields, "seq");
        fields.Append('=');
        return Encoding.UTF8.GetBytes(fields.ToString());
    }

    private void Write(ReadOnlySpan<byte> bytes) => _buffer.Write(bytes);

    private void WriteNumber<T>(T value, ReadOnlySpan<char> format) where T : IUtf8SpanFormattable
    {
        var span = _buffer.GetSpan(32);
        if (!value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
            throw new InvalidOperationException($"cannot format {value}"); // 32 bytes hold any long or double
        _buffer.Advance(written);
    }

    /// <summary>The escaped series key of one device and quantity, with the tag values it was made from.</summary>
    private sealed class SeriesKey(StoredReading from, byte[] bytes)
    {
        public byte[] Bytes { get; } = bytes;

        public bool Matches(StoredReading r) =>
            string.Equals(r.Site, from.Site, StringComparison.Ordinal) && string.Equals(r.Gateway, from.Gateway, StringComparison.Ordinal)
            && string.Equals(r.Role, from.Role, StringComparison.Ordinal) && string.Equals(r.Household, from.Household, StringComparison.Ordinal)
            && string.Equals(r.Asset, from.Asset, StringComparison.Ordinal) && string.Equals(r.Unit, from.Unit, StringComparison.Ordinal);
    }
}
