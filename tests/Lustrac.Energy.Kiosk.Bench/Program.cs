// A household's kiosk page (index.html with the home's token, 1280×800) left open in headless Chromium on the whole
// emulated Lustrac site at 60× (an hour of wall time is 60 simulated hours: days roll over, today's curve fills, the
// seven days' bars move). Every sample forces a GC through CDP, then reads performance.memory.usedJSHeapSize and the
// renderer's DOM counters. Not a test: it prints figures and a flat-or-not verdict.
// dotnet run -c Release --project tests/Lustrac.Energy.Kiosk.Bench -- [--minutes 60] [--every 60] [--household h01]
using System.Diagnostics;
using System.Globalization;
using Lustrac.Energy.Kiosk.Bench;

double minutes = 60, every = 60, speed = 60;
string household = "h01";
var siteFile = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../site/lustrac.site.yaml"));
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--minutes": minutes = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--every": every = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--speed": speed = double.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--household": household = args[i + 1]; break;
        case "--site": siteFile = Path.GetFullPath(args[i + 1]); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}: --minutes N --every SECONDS --speed X --household ID --site FILE"); return 2;
    }
}
if (args.Length % 2 != 0 || minutes <= 0 || every <= 0 || speed <= 0)
{
    Console.Error.WriteLine("usage: --minutes N (> 0) --every SECONDS (> 0) --speed X (> 0) --household ID --site FILE");
    return 2;
}
if (!File.Exists(siteFile)) { Console.Error.WriteLine($"no site file at {siteFile} (--site FILE)"); return 2; }

var token = "kiosk-bench-" + household;
Console.WriteLine($"Starting the emulated site ×{speed}, the server and the gateways on {siteFile}…");
var started = Stopwatch.StartNew();
await using var site = await RunningSite.StartAsync(siteFile, speed, historyDays: 8, pollSeconds: 60, new Dictionary<string, string> { [household] = token });
using var browser = new KioskBrowser(1280, 800);
browser.Open(new Uri($"http://127.0.0.1:{site.HttpPort}/index.html?token={token}&lang=fr"));
// The page is ready when it drew the home's day and week from the engine's figures.
while (browser.Script<long>("return document.querySelectorAll('#week g.day').length") < 7)
{
    if (started.Elapsed > TimeSpan.FromMinutes(10)) { Console.Error.WriteLine("the page drew no week in 10 minutes"); return 1; }
    await Task.Delay(1000);
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready after {started.Elapsed.TotalSeconds:F0} s; sampling every {every:F0} s for {minutes:F0} min (load: {File.ReadAllText("/proc/loadavg").Trim()})"));
Console.WriteLine(HeapReport.Header);

var samples = new List<PageSample>();
var clock = Stopwatch.StartNew();
for (int k = 0; ; k++)
{
    var due = TimeSpan.FromSeconds(k * every);
    if (due.TotalMinutes > minutes + 1e-9) break;
    if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed);
    var sample = browser.Sample(clock.Elapsed.TotalMinutes, () => site.Emulated.Clock.Now);
    samples.Add(sample);
    Console.WriteLine(HeapReport.Row(sample));
}
foreach (var line in HeapReport.Summary(samples)) Console.WriteLine(line);
Console.WriteLine($"load at the end: {File.ReadAllText("/proc/loadavg").Trim()}");
return 0;
