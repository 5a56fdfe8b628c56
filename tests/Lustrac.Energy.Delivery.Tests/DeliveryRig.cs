using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.Delivery.Tests;

/// <summary>
/// The production path with every part separate: emulated devices (in-process), a gateway process, a real
/// Mosquitto with users and an ACL, a server process, a real InfluxDB. Each part can be stopped or killed.
/// </summary>
public sealed class DeliveryRig : IAsyncDisposable
{
    /// <summary>Variations: the shipped Mosquitto configuration (gateway over TLS), an outbox folder elsewhere (a small disk), more gateway settings.</summary>
    public sealed record Options(bool ShippedBroker = false, string? OutboxFolder = null, IReadOnlyList<string>? GatewayArgs = null);

    public const string Gateway = "gw-1";
    public static readonly string[] Devices = ["h01-meter", "h02-meter", "pv-1-inverter"];
    private const string GatewayPassword = "gw1-secret", OtherGatewayPassword = "gw2-secret", ServerPassword = "server-secret";

    public string SiteId { get; } = "fi" + Guid.NewGuid().ToString("N")[..8];
    public string Database { get; } = "fi" + Guid.NewGuid().ToString("N")[..8];
    public string Folder { get; } = Directory.CreateTempSubdirectory("lustrac-delivery-").FullName;
    public string OutboxFolder => _options.OutboxFolder ?? Path.Combine(Folder, "outbox");
    private Options _options = new();
    public string SiteFile => Path.Combine(Folder, "site.yaml");
    public int ModbusPort { get; } = FreePort.Next();
    public MosquittoProcess Broker { get; private set; } = null!;
    public InfluxProcess Influx { get; private set; } = null!;
    public ComponentProcess Server { get; private set; } = null!;
    public ComponentProcess GatewayProcess { get; private set; } = null!;
    public EmulatedSite? Emulated { get; private set; }
    private readonly HttpClient _influxHttp = new();

    public static async Task<DeliveryRig> StartAsync(Options? options = null)
    {
        var rig = new DeliveryRig { _options = options ?? new Options() };
        await rig.StartCoreAsync();
        return rig;
    }

    private async Task StartCoreAsync()
    {
        await File.WriteAllTextAsync(SiteFile, SiteYaml());
        Influx = await InfluxProcess.StartNewAsync();
        _influxHttp.BaseAddress = Influx.Url;
        var (serverPassword, gatewayMqtt) = _options.ShippedBroker ? await StartShippedBrokerAsync() : await StartTestBrokerAsync();
        Emulated = await EmulatedSite.StartAsync(SiteLoader.LoadFile(SiteFile), new EmulatedSiteOptions { Seed = 3 });
        var httpPort = FreePort.Next();
        Server = new ComponentProcess("server", ComponentProcess.BuiltDll("server/Lustrac.Energy.Server", "Lustrac.Energy.Server"), [
            "--site", SiteFile, "--urls", $"http://127.0.0.1:{httpPort}",
            "--Mqtt:Embedded", "false", "--Mqtt:Port", Broker.Port.ToString(CultureInfo.InvariantCulture),
            "--Mqtt:Username", "server", "--Mqtt:Password", serverPassword,
            "--Store:Kind", "influxdb", "--Store:InfluxUrl", Influx.Url.ToString(), "--Store:InfluxDatabase", Database,
        ]);
        GatewayProcess = new ComponentProcess("gateway", ComponentProcess.BuiltDll("gateway/Lustrac.Energy.Gateway", "Lustrac.Energy.Gateway"), [
            "--site", SiteFile, "--gateway", Gateway, "--outbox", OutboxFolder,
            "--mqtt-host", "127.0.0.1", "--Outbox:FlushMilliseconds", "100", ..gatewayMqtt, ..(_options.GatewayArgs ?? []),
        ]);
        // The server's persistent session must exist before the first publish, or the broker has no one to
        // keep those messages for: on a first installation, start the server before the gateways.
        Server.Start();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}/") };
        await Eventually.TrueAsync(async () =>
        {
            try { return (await http.GetAsync("health")).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
        }, TimeSpan.FromSeconds(60), "server connected to the broker");
        GatewayProcess.Start();
    }

    /// <summary>Users and ACL written here; the gateway connects on the plain port. Returns the server's password and the gateway's MQTT settings.</summary>
    private async Task<(string, string[])> StartTestBrokerAsync()
    {
        var passwords = Path.Combine(Folder, "passwords");
        await File.WriteAllTextAsync(passwords, "");
        foreach (var (user, password) in new[] { (Gateway, GatewayPassword), ("gw-2", OtherGatewayPassword), ("server", ServerPassword) })
            await RunAsync("mosquitto_passwd", "-b", passwords, user, password);
        var acl = Path.Combine(Folder, "acl");
        await File.WriteAllTextAsync(acl, $"""
            user server
            topic read lustrac/v1/#
            user {Gateway}
            topic write lustrac/v1/{SiteId}/{Gateway}/#
            user gw-2
            topic write lustrac/v1/{SiteId}/gw-2/#

            """);
        Broker = await MosquittoProcess.StartNewAsync($"""
            password_file {passwords}
            acl_file {acl}
            max_queued_messages 100000
            max_inflight_messages 1000
            """, allowAnonymous: false);
        return (ServerPassword, ["--mqtt-port", Broker.Port.ToString(CultureInfo.InvariantCulture), "--Mqtt:Username", Gateway, "--Mqtt:Password", GatewayPassword]);
    }

    /// <summary>deploy/mosquitto as shipped: the server on the loopback listener, the gateway over TLS trusting the site's CA.</summary>
    private async Task<(string, string[])> StartShippedBrokerAsync()
    {
        var shipped = await ShippedBroker.StartAsync(SiteFile, Folder);
        Broker = shipped.Process;
        return (shipped.PasswordOf("server"), [
            "--mqtt-port", shipped.TlsPort.ToString(CultureInfo.InvariantCulture), "--Mqtt:UseTls", "true", "--Mqtt:CaFile", shipped.CaFile,
            "--Mqtt:Username", Gateway, "--Mqtt:Password", shipped.PasswordOf(Gateway)]);
    }

    public static (string User, string Password) OtherGatewayCredentials => ("gw-2", OtherGatewayPassword);

    private string SiteYaml()
    {
        var bus = $"modbus-tcp://127.0.0.1:{ModbusPort}";
        return TestSites.Builder(SiteId).Household("h01").Household("h02")
            .Asset("pv-1", AssetKind.PvArray, ("peak_kw", 9))
            .Gateway(Gateway, pollSeconds: 1).Gateway("gw-2")
            .Device("h01-meter", Gateway, DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: "h01", address: 1)
            .Device("h02-meter", Gateway, DeviceKinds.Sdm630, bus, Roles.HouseholdMeter, household: "h02", address: 2)
            .Device("pv-1-inverter", Gateway, DeviceKinds.SunSpecInverter, bus, Roles.PvProduction, asset: "pv-1", address: 3)
            .ToYaml();
    }

    /// <summary>Stops the emulated devices: the gateway then only reports them down, so no reading is generated any more.</summary>
    public async Task StopDevicesAsync()
    {
        if (Emulated is not null) await Emulated.DisposeAsync();
        Emulated = null;
    }

    /// <summary>
    /// (seq, time) of every stored reading message per device, read across every measurement: a message counts as
    /// stored when any of its readings is. (A meter stopped mid-poll publishes the blocks it had read, so the last
    /// message of a device may lack some quantities; counting one quantity only would call it lost.)
    /// </summary>
    public async Task<Dictionary<string, List<(long Seq, DateTimeOffset Time)>>> StoredAsync()
    {
        var messages = Devices.ToDictionary(d => d, _ => new HashSet<(long, DateTimeOffset)>());
        Dictionary<(string Device, long Seq), HashSet<string>> quantities = [];
        var query = Uri.EscapeDataString($"SELECT \"seq\", \"device\" FROM /.*/ WHERE \"site\" = '{SiteId}'");
        string json;
        try { json = await _influxHttp.GetStringAsync($"query?db={Database}&q={query}"); }
        catch (HttpRequestException) { return messages.ToDictionary(m => m.Key, _ => new List<(long, DateTimeOffset)>()); }
        using var doc = JsonDocument.Parse(json);
        var statement = doc.RootElement.GetProperty("results")[0];
        if (statement.TryGetProperty("series", out var series))
        {
            foreach (var measurement in series.EnumerateArray())
            {
                var name = measurement.GetProperty("name").GetString()!;
                foreach (var row in measurement.GetProperty("values").EnumerateArray())
                {
                    var time = DateTimeOffset.Parse(row[0].GetString()!, CultureInfo.InvariantCulture);
                    var device = row[2].GetString()!;
                    if (!messages.TryGetValue(device, out var set)) messages[device] = set = [];
                    set.Add((row[1].GetInt64(), time));
                    if (!quantities.TryGetValue((device, row[1].GetInt64()), out var names)) quantities[(device, row[1].GetInt64())] = names = [];
                    names.Add(name);
                }
            }
        }
        // A message without some of the quantities its device's other messages carry (a partial read), for the test's output.
        PartialMessages = [.. quantities.GroupBy(q => q.Key.Device).SelectMany(device =>
        {
            var all = device.SelectMany(q => q.Value).ToHashSet();
            return device.Where(q => q.Value.Count < all.Count).OrderBy(q => q.Key.Seq)
                .Select(q => new PartialMessage(q.Key.Device, q.Key.Seq, [.. all.Except(q.Value).Order()]));
        })];
        return messages.ToDictionary(m => m.Key, m => m.Value.ToList());
    }

    /// <summary>After <see cref="StoredAsync"/>: the stored messages that lack quantities their device's other messages carry.</summary>
    public IReadOnlyList<PartialMessage> PartialMessages { get; private set; } = [];

    /// <summary>A stored message lacking quantities its device's other messages carry.</summary>
    public sealed record PartialMessage(string Device, long Seq, IReadOnlyList<string> Missing)
    {
        public override string ToString() => $"{Device} seq {Seq} without {string.Join(", ", Missing)}";
    }

    public async Task<int> StoredCountAsync() => (await StoredAsync()).Values.Sum(l => l.Count);

    public string Diagnostics() => $"--- gateway\n{Tail(GatewayProcess.Output)}\n--- server\n{Tail(Server.Output)}";

    private static string Tail(string text) => text.Length <= 60000 ? text : text[^60000..];

    private static async Task RunAsync(string program, params string[] args)
    {
        using var p = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{program} failed: {await p.StandardError.ReadToEndAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        await GatewayProcess.DisposeAsync();
        await Server.DisposeAsync();
        await StopDevicesAsync();
        await Broker.DisposeAsync();
        await Influx.DisposeAsync();
        _influxHttp.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
