using System.Net.Http.Headers;
using System.Text;

namespace Lustrac.Energy.Server.Storage;

/// <summary>What every call to InfluxDB's v1 HTTP API shares: credentials, and turning an error reply into a <see cref="StoreException"/>.</summary>
internal static class InfluxHttp
{
    public static void AddCredentials(HttpRequestMessage request, StoreSettings settings)
    {
        if (settings.InfluxUsername is null) return;
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{settings.InfluxUsername}:{settings.InfluxPassword}"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", token);
    }

    /// <summary>A 4xx means InfluxDB refused the data or the query (permanent); anything else may pass on a retry.</summary>
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
        throw new StoreException($"InfluxDB {what} failed: HTTP {(int)response.StatusCode} {text.Trim()}", permanent: (int)response.StatusCode is >= 400 and < 500);
    }
}
