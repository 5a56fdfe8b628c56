using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Server.Privacy;

public static class PrivacyStartup
{
    /// <summary>
    /// <c>Privacy:SecretsFile</c> (default <c>data/households.secrets</c>): token hashes. Missing tokens are minted at
    /// start and logged once, with the link each household opens on its screen.
    /// </summary>
    public static IServiceCollection AddLustracPrivacy(this IServiceCollection services, IConfiguration config)
    {
        var path = config["Privacy:SecretsFile"] ?? "data/households.secrets";
        services.AddSingleton<PrivacyPolicy>();
        services.AddSingleton(sp =>
        {
            var (store, minted) = HouseholdTokenStore.LoadOrMint(path, sp.GetRequiredService<SiteModel>());
            var log = sp.GetRequiredService<ILoggerFactory>().CreateLogger("Lustrac.Privacy");
            foreach (var (principal, token) in minted)
                log.LogWarning("New screen token for {Principal} (shown once, hash kept in {File}): /?token={Token}", principal, path, token);
            return store;
        });
        return services;
    }

    public static IEndpointConventionBuilder RequireOperator(this IEndpointConventionBuilder endpoint) =>
        endpoint.WithMetadata(new OperatorOnlyAttribute());
}
