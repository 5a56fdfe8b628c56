using System.Diagnostics;

namespace Lustrac.Energy.Testing;

/// <summary>A real InfluxDB 1.x (Debian's influxd) with its data in a temporary folder, on free loopback ports.</summary>
public sealed class InfluxProcess() : ServiceProcess("influxd")
{
    private readonly int _rpcPort = FreePort.Next();

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>The RPC address <c>influxd backup</c> and <c>influxd restore</c> talk to (-host).</summary>
    public string RpcAddress => $"127.0.0.1:{_rpcPort}";

    protected override ProcessStartInfo StartInfo()
    {
        var config = Path.Combine(Folder, "influxdb.conf");
        File.WriteAllText(config, $"""
            reporting-disabled = true
            bind-address = "127.0.0.1:{_rpcPort}"
            [meta]
              dir = "{Folder}/meta"
            [data]
              dir = "{Folder}/data"
              wal-dir = "{Folder}/wal"
              query-log-enabled = false
            [http]
              bind-address = "127.0.0.1:{Port}"
              log-enabled = false
            [monitor]
              store-enabled = false
            """);
        return new ProcessStartInfo(Require("influxd"), ["run", "-config", config]);
    }

    protected override async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync("ping");
                if ((int)response.StatusCode == 204) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        throw new TimeoutException($"influxd did not answer /ping on {Url}");
    }

    public static async Task<InfluxProcess> StartNewAsync()
    {
        var i = new InfluxProcess();
        await i.StartAsync();
        return i;
    }
}
