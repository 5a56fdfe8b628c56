using Lustrac.Energy.Autonomy.Forecast;
using Lustrac.Energy.Protocol.Solar;

namespace Lustrac.Energy.Server.Forecast;

/// <summary>
/// <c>Forecast:CloudCoverFile</c>: an optional Open-Meteo forecast JSON (see <see cref="CloudCover"/>) that some job drops
/// on disk; read at each forecast, so a fresh file counts at once. Absent or unreadable: the clear-sky × ratio model alone
/// (a warning names the file and the problem). <c>Forecast:KeepFromLocalHour</c>: the first forecast at or after this local
/// hour (6 by default) is kept and scored.
/// </summary>
public sealed class ForecastSettings
{
    public string? CloudCoverFile { get; set; }
    public int KeepFromLocalHour { get; set; } = 6;

    internal ILogger? Log { get; set; }

    public CloudCover? Clouds()
    {
        if (string.IsNullOrWhiteSpace(CloudCoverFile) || !File.Exists(CloudCoverFile)) return null;
        try { return CloudCover.Parse(File.ReadAllText(CloudCoverFile), Irradiance.CloudAttenuation, CloudCoverFile); }
        catch (Exception e) when (e is FormatException or IOException)
        {
            Log?.LogWarning("Forecast without clouds: {Problem}", e.Message);
            return null;
        }
    }
}
