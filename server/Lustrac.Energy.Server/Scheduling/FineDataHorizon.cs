using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;

namespace Lustrac.Energy.Server.Scheduling;

/// <summary>
/// Where the readings kept by Store:RetentionDays begin, plus a day for the neighbours an interval's energy is
/// interpolated from. Closed intervals before it are never recomputed: their readings are (partly) gone, and a
/// recomputation would replace figures kept forever by "missing" ones (a turning typed in from an old paper log,
/// a reading just inside the retention whose neighbour is already purged).
/// </summary>
public sealed class FineDataHorizon(StoreSettings store, TimeProvider clock)
{
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <summary>The earliest instant a recomputation may start at; null when readings are kept forever.</summary>
    public DateTime? RecomputableSinceUtc => store.RetentionDays > 0
        ? clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(store.RetentionDays) + Margin
        : null;
}
