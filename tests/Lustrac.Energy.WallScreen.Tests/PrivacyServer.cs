using System.Globalization;
using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Live;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Lustrac.Energy.WallScreen.Tests;

/// <summary>
/// The real server in-process (embedded broker on a free port, SQLite), with live readings and device statuses
/// placed for every household of <see cref="ScreenTestSite"/>, so that any leak would have data to leak.
/// </summary>
public sealed class PrivacyServer : IAsyncLifetime
{
    public ScreenTestSite Site { get; } = new(modbusPort: FreePort.Next());
    public int HttpPort { get; } = FreePort.Next();
    public WebApplication App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        App = ServerApp.Build(Site.ServerArgs(HttpPort, "--Mqtt:Port", FreePort.Next().ToString(CultureInfo.InvariantCulture)));
        await App.StartAsync();
        var live = App.Services.GetRequiredService<LiveReadings>();
        var statuses = App.Services.GetRequiredService<DeviceStatusBoard>();
        var now = DateTimeOffset.UtcNow;
        ulong seq = 0;
        foreach (var h in ScreenTestSite.Households)
        {
            // Two power readings a minute apart, so today's tally has energy for each home.
            for (var minutesAgo = 1; minutesAgo >= 0; minutesAgo--)
            {
                live.Accept([
                    new StoredReading(Site.SiteId, "gw-1", $"{h}-meter", "household_meter", h, null, "active_power", "W", now.AddMinutes(-minutesAgo), 800, ReadingQuality.Good, ++seq),
                    new StoredReading(Site.SiteId, "gw-1", $"{h}-meter", "household_meter", h, null, "energy_import", "kWh", now.AddMinutes(-minutesAgo), 1000, ReadingQuality.Good, ++seq),
                ]);
            }
            statuses.TryAccept($"lustrac/v1/{Site.SiteId}/gw-1/{h}-meter/status", """{"state":"up"}"""u8, out _);
        }
        live.Accept([new StoredReading(Site.SiteId, "gw-1", "pv-1-inverter", "pv_production", null, "pv-1", "active_power", "W", now, 9000, ReadingQuality.Good, ++seq)]);
    }

    public HttpClient Client(string? token)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/"), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        Site.Dispose();
    }
}
