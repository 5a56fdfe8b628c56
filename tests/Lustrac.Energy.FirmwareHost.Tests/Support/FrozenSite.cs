using Lustrac.Energy.FirmwareHost.Hosting;
using Lustrac.Energy.Protocol.Site;
using Microsoft.Extensions.Time.Testing;

namespace Lustrac.Energy.FirmwareHost.Tests.Support;

/// <summary>The sample site, started on free loopback ports with a wall clock the test moves by hand.</summary>
public static class FrozenSite
{
    private static readonly Lazy<SiteModel> Sample = new(() => SiteLoader.LoadFile(RepoFiles.SampleSite));

    public static SiteModel Model => Sample.Value;

    public static readonly DateTimeOffset SummerNoon = new(2026, 6, 21, 11, 0, 0, TimeSpan.Zero);

    public static Task<EmulatedSite> StartAsync(DateTimeOffset start, FakeTimeProvider? wall = null, double speed = 1, ulong seed = 1) =>
        EmulatedSite.StartAsync(Model, new EmulatedSiteOptions
        {
            Start = start,
            Speed = speed,
            Seed = seed,
            TimeProvider = wall ?? new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)),
            EphemeralPorts = true,
        });
}
