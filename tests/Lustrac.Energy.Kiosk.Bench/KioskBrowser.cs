using OpenQA.Selenium.Chrome;

namespace Lustrac.Energy.Kiosk.Bench;

/// <summary>One sample of the open page: the JS heap after a forced collection, the renderer's DOM counters, what it shows.</summary>
public sealed record PageSample(double WallMinutes, DateTimeOffset Simulated, long HeapBytes, long Nodes, long Listeners, long Documents,
    long ElementsInPage, string Clock, long Intervals, string FirstDay, long Snapshots);

/// <summary>Debian's headless Chromium through its chromedriver, with precise heap figures and CDP for GC and DOM counters.</summary>
public sealed class KioskBrowser : IDisposable
{
    private readonly ChromeDriver _driver;
    private readonly string _profile = Directory.CreateTempSubdirectory("lustrac-kiosk-chromium-").FullName;

    public KioskBrowser(int width, int height)
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            "--enable-precise-memory-info", $"--window-size={width},{height}", $"--user-data-dir={_profile}");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        _driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
        _driver.ExecuteCdpCommand("Emulation.setDeviceMetricsOverride", new Dictionary<string, object?>
        { ["width"] = width, ["height"] = height, ["deviceScaleFactor"] = 1, ["mobile"] = false });
    }

    public void Open(Uri page) => _driver.Navigate().GoToUrl(page);

    public T Script<T>(string script) => (T)_driver.ExecuteScript(script)!;

    /// <param name="wallMinutes">Wall minutes since sampling began.</param>
    /// <param name="simulatedNow">Read with the page's figures, after the collection (which takes seconds on a loaded machine: simulated minutes).</param>
    public PageSample Sample(double wallMinutes, Func<DateTimeOffset> simulatedNow)
    {
        _driver.ExecuteCdpCommand("HeapProfiler.collectGarbage", []);
        var counters = _driver.ExecuteCdpCommand("Memory.getDOMCounters", []) as Dictionary<string, object>
            ?? throw new InvalidOperationException("Memory.getDOMCounters answered nothing");
        var page = (IReadOnlyCollection<object>)_driver.ExecuteScript("""
            const first = document.querySelector('#week g.day');
            return [performance.memory.usedJSHeapSize, document.getElementsByTagName('*').length, document.getElementById('clock').textContent,
                    document.querySelectorAll('#curve g.interval').length, first ? first.dataset.start : '', Number(document.body.dataset.snapshots || 0)];
            """)!;
        var v = page.ToArray();
        return new PageSample(wallMinutes, simulatedNow(), Convert.ToInt64(v[0]), Convert.ToInt64(counters["nodes"]), Convert.ToInt64(counters["jsEventListeners"]),
            Convert.ToInt64(counters["documents"]), Convert.ToInt64(v[1]), (string)v[2]!, Convert.ToInt64(v[3]), (string)v[4]!, Convert.ToInt64(v[5]));
    }

    public void Dispose()
    {
        _driver.Quit();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { /* a temp folder */ }
    }
}
