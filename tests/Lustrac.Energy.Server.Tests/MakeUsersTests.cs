// Keeps literal YAML: its subject is the site file as written (flow style, a broken file and the loader message).
namespace Lustrac.Energy.Server.Tests;

/// <summary>deploy/mosquitto/make-users.sh reads the site file with the project's own loader, whatever YAML style it is in.</summary>
public sealed class MakeUsersTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-users-").FullName;

    [Fact]
    public void Makes_a_user_and_an_acl_entry_for_every_gateway_of_a_flow_style_site_file()
    {
        var site = Path.Combine(_folder, "flow.yaml");
        // The same site as SecuredSite, written in YAML flow style: valid YAML that text patterns cannot read.
        File.WriteAllText(site, """
            site: {id: flowsite, latitude: 44.4, longitude: 0.85}
            households: [{id: h01}, {id: h02}]
            gateways: [{id: gw-a}, {id: gw-b, poll_seconds: 5}]
            devices:
              - {id: a-meter, gateway: gw-a, kind: sdm630, bus: "modbus-tcp://127.0.0.1:1502", address: 1, role: household_meter, household: h01}
              - {id: b-meter, gateway: gw-b, kind: sdm630, bus: "modbus-tcp://127.0.0.1:1502", address: 2, role: household_meter, household: h02}
            """);
        var etc = Path.Combine(_folder, "etc");

        SecuredSite.Run("make-users.sh", site, etc);

        var users = File.ReadAllLines(Path.Combine(etc, "passwd")).Select(l => l.Split(':')[0]).Order(StringComparer.Ordinal);
        Assert.Equal(["gw-a", "gw-b", "server"], users);
        var acl = File.ReadAllText(Path.Combine(etc, "acl"));
        Assert.Contains("user gw-a\ntopic write lustrac/v1/flowsite/gw-a/#", acl);
        Assert.Contains("user gw-b\ntopic write lustrac/v1/flowsite/gw-b/#", acl);
    }

    [Fact]
    public void Stops_on_a_broken_site_file_with_the_loaders_message_and_makes_nothing()
    {
        var site = Path.Combine(_folder, "broken.yaml");
        File.WriteAllText(site, "site: {id: s1, latitude: 44.4, longitude: 0.85}\nhouseholds: []\ngateways: [{id: gw-a}]\ndevices: [{id: m, gateway: gw-z, kind: sdm630, bus: \"modbus-tcp://h:1\", address: 1, role: pv_production}]\n");
        var etc = Path.Combine(_folder, "etc-broken");

        var ex = Assert.Throws<InvalidOperationException>(() => SecuredSite.Run("make-users.sh", site, etc));

        Assert.Contains("gw-z", ex.Message); // the loader names the unknown gateway
        Assert.False(File.Exists(Path.Combine(etc, "passwd")));
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); }
        catch (IOException) { /* best effort */ }
    }
}
