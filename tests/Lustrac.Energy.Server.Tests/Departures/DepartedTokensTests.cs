using Lustrac.Energy.Server.Privacy;
using Lustrac.Energy.Server.Tests.Autonomy;

namespace Lustrac.Energy.Server.Tests.Departures;

/// <summary>A household that leaves loses its screen tokens for good, even if its id comes back for a new household.</summary>
public sealed class DepartedTokensTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lustrac-departed-tokens-").FullName;

    [Fact]
    public void A_departed_household_token_opens_nothing_and_stays_revoked_when_the_id_returns()
    {
        var path = Path.Combine(_folder, "households.secrets");
        var (before, minted) = HouseholdTokenStore.LoadOrMint(path, Golden.Site);
        var h01Token = minted["h01"];
        Assert.Equal("h01", before.PrincipalOf(h01Token));
        before.Dispose();

        // The server restarts on the site file where h01 is marked left: the token is refused, the line says revoked.
        var (gone, mintedWhenGone) = HouseholdTokenStore.LoadOrMint(path, DepartedPurgeContract.SiteWithH01Left());
        Assert.Null(gone.PrincipalOf(h01Token));
        Assert.Equal("h02", gone.PrincipalOf(minted["h02"]));
        Assert.Empty(mintedWhenGone);
        Assert.Contains(File.ReadAllLines(path), l => l.StartsWith("h01 revoked:", StringComparison.Ordinal));
        gone.Dispose();

        // A new household later gets the id h01: the old family's token still opens nothing; the operator issues it
        // a new one (a revoked principal is not minted a token silently at start).
        var (back, mintedWhenBack) = HouseholdTokenStore.LoadOrMint(path, Golden.Site);
        Assert.Null(back.PrincipalOf(h01Token));
        Assert.DoesNotContain("h01", mintedWhenBack.Keys);
        var (fresh, _) = back.Issue("h01", DateTimeOffset.UtcNow);
        Assert.Equal("h01", back.PrincipalOf(fresh));
        back.Dispose();
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
