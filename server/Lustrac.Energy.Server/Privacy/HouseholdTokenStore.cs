using System.Security.Cryptography;
using System.Text;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>
/// Who holds which screen token. The secrets file lives beside the server only (never in the site file, which is
/// copied to every gateway) and stores SHA-256 hashes, one line per principal: <c>h01 sha256:&lt;hex&gt;</c>.
/// A principal is a household id or <see cref="Operator"/> (the energy working group's full view).
/// Tokens are 256 random bits, so a plain hash is enough: there is nothing to brute-force.
/// </summary>
public sealed class HouseholdTokenStore
{
    public const string Operator = "operator";
    private const string HashPrefix = "sha256:";
    private readonly Dictionary<string, string> _principalByHash;

    private HouseholdTokenStore(Dictionary<string, string> principalByHash) => _principalByHash = principalByHash;

    /// <summary>The household id or "operator" holding this token, or null for an unknown token.</summary>
    public string? PrincipalOf(string token) => _principalByHash.GetValueOrDefault(Hash(token));

    public static string Mint() => "lt_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        HashPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string FileLine(string principal, string token) => $"{principal} {Hash(token)}";

    /// <summary>
    /// Reads the secrets file; principals of the site (every household, plus operator) without a token get one,
    /// appended to the file. The plain tokens minted now are returned so start-up can show them once.
    /// </summary>
    public static (HouseholdTokenStore Store, IReadOnlyDictionary<string, string> Minted) LoadOrMint(string path, SiteModel site)
    {
        var byHash = new Dictionary<string, string>(StringComparer.Ordinal);
        var principals = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            var lineNumber = 0;
            foreach (var raw in File.ReadAllLines(path))
            {
                lineNumber++;
                var line = raw.Trim();
                if (line.Length == 0 || line.StartsWith('#')) continue;
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length != 2 || !parts[1].StartsWith(HashPrefix, StringComparison.Ordinal))
                    throw new StartupException($"{path}:{lineNumber}: expected '<household or operator> sha256:<hex>'.");
                var principal = parts[0];
                if (principal != Operator && site.Households.All(h => h.Id != principal))
                    throw new StartupException($"{path}:{lineNumber}: '{principal}' is neither a household of the site nor '{Operator}'.");
                byHash[parts[1].ToLowerInvariant()] = principal;
                principals.Add(principal);
            }
        }

        var minted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var principal in site.Households.Select(h => h.Id).Append(Operator).Where(p => !principals.Contains(p)))
        {
            var token = Mint();
            minted[principal] = token;
            byHash[Hash(token)] = principal;
        }
        if (minted.Count > 0) AppendSecrets(path, minted);
        return (new HouseholdTokenStore(byHash), minted);
    }

    private static void AppendSecrets(string path, Dictionary<string, string> minted)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null) Directory.CreateDirectory(folder);
        var isNew = !File.Exists(path);
        var text = new StringBuilder();
        if (isNew) text.AppendLine("# Screen tokens (hashes only). Delete a line to revoke; the server mints a new token at next start.");
        foreach (var (principal, token) in minted) text.AppendLine(FileLine(principal, token));
        File.AppendAllText(path, text.ToString());
        // Readable by the server's user only: hashes are not secrets, but nobody else needs them.
        if (isNew && !OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }
}
