using CsCheck;
using Lustrac.Energy.Server.Storage;
using Lustrac.Energy.Server.Api.Autonomy;
using Lustrac.Energy.Server.Figures;
using Lustrac.Energy.Server.ResultStore;
using Lustrac.Energy.Server.Scheduling;

namespace Lustrac.Energy.Server.Tests.Autonomy;

/// <summary>
/// Property: whatever the delivery order, however many stored messages are delivered again, and whenever the
/// intervals are closed (during a silence included), the stored figures equal one computation over everything
/// stored. Random schedules; both stores.
/// </summary>
public abstract class DeliveryOrderContract
{
    private static readonly DateTimeOffset Start = Golden.T0.AddHours(-2); // 08:00 UTC
    private static readonly DateTimeOffset End = Golden.T0.AddHours(5);    // 15:00 UTC

    protected abstract Task<AutonomyStores> CreateStoresAsync();
    protected abstract long Iterations { get; }

    /// <summary>
    /// Readings of h01, h02 and the shared array at random minutes; h01 falls silent for 0–8 h at a random time
    /// (so sometimes longer than the 6 h maximum gap) and its counter is sometimes reset to 0 once.
    /// </summary>
    private static List<StoredReading> History(Random rng)
    {
        var list = new List<StoredReading>();
        int silenceFrom = rng.Next(0, 420), silence = rng.Next(0, 480), reset = rng.Next(0, 3) == 0 ? rng.Next(0, 420) : -1;
        foreach (var (device, quantity) in new[] { ("h01-meter", "energy_import"), ("h01-meter", "energy_export"), ("h02-meter", "energy_import"),
                     ("h02-meter", "energy_export"), ("pv-1-inverter", "energy_produced") })
        {
            double value = rng.Next(0, 1000);
            for (int m = rng.Next(0, 10); m <= 420; m += rng.Next(1, 25))
            {
                if (device == "h01-meter" && m >= silenceFrom && m < silenceFrom + silence) continue;
                value = device == "h01-meter" && reset >= 0 && m >= reset && m - reset < 25 && quantity == "energy_import" ? rng.NextDouble() : value + rng.NextDouble() * 0.4;
                if (reset >= 0 && m >= reset && m - reset < 25) reset = -2;
                list.Add(Golden.Counter(device, quantity, Start.AddMinutes(m).AddSeconds(rng.Next(0, 60)), value));
            }
        }
        return list;
    }

    [Fact]
    public async Task Any_delivery_order_redelivery_or_close_time_stores_the_same_figures()
    {
        await Gen.Int.SampleAsync(async seed =>
        {
            var rng = new Random(seed);
            var history = History(rng);

            // Reference: everything stored, then computed once.
            var reference = await CreateStoresAsync();
            await reference.Readings.WriteAsync(history, CancellationToken.None);
            var once = Golden.Calculator(reference);
            await once.ResumeAsync(Start.UtcDateTime, CancellationToken.None);
            await once.CloseDueAsync(End.AddHours(1).UtcDateTime, CancellationToken.None);

            // Live: messages delivered in a random order, a quarter of them delivered again later, closes in between.
            var live = await CreateStoresAsync();
            var recalculation = new LateDataQueue(Golden.Plan);
            var calculator = Golden.Calculator(live, recalculation);
            await calculator.ResumeAsync(Start.UtcDateTime, CancellationToken.None);
            var deliveries = history.Concat(history.Where(_ => rng.Next(4) == 0)).OrderBy(_ => rng.Next()).ToList();
            var now = Start;
            for (int i = 0; i < deliveries.Count;)
            {
                var batch = deliveries.Skip(i).Take(rng.Next(1, 12)).ToList();
                i += batch.Count;
                // The clock never runs behind a reading it has received; sometimes it jumps ahead by hours.
                var newest = batch.Max(r => r.Time);
                now = (newest > now ? newest : now).AddMinutes(rng.Next(0, 4) == 0 ? rng.Next(0, 240) : rng.Next(0, 5));
                await live.Readings.WriteAsync(batch, CancellationToken.None);
                recalculation.Touched(batch);
                await calculator.ProcessTouchedAsync(CancellationToken.None);
                await calculator.CloseDueAsync(now.UtcDateTime, CancellationToken.None);
            }
            await calculator.CloseDueAsync(End.AddHours(1).UtcDateTime, CancellationToken.None);
            await calculator.ProcessTouchedAsync(CancellationToken.None);

            foreach (var h in new[] { "h01", "h02", null })
            {
                var expected = await reference.Results.ReadEnergyAsync(h, Start.UtcDateTime, End.UtcDateTime, CancellationToken.None);
                var actual = await live.Results.ReadEnergyAsync(h, Start.UtcDateTime, End.UtcDateTime, CancellationToken.None);
                Assert.Equal(expected.Count, actual.Count);
                Assert.Equal(expected, actual);
            }
            // The reasons too: the same counter events on the same intervals.
            Assert.Equal(await reference.Results.ReadCounterEventsAsync(Start.UtcDateTime, End.UtcDateTime, CancellationToken.None),
                await live.Results.ReadCounterEventsAsync(Start.UtcDateTime, End.UtcDateTime, CancellationToken.None));
        }, iter: Iterations, threads: 1);
    }
}

public sealed class SqliteDeliveryOrderTests : DeliveryOrderContract, IDisposable
{
    private readonly SqliteAutonomyFolder _folder = new();
    protected override Task<AutonomyStores> CreateStoresAsync() => _folder.CreateAsync();
    protected override long Iterations => 25;
    public void Dispose() => _folder.Dispose();
}

[Collection(SharedServicesCollection.Name)]
public sealed class InfluxDeliveryOrderTests(Lustrac.Energy.Testing.SharedServices services) : DeliveryOrderContract
{
    protected override Task<AutonomyStores> CreateStoresAsync() => InfluxAutonomyStores.CreateAsync(services);
    protected override long Iterations => 8;
}
