using Xunit;

namespace Lustrac.Energy.Testing;

/// <summary>
/// The Mosquitto broker and InfluxDB that scripts/test.sh starts for the whole run (passed in through
/// LUSTRAC_TEST_MQTT_PORT, LUSTRAC_TEST_INFLUX_URL and LUSTRAC_TEST_INFLUX_RPC). When a test project is run on its own, without the
/// script, the fixture starts its own pair instead, so the tests still talk to the real programs.
/// Each test project declares its own collection with this fixture (xunit wants them in the test assembly).
/// </summary>
public sealed class SharedServices : IAsyncLifetime
{
    private MosquittoProcess? _ownBroker;
    private InfluxProcess? _ownInflux;

    public int MqttPort { get; private set; }
    public Uri InfluxUrl { get; private set; } = null!;

    /// <summary>InfluxDB's RPC address for <c>influxd backup/restore -host</c> (LUSTRAC_TEST_INFLUX_RPC from scripts/test.sh).</summary>
    public string? InfluxRpcAddress { get; private set; }

    public async Task InitializeAsync()
    {
        var port = Environment.GetEnvironmentVariable("LUSTRAC_TEST_MQTT_PORT");
        var influx = Environment.GetEnvironmentVariable("LUSTRAC_TEST_INFLUX_URL");
        if (int.TryParse(port, out var p)) MqttPort = p;
        else
        {
            _ownBroker = await MosquittoProcess.StartNewAsync();
            MqttPort = _ownBroker.Port;
        }
        if (Uri.TryCreate(influx, UriKind.Absolute, out var url))
        {
            InfluxUrl = url;
            InfluxRpcAddress = Environment.GetEnvironmentVariable("LUSTRAC_TEST_INFLUX_RPC");
        }
        else
        {
            _ownInflux = await InfluxProcess.StartNewAsync();
            InfluxUrl = _ownInflux.Url;
            InfluxRpcAddress = _ownInflux.RpcAddress;
        }
    }

    public async Task DisposeAsync()
    {
        if (_ownBroker is not null) await _ownBroker.DisposeAsync();
        if (_ownInflux is not null) await _ownInflux.DisposeAsync();
    }
}
