using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Lustrac.Energy.Server.Alerts;

/// <summary>One plain-text e-mail per evaluation with notices, through the SMTP server of Alerts:Smtp (MailKit).</summary>
public sealed class EmailChannel(SmtpSettings smtp) : IAlertChannel
{
    public string Name => "e-mail";

    public async Task DeliverAsync(AlertDelivery delivery, CancellationToken ct)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From!));
        foreach (var to in smtp.Recipients()) message.To.Add(MailboxAddress.Parse(to));
        message.Subject = Subject(delivery);
        message.Body = new TextPart("plain") { Text = Body(delivery) };
        using var client = new SmtpClient { Timeout = 15_000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, Security(smtp.Security), ct).ConfigureAwait(false);
        if (!string.IsNullOrEmpty(smtp.Username)) await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct).ConfigureAwait(false);
        await client.SendAsync(message, ct).ConfigureAwait(false);
        await client.DisconnectAsync(true, ct).ConfigureAwait(false);
    }

    public static string Subject(AlertDelivery d)
    {
        var raised = d.Notices.Count(n => n.Event == AlertEvent.Raised);
        var cleared = d.Notices.Count(n => n.Event == AlertEvent.Cleared);
        var reminded = d.Notices.Count(n => n.Event == AlertEvent.Reminder);
        var parts = new List<string>();
        if (raised > 0) parts.Add($"{raised} new");
        if (reminded > 0) parts.Add($"{reminded} still open");
        if (cleared > 0) parts.Add($"{cleared} cleared");
        var first = d.Notices.FirstOrDefault(n => n.Event != AlertEvent.Cleared) ?? d.Notices[0];
        return $"[Lustrac {d.Site}] alerts: {string.Join(", ", parts)}: {first.Alert.Condition.Kind} {first.Alert.Condition.Subject}";
    }

    private static string Body(AlertDelivery d)
    {
        var text = new StringBuilder();
        foreach (var group in d.Notices.GroupBy(n => n.Event))
        {
            text.Append(group.Key switch { AlertEvent.Raised => "New", AlertEvent.Reminder => "Still open", _ => "Cleared" }).Append(":\n");
            foreach (var n in group)
                text.Append("- ").Append(n.Alert.Condition.Message).Append(" [").Append(n.Alert.Condition.Key)
                    .Append(", since ").Append(AlertText.Time(n.Alert.RaisedAt)).Append("]\n");
            text.Append('\n');
        }
        text.Append($"Open alerts now: {d.Open.Count}. Every alert: GET /api/alerts (operator token).\n");
        return text.ToString();
    }

    private static SecureSocketOptions Security(string name) => name switch
    {
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" => SecureSocketOptions.SslOnConnect,
        "none" => SecureSocketOptions.None,
        _ => SecureSocketOptions.Auto,
    };
}
