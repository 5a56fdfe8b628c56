using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy;

/// <summary>
/// Who holds which screen token, as the secrets file (<see cref="TokenFile"/>) says now. The file lives beside the
/// server only (never in the site file, which is copied to every gateway) and stores hashes only. A principal is a
/// household id or <see cref="Operator"/>. The file is read again as soon as it changes — through this store's own
/// <see cref="Issue"/>/<see cref="Revoke"/>, or the <c>tokens</c> subcommand run beside a running server — so a revoked
/// token is refused from the next request, and <see cref="ChangedAsync"/> wakes open screen streams to end theirs.
/// </summary>
public sealed class HouseholdTokenStore : IDisposable
{
    public const string Operator = "operator";

    private readonly string _path;
    private readonly SiteModel _site;
    private readonly FileSystemWatcher? _watcher;
    private readonly Lock _gate = new();
    private volatile Dictionary<string, string> _principalByHash = new(StringComparer.Ordinal);
    private (DateTime Written, long Length) _readVersion;
    private bool _loaded;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HouseholdTokenStore(string path, SiteModel site)
    {
        (_path, _site) = (path, site);
        Reload();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is null || !Directory.Exists(folder)) return;
        _watcher = new FileSystemWatcher(folder, Path.GetFileName(path)) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        _watcher.Changed += (_, _) => ReloadIfChanged();
        _watcher.Created += (_, _) => ReloadIfChanged();
        _watcher.Renamed += (_, _) => ReloadIfChanged();
        _watcher.EnableRaisingEvents = true;
    }

    /// <summary>The household id or "operator" holding this token, or null for an unknown or revoked token.</summary>
    public string? PrincipalOf(string token)
    {
        ReloadIfChanged(); // one stat of the file: a revocation by the subcommand counts from the next request
        return _principalByHash.GetValueOrDefault(TokenFile.Hash(token));
    }

    /// <summary>Completes at the next change of the tokens (issue or revocation).</summary>
    public Task ChangedAsync() => Volatile.Read(ref _changed).Task;

    public static string Mint() => TokenFile.Mint();
    public static string Hash(string token) => TokenFile.Hash(token);
    public static string FileLine(string principal, string token) => TokenFile.Line(principal, token);

    /// <summary>A new token for a household or the operator (a kiosk and a phone each get their own); only its hash is written.</summary>
    public (string Token, string Id) Issue(string principal, DateTimeOffset now)
    {
        var token = Mint();
        lock (_gate) TokenFile.Append(_path, [TokenFile.Line(principal, token, now)]);
        Reload();
        return (token, TokenFile.IdOf(Hash(token)));
    }

    public IReadOnlyList<TokenEntry> List() => TokenFile.Read(_path, _site);

    /// <summary>Revokes every token of a principal, or one token by its id; refused from now on, open streams included.</summary>
    public IReadOnlyList<string> Revoke(string principalOrId, DateTimeOffset now)
    {
        IReadOnlyList<string> revoked;
        lock (_gate) revoked = TokenFile.Revoke(_path, principalOrId, now);
        Reload();
        return revoked;
    }

    /// <summary>
    /// Reads the secrets file; principals of the site (every household, plus operator) that never had a token get one,
    /// appended to the file. The plain tokens minted now are returned so start-up can show them once.
    /// </summary>
    public static (HouseholdTokenStore Store, IReadOnlyDictionary<string, string> Minted) LoadOrMint(string path, SiteModel site)
    {
        // A household gone from the site loses its tokens for good: an id given later to a new household opens nothing of the old.
        foreach (var gone in TokenFile.Read(path, site).Where(e => e.Principal != Operator && site.Households.All(h => h.Id != e.Principal)).Select(e => e.Principal).Distinct().ToList())
            TokenFile.Revoke(path, gone, DateTimeOffset.UtcNow);
        var known = TokenFile.Read(path, site).Select(e => e.Principal).ToHashSet(StringComparer.Ordinal);
        var minted = site.Households.Select(h => h.Id).Append(Operator).Where(p => !known.Contains(p))
            .ToDictionary(p => p, _ => Mint(), StringComparer.Ordinal);
        if (minted.Count > 0) TokenFile.Append(path, minted.Select(m => TokenFile.Line(m.Key, m.Value)));
        return (new HouseholdTokenStore(path, site), minted);
    }

    private void ReloadIfChanged()
    {
        var info = new FileInfo(_path);
        var version = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        if (version != _readVersion) Reload();
    }

    private void Reload()
    {
        lock (_gate)
        {
            var info = new FileInfo(_path);
            var version = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
            Dictionary<string, string> byHash;
            try
            {
                byHash = TokenFile.Read(_path, _site).Where(e => !e.Revoked)
                    .ToDictionary(e => e.Hash!, e => e.Principal, StringComparer.Ordinal);
            }
            catch (Exception ex) when (_loaded && ex is IOException or StartupException)
            {
                // Caught mid-rename, or a hand edit gone wrong while running: keep the last good tokens (a revoked
                // one stays refused: revocations only remove), until the file reads well again.
                return;
            }
            _loaded = true;
            _principalByHash = byHash;
            _readVersion = version;
            Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }
    }

    public void Dispose() => _watcher?.Dispose();
}
