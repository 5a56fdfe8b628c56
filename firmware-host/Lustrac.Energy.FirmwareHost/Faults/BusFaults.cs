using Lustrac.Energy.FirmwareHost.Clock;
using Lustrac.Energy.FirmwareHost.Modbus;
using Lustrac.Energy.FirmwareHost.Physics;

namespace Lustrac.Energy.FirmwareHost.Faults;

/// <summary>
/// The wire faults of the units on one bus, evaluated per request at the simulated now. Which requests a
/// probability hits is drawn from the seed and a per-unit request count, so a run with the same requests repeats.
/// </summary>
public sealed class BusFaults(IReadOnlyDictionary<byte, IReadOnlyList<FaultSpec>> faultsByUnit, SimulationClock clock, ulong seed) : IWireFaults
{
    private readonly long[] _requestCounts = new long[256];

    public WireFault For(byte unitId)
    {
        if (!faultsByUnit.TryGetValue(unitId, out var faults)) return WireFault.None;
        var now = clock.Now;
        var n = Interlocked.Increment(ref _requestCounts[unitId]);
        foreach (var fault in faults)
        {
            if (!fault.IsWireFault || !fault.IsActiveAt(now)) continue;
            if (fault.Probability < 1 && StableRandom.Unit(StableRandom.Combine(StableRandom.Combine(seed, fault.Device), (ulong)n)) >= fault.Probability) continue;
            return fault.Kind switch
            {
                FaultKind.Timeout or FaultKind.Unplugged => new WireFault(WireFaultKind.NoReply),
                FaultKind.CrcError => new WireFault(WireFaultKind.CorruptCrc),
                _ => new WireFault(WireFaultKind.Exception, fault.Code),
            };
        }
        return WireFault.None;
    }
}
