using System.Diagnostics;

namespace Lustrac.Energy.Testing;

/// <summary>
/// A real Mosquitto broker on a free loopback port, with persistence in its own folder so a restart keeps
/// sessions and queued messages. <paramref name="extraConfig"/> lines are appended (ACLs, queue limits…).
/// </summary>
public sealed class MosquittoProcess(string extraConfig = "", bool allowAnonymous = true) : ServiceProcess("mosquitto")
{
    public string ConfigPath => Path.Combine(Folder, "mosquitto.conf");

    protected override ProcessStartInfo StartInfo()
    {
        if (!File.Exists(ConfigPath))
        {
            File.WriteAllText(ConfigPath, $"""
                listener {Port} 127.0.0.1
                allow_anonymous {(allowAnonymous ? "true" : "false")}
                persistence true
                persistence_location {Folder}/
                log_dest stdout
                {(Environment.UserName == "root" ? "user root" : "")}
                {extraConfig}

                """);
        }
        return new ProcessStartInfo(Require("mosquitto"), ["-c", ConfigPath]);
    }

    public static async Task<MosquittoProcess> StartNewAsync(string extraConfig = "", bool allowAnonymous = true)
    {
        var m = new MosquittoProcess(extraConfig, allowAnonymous);
        await m.StartAsync();
        return m;
    }
}
