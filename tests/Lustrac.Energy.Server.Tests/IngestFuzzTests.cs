using System.Text;
using CsCheck;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Server.Ingest;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Storage;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// Byte-level mutations of valid payloads (bit flips, truncation, invalid UTF-8, surrogate escapes, huge numbers) through
/// the decoder and the validator: every input is accepted, and then stored (a real SQLite store, read back), or refused
/// with a reason and quarantined. Never an exception, never an input that is neither.
/// </summary>
public sealed class IngestFuzzTests(ITestOutputHelper output)
{
    public const int Inputs = 20_000;
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);
    private const string Topic = "lustrac/v1/test/gw-1/h01-meter/readings";
    private const string StatusTopic = "lustrac/v1/test/gw-1/h01-meter/status";

    private static readonly byte[][] BadBytes = [[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0x80]];
    private static readonly string[] Inserts = ["\\ud800", "\\udc00", "\\ud83d\\ude00", "18446744073709551615", "9223372036854775808", "1e400", "-0",
        "99999999999999999999999999999999", "\"", "\\", "{", "]", ",", "null", "\\u0000"];

    private static readonly Gen<byte[]> ValidPayload = Gen.Select(Gen.ULong[0, ReadingCodec.MaxSeq], Gen.Int[0, 86_400_000],
        Gen.Select(Gen.Int[0, QuantityVocabulary.All.Count - 1], Gen.Double[-1000, 1000], (q, v) => (q, v)).List[1, 4],
        (seq, msAgo, picks) => ReadingCodec.Encode(new ReadingMessage(seq, Now.AddMilliseconds(-msAgo),
            picks.Select(p => InRange(QuantityVocabulary.All[p.q], p.v)).ToList())));

    /// <summary>A plausible reading, so that an unmutated payload passes the range check too.</summary>
    private static Reading InRange(Quantity q, double v) => new(q.Name, Math.Clamp(v, Math.Max(q.Min, -1000), Math.Min(q.Max, 1000)), q.Unit, ReadingQuality.Good);

    private static readonly Gen<byte[]> ValidStatus = Gen.Select(Gen.Bool, Gen.Int[0, 1000], Gen.String[Gen.Char.AlphaNumeric, 0, 20],
        (up, failures, error) => StatusCodec.Encode(up ? new DeviceStatus(DeviceStatus.Up, Now, null, 0) : new DeviceStatus(DeviceStatus.Down, Now, error, failures + 1), 1));

    /// <summary>One mutation at a position given as a fraction of the length, so it applies to any payload.</summary>
    private static readonly Gen<Func<byte[], byte[]>> Mutation = Gen.OneOf(
        Gen.Select(Gen.Double[0, 1], Gen.Int[0, 7], (at, bit) => (Func<byte[], byte[]>)(p => Flip(p, at, bit))),
        Gen.Double[0, 1].Select(at => (Func<byte[], byte[]>)(p => p[..(int)(at * p.Length)])),
        Gen.Select(Gen.Double[0, 1], Gen.Int[0, BadBytes.Length - 1], (at, i) => (Func<byte[], byte[]>)(p => Insert(p, at, BadBytes[i]))),
        Gen.Select(Gen.Double[0, 1], Gen.Int[0, Inserts.Length - 1], (at, i) => (Func<byte[], byte[]>)(p => Insert(p, at, Encoding.UTF8.GetBytes(Inserts[i])))),
        Gen.Int[0, Inserts.Length - 1].Select(i => (Func<byte[], byte[]>)(p => ReplaceFirstNumber(p, Inserts[i]))));

    private static readonly Gen<(bool Status, byte[] Payload)> Hostile = Gen.Select(Gen.Int[0, 4], ValidPayload, ValidStatus, Mutation.Array[0, 3],
        (kind, reading, status, mutations) => (kind == 0, mutations.Aggregate(kind == 0 ? status : reading, (p, m) => m(p))));

    [Fact]
    public async Task Every_mutated_payload_is_either_stored_or_quarantined_with_a_reason()
    {
        var site = TestSite.Model();
        var validator = new MessageValidator(site, new FakeTimeProvider(Now));
        var statuses = new DeviceStatusBoard(site);
        var quarantine = new Quarantine(new FakeTimeProvider(Now), new QuarantineSettings { File = "" });
        var accepted = new List<StoredReading>();
        int tried = 0, acceptedMessages = 0, acceptedStatuses = 0, refused = 0;

        Hostile.Sample(input =>
        {
            tried++;
            bool ok;
            Refusal refusal;
            if (input.Status) ok = statuses.TryAccept(StatusTopic, input.Payload, out refusal);
            else
            {
                ok = validator.TryValidate(Topic, input.Payload, out var readings, out refusal);
                if (ok) accepted.AddRange(readings);
            }
            if (ok) { if (input.Status) acceptedStatuses++; else acceptedMessages++; return; }
            Assert.False(string.IsNullOrWhiteSpace(refusal.Reason), $"refused without a reason: {Convert.ToBase64String(input.Payload)}");
            Assert.Contains(refusal.Category, RefusalCategory.All);
            quarantine.Add(input.Status ? StatusTopic : Topic, input.Payload, refusal);
            refused++;
        }, iter: Inputs, threads: 1);

        Assert.Equal(Inputs, tried);
        Assert.Equal(refused, quarantine.Total);
        Assert.Equal(tried, acceptedMessages + acceptedStatuses + refused);
        Assert.InRange(refused, Inputs / 4, Inputs - Inputs / 20); // the mutations do bite, and the valid ones do pass
        Assert.All(accepted, r => Assert.InRange(r.Seq, 0UL, ReadingCodec.MaxSeq));

        // What was accepted is stored: one row per (device, quantity, time), the last write winning, as ingest does.
        var folder = Directory.CreateTempSubdirectory("lustrac-fuzz-").FullName;
        try
        {
            var store = new SqliteReadingStore(Path.Combine(folder, "fuzz.db"));
            await store.InitialiseAsync(CancellationToken.None);
            await store.WriteAsync(accepted, CancellationToken.None);
            var expected = accepted.GroupBy(r => (r.Quantity, Ms: r.Time.ToUnixTimeMilliseconds())).ToDictionary(g => g.Key, g => g.Last().Value);
            var stored = new Dictionary<(string, long), double>();
            foreach (var quantity in accepted.Select(r => r.Quantity).Distinct())
                foreach (var r in await store.ReadAsync("h01-meter", quantity, MessageValidator.EarliestPlausible, Now.AddHours(1), CancellationToken.None))
                    stored[(r.Quantity, r.Time.ToUnixTimeMilliseconds())] = r.Value;
            Assert.Equal(expected.OrderBy(e => e.Key), stored.OrderBy(e => e.Key));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
        output.WriteLine($"{tried} hostile inputs: {acceptedMessages} reading messages accepted and stored ({accepted.Count} readings), " +
            $"{acceptedStatuses} statuses accepted, {refused} quarantined with a reason ({string.Join(", ", quarantine.ByCategory.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))})");
    }

    private static byte[] Flip(byte[] p, double at, int bit)
    {
        if (p.Length == 0) return p;
        var copy = (byte[])p.Clone();
        copy[Math.Min(p.Length - 1, (int)(at * p.Length))] ^= (byte)(1 << bit);
        return copy;
    }

    private static byte[] Insert(byte[] p, double at, byte[] what)
    {
        var i = (int)(at * p.Length);
        return [.. p[..i], .. what, .. p[i..]];
    }

    /// <summary>The first number after a colon (seq, usually) replaced by <paramref name="text"/>.</summary>
    private static byte[] ReplaceFirstNumber(byte[] p, string text)
    {
        var s = Encoding.UTF8.GetString(p);
        var m = System.Text.RegularExpressions.Regex.Match(s, @"(?<=:)-?\d[\d.eE+-]*");
        return m.Success ? Encoding.UTF8.GetBytes(s[..m.Index] + text + s[(m.Index + m.Length)..]) : p;
    }
}
