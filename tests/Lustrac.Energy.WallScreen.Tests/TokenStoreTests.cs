using Lustrac.Energy.Protocol.Site;
using Lustrac.Energy.Server;
using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Testing;

namespace Lustrac.Energy.WallScreen.Tests;

public sealed class TokenStoreTests : IDisposable
{
    private readonly ScreenTestSite _site = new(modbusPort: 1502);

    [Fact]
    public void Missing_tokens_are_minted_and_only_their_hashes_are_written()
    {
        File.Delete(_site.SecretsFile);
        var (store, minted) = HouseholdTokenStore.LoadOrMint(_site.SecretsFile, SiteLoader.LoadFile(_site.SiteFile));
        Assert.Equal(ScreenTestSite.Households.Length + 1, minted.Count);
        var file = File.ReadAllText(_site.SecretsFile);
        foreach (var (principal, token) in minted)
        {
            Assert.Equal(principal, store.PrincipalOf(token));
            Assert.DoesNotContain(token, file);
            Assert.Contains(HouseholdTokenStore.Hash(token), file);
        }
        var (again, mintedAgain) = HouseholdTokenStore.LoadOrMint(_site.SecretsFile, SiteLoader.LoadFile(_site.SiteFile));
        Assert.Empty(mintedAgain);
        Assert.Equal("h01", again.PrincipalOf(minted["h01"]));
        Assert.Null(again.PrincipalOf("lt_guess"));
    }

    [Fact]
    public void A_token_for_a_household_the_site_does_not_have_is_revoked_and_opens_nothing()
    {
        // A household gone from the site (left, or deleted from the file) no longer stops the server: its tokens are
        // revoked for good (README, privacy: a household that leaves).
        File.WriteAllText(_site.SecretsFile, HouseholdTokenStore.FileLine("h99", "x") + "\n");
        var (store, _) = HouseholdTokenStore.LoadOrMint(_site.SecretsFile, SiteLoader.LoadFile(_site.SiteFile));
        using (store) Assert.Null(store.PrincipalOf("x"));
        Assert.Contains(File.ReadAllLines(_site.SecretsFile), l => l.StartsWith("h99 revoked:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_site_file_holds_no_token()
    {
        // Tokens live beside the server only; the site file is copied to every gateway.
        Assert.DoesNotContain("sha256", File.ReadAllText(RepositoryPaths.SampleSite));
        Assert.DoesNotContain("token", File.ReadAllText(RepositoryPaths.SampleSite), StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => _site.Dispose();
}
