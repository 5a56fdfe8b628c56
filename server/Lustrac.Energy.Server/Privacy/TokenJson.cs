using System.Globalization;
using System.Text.Json.Serialization;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>A token as listed: its principal and id, never its hash.</summary>
public sealed record TokenJson(
    [property: JsonPropertyName("principal")] string Principal,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("since")] string? Since)
{
    public static TokenJson Of(TokenEntry e) => new(e.Principal, e.Id, e.Revoked ? "revoked" : "active",
        e.Issued?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
}

/// <summary>The answer to issuing a token: the plain token, shown here only, with its link and printable card.</summary>
public sealed record IssuedTokenJson(
    [property: JsonPropertyName("principal")] string Principal,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("token")] string Token,
    [property: JsonPropertyName("link")] string Link,
    [property: JsonPropertyName("card_svg")] string CardSvg);

public sealed record RevokedJson([property: JsonPropertyName("revoked")] IReadOnlyList<string> Revoked);
