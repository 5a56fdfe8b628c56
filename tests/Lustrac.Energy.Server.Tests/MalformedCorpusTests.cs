using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Testing;
using MQTTnet;
using MQTTnet.Protocol;

namespace Lustrac.Energy.Server.Tests;

/// <summary>
/// Every case of MalformedCorpus/ is published through a real Mosquitto to a running server, each followed by
/// a good message: every bad one must appear in the quarantine with its category and reason, every good
/// reading must be stored, and the server must keep running.
/// A case file: <c>topic:</c>, <c>category:</c>, <c>reason:</c> (a substring of the expected reason), a line
/// <c>---</c>, then the payload. In topic and payload, <c>{site}</c>, <c>{now}</c>, <c>{days-ago:N}</c>,
/// <c>{pad:N}</c> (N × 'x'), <c>{repeat:N:text}</c> and <c>{byte:XX}</c> (one raw byte, hex) are expanded.
/// </summary>
[Collection(SharedServicesCollection.Name)]
public sealed partial class MalformedCorpusTests(SharedServices services)
{
    private sealed record Case(string Name, string Topic, string Category, string Reason, byte[] Payload);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("influxdb")]
    public async Task Quarantines_every_bad_message_with_its_reason_and_stores_every_good_one(string storeKind)
    {
        await using var server = await RunningServer.StartAsync(storeKind, services.MqttPort, services.InfluxUrl, "--Store:RetentionDays", "30");
        var cases = LoadCases(server.SiteId);
        Assert.True(cases.Count >= 25, $"only {cases.Count} cases found");
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", services.MqttPort)
            .WithClientId("corpus-" + Guid.NewGuid().ToString("N")[..8]).Build());

        var start = DateTimeOffset.UtcNow.AddMinutes(-2);
        ulong seq = 0;
        foreach (var c in cases)
        {
            await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(c.Topic).WithPayload(c.Payload)
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());
            seq++;
            await client.PublishAsync(Good(server.SiteId, seq, start.AddMilliseconds(100 * (double)seq)));
        }

        var goodMessages = (int)seq;
        var energyMessages = goodMessages / 2; // the even ones, to h01
        var powerMessages = goodMessages - energyMessages;
        await server.WaitUntilAsync(async () => (await server.GetJsonAsync("api/quarantine")).GetProperty("total").GetInt64() >= cases.Count,
            TimeSpan.FromSeconds(90), $"holding {cases.Count} quarantined messages");
        // Both devices: the last good message published may be h02's, still on its way when h01's are all stored.
        await server.WaitUntilAsync(async () => (await server.Store.ReadAsync("h01-meter", "energy_import", start, start.AddMinutes(10), CancellationToken.None)).Count == energyMessages
                && (await server.Store.ReadAsync("h02-meter", "active_power", start, start.AddMinutes(10), CancellationToken.None)).Count >= powerMessages,
            TimeSpan.FromSeconds(90), $"holding {energyMessages} good energy readings and {powerMessages} power readings");

        var quarantined = (await server.GetJsonAsync("api/quarantine")).GetProperty("recent").EnumerateArray()
            .Select(q => (Topic: q.GetProperty("topic").GetString()!, Category: q.GetProperty("category").GetString()!, Reason: q.GetProperty("reason").GetString()!))
            .ToList();
        Assert.Equal(cases.Count, quarantined.Count);
        foreach (var c in cases)
        {
            var match = quarantined.FindIndex(q => q.Topic == c.Topic && q.Category == c.Category && q.Reason.Contains(c.Reason, StringComparison.Ordinal));
            Assert.True(match >= 0, $"case '{c.Name}' ({c.Category}: {c.Reason}) is not in the quarantine; it holds:\n" +
                string.Join("\n", quarantined.Select(q => $"  {q.Topic} [{q.Category}] {q.Reason}")));
            quarantined.RemoveAt(match);
        }

        var power = await server.Store.ReadAsync("h02-meter", "active_power", start, start.AddMinutes(10), CancellationToken.None);
        Assert.Equal(powerMessages, power.Count);
        var health = await server.HealthAsync();
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal(goodMessages, health.GetProperty("readings_stored").GetInt64());
        Assert.Equal(0, health.GetProperty("sequence_missing").GetInt64()); // refused messages do not disturb the sequence report
        var metrics = await server.Http.GetStringAsync("metrics");
        foreach (var group in cases.GroupBy(c => c.Category))
            Assert.Contains($"lustrac_ingest_quarantined_total{{category=\"{group.Key}\"}} {group.Count()}\n", metrics);
        // Everything refused is on disk, one JSON line each, for a restart or an operator.
        Assert.Equal(cases.Count, File.ReadAllLines(server.QuarantineFile).Length);
    }

    private static MqttApplicationMessage Good(string site, ulong n, DateTimeOffset time)
    {
        var seq = (n + 1) / 2; // each device's own +1 sequence
        // h01 carries the energy counter, h02 the power, so each good message is checked in two places.
        var energy = new ReadingMessage(seq, time, [new Reading("energy_import", 1000 + n, "kWh", ReadingQuality.Good)]);
        var power = new ReadingMessage(seq, time, [new Reading("active_power", -500.5 + seq, "W", ReadingQuality.Good)]);
        return new MqttApplicationMessageBuilder()
            .WithTopic(Topics.Readings(new DeviceAddress(site, "gw-1", n % 2 == 0 ? "h01-meter" : "h02-meter")))
            .WithPayload(ReadingCodec.Encode(n % 2 == 0 ? energy : power))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
    }

    private static List<Case> LoadCases(string site)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "MalformedCorpus");
        return Directory.GetFiles(folder, "*.case").Order(StringComparer.Ordinal).Select(path =>
        {
            var text = File.ReadAllText(path);
            var split = text.IndexOf("\n---\n", StringComparison.Ordinal);
            var header = text[..split].Split('\n').Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
            var payload = text[(split + 5)..];
            if (payload.EndsWith('\n')) payload = payload[..^1];
            return new Case(Path.GetFileNameWithoutExtension(path), Expand(header["topic"], site), header["category"], header["reason"],
                RawBytes(Encoding.UTF8.GetBytes(Expand(payload, site))));
        }).ToList();
    }

    private static string Expand(string text, string site)
    {
        text = text.Replace("{site}", site, StringComparison.Ordinal)
            .Replace("{now}", ReadingCodec.FormatTime(DateTimeOffset.UtcNow.AddSeconds(-5)), StringComparison.Ordinal);
        text = Placeholder().Replace(text, m => m.Groups["kind"].Value switch
        {
            "pad" => new string('x', int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture)),
            "days-ago" => ReadingCodec.FormatTime(DateTimeOffset.UtcNow.AddDays(-int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture))),
            _ => string.Join(",", Enumerable.Repeat(m.Groups["text"].Value, int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture))),
        });
        return text;
    }

    /// <summary><c>{byte:XX}</c> becomes that one byte, so a case can hold what no text file can: invalid UTF-8.</summary>
    private static byte[] RawBytes(byte[] payload)
    {
        var output = new List<byte>(payload.Length);
        var marker = "{byte:"u8;
        for (var i = 0; i < payload.Length; i++)
        {
            if (payload.AsSpan(i).StartsWith(marker) && i + 8 < payload.Length && payload[i + 8] == (byte)'}')
            {
                output.Add(byte.Parse(Encoding.ASCII.GetString(payload, i + 6, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 8;
            }
            else output.Add(payload[i]);
        }
        return [.. output];
    }

    [GeneratedRegex(@"\{(?<kind>pad|days-ago|repeat):(?<n>\d+)(:(?<text>\{.*\}))?\}")]
    private static partial Regex Placeholder();
}
