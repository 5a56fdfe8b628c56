using OpenQA.Selenium.Chrome;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>Debian's headless Chromium through its chromedriver, with the flags that keep it off the (absent) internet.</summary>
public static class Chromium
{
    public static ChromeDriver Start(string profileFolder)
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1920,1080", $"--user-data-dir={profileFolder}");
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        return new ChromeDriver(service, options, TimeSpan.FromSeconds(120));
    }
}
