using System.Globalization;
using Lustrac.Energy.Testing;
using Microsoft.AspNetCore.Builder;

namespace Lustrac.Energy.Server.Tests;

/// <summary>The embedded broker, given the password file make-users.sh wrote, enforces the same rules as Mosquitto.</summary>
public sealed class EmbeddedBrokerRulesTests : BrokerRulesContract
{
    private readonly int _port = FreePort.Next();
    private WebApplication? _server;
    protected override int Port => _port;

    public override async Task InitializeAsync()
    {
        _server = ServerApp.Build([
            "--site", Site.SiteFile, "--urls", $"http://127.0.0.1:{FreePort.Next()}",
            "--Mqtt:Port", _port.ToString(CultureInfo.InvariantCulture), "--Mqtt:UsersFile", Path.Combine(Site.Etc, "passwd"),
            // The tests play the server's part themselves: the client id is the user name, so the server's own ingest,
            // connected as 'server', would take over their connections. A wrong password keeps it out.
            "--Mqtt:Username", "server", "--Mqtt:Password", "not-the-servers-password",
            "--Store:SqlitePath", Path.Combine(Site.Folder, "l.db"), "--Quarantine:File", "",
            "--Logging:LogLevel:Default", "Error",
        ]);
        await _server.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            await _server.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Site.Dispose();
    }

    [Fact]
    public void An_open_embedded_broker_may_not_listen_beyond_loopback()
    {
        var ex = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => ServerApp.Build(["--site", Site.SiteFile, "--Mqtt:Host", "0.0.0.0"]));
        Assert.Contains("loopback only", ex.Message);
    }
}
