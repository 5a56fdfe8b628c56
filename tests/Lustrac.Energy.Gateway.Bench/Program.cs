using System.Diagnostics;
using Lustrac.Energy.Gateway.Outbox;
using Lustrac.Energy.Protocol.Messages;
using Microsoft.Extensions.Logging.Abstractions;

// What a power cut can cost, and how much the outbox holds: measured on this machine's disk.
var folder = Directory.CreateTempSubdirectory("lustrac-outbox-bench-").FullName;
var settings = new OutboxSettings { Folder = folder };
var time = DateTimeOffset.UtcNow;
byte[] Sdm630Message(ulong seq) => ReadingCodec.Encode(new ReadingMessage(seq, time, [
    new Reading("voltage", 231.42, "V", ReadingQuality.Good), new Reading("active_power", 1520.5, "W", ReadingQuality.Good),
    new Reading("frequency", 50.01, "Hz", ReadingQuality.Good), new Reading("energy_import", 10234.567, "kWh", ReadingQuality.Good),
    new Reading("energy_export", 87.25, "kWh", ReadingQuality.Good)]));

try
{
    // 1. Loss window: a gateway polling 10 meters every 10 s, the flush loop fsyncing every FlushMilliseconds.
    //    A reading is exposed to a power cut from its append until the fsync that covers it.
    using (var outbox = DiskOutbox.Open(settings, NullLogger.Instance))
    {
        using var cts = new CancellationTokenSource();
        var flusher = Task.Run(async () =>
        {
            while (!cts.IsCancellationRequested)
            {
                await outbox.FlushAsync();
                try { await Task.Delay(settings.FlushMilliseconds, cts.Token); } catch (OperationCanceledException) { }
            }
        });
        var exposure = new List<double>();
        var fsyncs = new List<double>();
        for (var round = 0; round < 40; round++)
        {
            for (var meter = 0; meter < 10; meter++)
            {
                var appended = Stopwatch.GetTimestamp();
                var record = outbox.Append($"m{meter}", "t", Sdm630Message);
                await outbox.WaitForDurableAsync(record.Id - 1, CancellationToken.None);
                exposure.Add(Stopwatch.GetElapsedTime(appended).TotalMilliseconds);
            }
            await Task.Delay(Random.Shared.Next(50, 400)); // polls are not aligned with the flush loop
        }
        cts.Cancel();
        await flusher;
        for (var i = 0; i < 50; i++)
        {
            outbox.Append("fsync", "t", Sdm630Message);
            var start = Stopwatch.GetTimestamp();
            await outbox.FlushAsync();
            fsyncs.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        exposure.Sort();
        fsyncs.Sort();
        Console.WriteLine($"Power-cut exposure per reading (append → fsync done), flush every {settings.FlushMilliseconds} ms, {exposure.Count} readings:");
        Console.WriteLine($"  p50 {Pct(exposure, 0.5):F1} ms   p99 {Pct(exposure, 0.99):F1} ms   max {exposure[^1]:F1} ms");
        Console.WriteLine($"One fsync on this disk: p50 {Pct(fsyncs, 0.5):F2} ms   p99 {Pct(fsyncs, 0.99):F2} ms");
    }

    // 2. Bytes per message on disk and what the default bound holds.
    var bytesPerMessage = OutboxRecordFormat.Encode(new OutboxRecord(1, "h01-meter", 1, "lustrac/v1/lustrac/gw-est/h01-meter/readings", Sdm630Message(1))).Length;
    var perDay = 10 * 24 * 3600 / 10;
    var capacity = (long)settings.MaxMegabytes * 1024 * 1024 / bytesPerMessage;
    Console.WriteLine($"One SDM630 message in the outbox: {bytesPerMessage} bytes; default bound {settings.MaxMegabytes} MiB holds {capacity:N0} messages");
    Console.WriteLine($"  = {capacity / (double)perDay:F1} days of a 10-meter gateway polling every 10 s (promise: ≥ 7 days)");

    // 3. Append + drain rate: a week's backlog written, then read and acknowledged as the publisher does.
    var backlogFolder = Path.Combine(folder, "backlog");
    using (var outbox = DiskOutbox.Open(new OutboxSettings { Folder = backlogFolder }, NullLogger.Instance))
    {
        const int messages = 200_000;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++) outbox.Append($"m{i % 10}", "lustrac/v1/lustrac/gw-est/m/readings", Sdm630Message);
        await outbox.FlushAsync();
        var append = sw.Elapsed.TotalSeconds;
        sw.Restart();
        ulong last = 0;
        while (true)
        {
            var batch = outbox.ReadDurableAfter(last, 200);
            if (batch.Count == 0) break;
            foreach (var r in batch) outbox.MarkAcked(r.Id);
            last = batch[^1].Id;
        }
        Console.WriteLine($"Append {messages:N0} messages: {messages / append:N0}/s; read + acknowledge: {messages / sw.Elapsed.TotalSeconds:N0}/s (no network)");
    }
}
finally
{
    Directory.Delete(folder, recursive: true);
}

static double Pct(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
