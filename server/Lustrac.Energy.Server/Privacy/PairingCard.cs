using System.Security;
using QRCoder;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>
/// What the operator hands a household to pair a kiosk or a phone: the link that opens its screen with the token
/// (the page then keeps the token and removes it from the address bar), and a printable SVG card with its QR code.
/// </summary>
public static class PairingCard
{
    /// <summary>The screen's address with the token, e.g. <c>http://lustrac.local:8080/?token=lt_…</c>.</summary>
    public static string Link(string baseUrl, string token) => baseUrl.TrimEnd('/') + "/?token=" + Uri.EscapeDataString(token);

    /// <summary>The bare QR code of the link, as SVG (medium error correction: survives a smudged print).</summary>
    public static string QrSvg(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(8);
    }

    /// <summary>An A6-sized card: whose screen it is, the QR code, and the link written out for typing.</summary>
    public static string CardSvg(string title, string link)
    {
        var qr = QrSvg(link);
        // The QR's own <svg> nested inside the card, placed and scaled by the outer one.
        var inner = qr[qr.IndexOf("<svg", StringComparison.Ordinal)..];
        int tagEnd = inner.IndexOf('>');
        var openTag = System.Text.RegularExpressions.Regex.Replace(inner[..tagEnd], @"\s(width|height|x|y)=""[^""]*""", "");
        inner = openTag.Replace("<svg", "<svg x=\"40\" y=\"90\" width=\"340\" height=\"340\"", StringComparison.Ordinal) + inner[tagEnd..];
        return $"""
            <svg xmlns="http://www.w3.org/2000/svg" width="105mm" height="148mm" viewBox="0 0 420 592">
            <rect width="420" height="592" fill="#fff"/>
            <text x="210" y="50" font-family="DejaVu Sans, sans-serif" font-size="26" text-anchor="middle">{SecurityElement.Escape(title)}</text>
            {inner}
            <text x="210" y="470" font-family="DejaVu Sans, sans-serif" font-size="14" text-anchor="middle">Scannez avec la tablette ou le téléphone du foyer</text>
            <text x="210" y="495" font-family="DejaVu Sans, sans-serif" font-size="14" text-anchor="middle">Scan with the household's tablet or phone</text>
            <text x="210" y="540" font-family="DejaVu Sans Mono, monospace" font-size="8" text-anchor="middle">{SecurityElement.Escape(link)}</text>
            </svg>
            """;
    }
}
