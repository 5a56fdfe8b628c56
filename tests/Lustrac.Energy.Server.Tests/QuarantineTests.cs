using System.Text;
using System.Text.Json;
using Lustrac.Energy.Server.Ingest;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.Server.Tests;

public sealed class QuarantineTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-quarantine-").FullName;
    private string File => Path.Combine(_folder, "q", "quarantine.jsonl");

    [Fact]
    public void Keeps_every_refused_message_with_its_reason_across_a_restart()
    {
        var settings = new QuarantineSettings { File = File };
        var first = new Quarantine(new FakeTimeProvider(), settings);
        first.Add("lustrac/v1/s/gw/d/readings", "not json"u8, new Refusal(RefusalCategory.Payload, "payload is not valid JSON"));
        first.Add("lustrac/v1/s/gw/d/readings", [0xff, 0xfe, 0x00], new Refusal(RefusalCategory.Payload, "binary"));
        first.Add("lustrac/v1/s/gw/x/readings", "{}"u8, new Refusal(RefusalCategory.Origin, "device 'x' is not in the site file"));

        var second = new Quarantine(new FakeTimeProvider(), settings);

        Assert.Equal(3, second.Total);
        Assert.Equal(2, second.ByCategory[RefusalCategory.Payload]);
        Assert.Equal(1, second.ByCategory[RefusalCategory.Origin]);
        Assert.Equal("device 'x' is not in the site file", second.Recent()[0].Reason);
        var lines = System.IO.File.ReadAllLines(File).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("not json", lines[0].GetProperty("payload").GetString());
        Assert.Equal([0xff, 0xfe, 0x00], Convert.FromBase64String(lines[1].GetProperty("payload_base64").GetString()!));
    }

    [Fact]
    public void Keeps_a_huge_payload_truncated_with_its_size()
    {
        var q = new Quarantine(new FakeTimeProvider(), new QuarantineSettings { File = File });
        var huge = Encoding.UTF8.GetBytes(new string('x', Quarantine.MaxStoredPayloadBytes + 10));
        q.Add("t", huge, new Refusal(RefusalCategory.TooLarge, "too large"));

        var line = JsonDocument.Parse(System.IO.File.ReadAllLines(File).Single()).RootElement;
        Assert.True(line.GetProperty("truncated").GetBoolean());
        Assert.Equal(huge.Length, line.GetProperty("payload_bytes").GetInt32());
        Assert.Equal(Quarantine.MaxStoredPayloadBytes, line.GetProperty("payload").GetString()!.Length);
    }

    [Fact]
    public void Keeps_only_memory_when_no_file_is_configured()
    {
        var q = new Quarantine(new FakeTimeProvider(), new QuarantineSettings { File = "" });
        q.Add("t", "x"u8, new Refusal(RefusalCategory.Topic, "r"));
        Assert.Equal(1, q.Total);
        Assert.False(Directory.Exists(Path.Combine(_folder, "q")));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
