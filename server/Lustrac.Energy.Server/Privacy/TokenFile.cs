using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>One line of the secrets file: a live token's hash, or the trace of a revoked one (no hash, never valid).</summary>
public sealed record TokenEntry(string Principal, string? Hash, string Id, DateTimeOffset? Issued, bool Revoked);

/// <summary>
/// The secrets file (<c>Privacy:SecretsFile</c>), read and written by the server and by the <c>tokens</c> subcommand.
/// One line per token: <c>h01 sha256:&lt;hex&gt; [issued]</c>; a revoked token becomes <c>h01 revoked:&lt;id&gt; [when]</c>, so
/// the server does not mint that household a new token at its next start (it is revoked, not forgotten). Hashes only:
/// tokens are 256 random bits, so a plain SHA-256 cannot be brute-forced. Rewrites go through a temporary file and a
/// rename, so a server reading at the same moment sees the old file or the new one, never half of one.
/// </summary>
public static class TokenFile
{
    public const string HashPrefix = "sha256:";
    public const string RevokedPrefix = "revoked:";

    public static string Mint() => "lt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>What the operator calls a token in lists and revocations: the first 12 hex digits of its hash (not secret).</summary>
    public static string IdOf(string hash) => hash[HashPrefix.Length..Math.Min(hash.Length, HashPrefix.Length + 12)];

    public static string Line(string principal, string token, DateTimeOffset? issued = null) =>
        $"{principal} {Hash(token)}" + (issued is { } i ? " " + i.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "");

    /// <exception cref="StartupException">A line is not understood, or names a principal the site does not have.</exception>
    public static List<TokenEntry> Read(string path, SiteModel site)
    {
        var entries = new List<TokenEntry>();
        if (!File.Exists(path)) return entries;
        var lineNumber = 0;
        foreach (var raw in File.ReadAllLines(path))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            bool hashed = parts.Length >= 2 && parts[1].StartsWith(HashPrefix, StringComparison.Ordinal);
            bool revoked = parts.Length >= 2 && parts[1].StartsWith(RevokedPrefix, StringComparison.Ordinal);
            DateTimeOffset? when = null;
            if (parts.Length == 3 && DateTimeOffset.TryParse(parts[2], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var w)) when = w;
            if (parts.Length is < 2 or > 3 || !(hashed || revoked) || (parts.Length == 3 && when is null))
                throw new StartupException($"{path}:{lineNumber}: expected '<household or operator> sha256:<hex> [issued time]'.");
            var principal = parts[0];
            // A household no longer in the site (left, or removed from the file): its tokens open nothing any more.
            var departed = principal != HouseholdTokenStore.Operator && site.Households.All(h => h.Id != principal);
            if (departed && hashed) entries.Add(new TokenEntry(principal, null, IdOf(parts[1].ToLowerInvariant()), when, true));
            else entries.Add(hashed
                ? new TokenEntry(principal, parts[1].ToLowerInvariant(), IdOf(parts[1].ToLowerInvariant()), when, false)
                : new TokenEntry(principal, null, parts[1][RevokedPrefix.Length..], when, true));
        }
        return entries;
    }

    /// <summary>Appends lines, creating the file (readable by the server's user only) when it is new.</summary>
    public static void Append(string path, IEnumerable<string> lines)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        var isNew = !File.Exists(path);
        var text = new StringBuilder();
        if (isNew) text.AppendLine("# Screen tokens (hashes only). Manage them with: Lustrac.Energy.Server tokens issue|list|revoke");
        foreach (var line in lines) text.AppendLine(line);
        File.AppendAllText(path, text.ToString());
        // Hashes are not secrets, but nobody else needs them.
        if (isNew && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    /// <summary>Turns every live token of <paramref name="principalOrId"/> (a household, "operator", or a token id) into a
    /// revoked line; returns the ids revoked (none: nothing matched, the file is unchanged).</summary>
    public static IReadOnlyList<string> Revoke(string path, string principalOrId, DateTimeOffset now)
    {
        if (!File.Exists(path)) return [];
        var revoked = new List<string>();
        var lines = File.ReadAllLines(path).Select(raw =>
        {
            var parts = raw.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || raw.TrimStart().StartsWith('#') || !parts[1].StartsWith(HashPrefix, StringComparison.Ordinal)) return raw;
            var id = IdOf(parts[1].ToLowerInvariant());
            if (parts[0] != principalOrId && id != principalOrId) return raw;
            revoked.Add(id);
            return $"{parts[0]} {RevokedPrefix}{id} {now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}";
        }).ToList();
        if (revoked.Count == 0) return revoked;
        var temporary = path + ".tmp";
        File.WriteAllLines(temporary, lines);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temporary, path, overwrite: true);
        return revoked;
    }
}
