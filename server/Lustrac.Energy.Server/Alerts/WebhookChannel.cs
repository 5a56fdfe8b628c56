using System.Net.Http.Json;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>
/// JSON POST to Alerts:WebhookUrl: <c>{site, at, notices:[{event, at, alert}], open:[alert…]}</c>, alerts in the shape
/// of /api/alerts. A chat bridge or a phone gateway can read the "message" of each notice.
/// </summary>
public sealed class WebhookChannel(HttpClient http, Uri url) : IAlertChannel
{
    public string Name => "webhook";

    public async Task DeliverAsync(AlertDelivery delivery, CancellationToken ct)
    {
        var body = new { site = delivery.Site, at = Protocol.Messages.ReadingCodec.FormatTime(delivery.At),
            notices = delivery.Notices.Select(AlertJson.Of), open = delivery.Open.Select(AlertJson.Of) };
        using var response = await http.PostAsJsonAsync(url, body, AlertJson.Options, ct).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
