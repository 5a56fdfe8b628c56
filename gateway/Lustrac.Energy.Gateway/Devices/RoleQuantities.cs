using Lustrac.Energy.Protocol.Messages;
using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;

namespace Lustrac.Energy.Gateway.Devices;

/// <summary>
/// Turns what an import/export meter counts (import-positive power, import and export registers) into the quantities
/// of the role it plays (<see cref="MeterCounters"/>): a PV meter's chosen register becomes <c>energy_produced</c>, a
/// battery meter's become <c>energy_charged</c> and <c>energy_discharged</c>, and power turns forward-positive
/// (production, discharge). The register the role does not use is not published: on a PV meter it counts only the
/// inverter's night-time standby draw, which no balance reads.
/// </summary>
public sealed class RoleQuantities
{
    /// <summary>A grid (household) meter: published as the meter counts.</summary>
    public static readonly RoleQuantities GridMeter = new(new Dictionary<string, string?>(), negatePower: false);

    private static readonly HashSet<string> Powers = [QuantityNames.ActivePower, QuantityNames.ActivePowerL1, QuantityNames.ActivePowerL2, QuantityNames.ActivePowerL3];
    private readonly IReadOnlyDictionary<string, string?> _renames;
    private readonly bool _negatePower;

    private RoleQuantities(IReadOnlyDictionary<string, string?> renames, bool negatePower)
    {
        _renames = renames;
        _negatePower = negatePower;
    }

    public static RoleQuantities For(Device device)
    {
        var wiring = MeterCounters.For(device);
        if (wiring.Count == 0) return GridMeter;
        var renames = new Dictionary<string, string?> { [QuantityNames.EnergyImport] = null, [QuantityNames.EnergyExport] = null };
        foreach (var w in wiring) renames[w.Register == MeterRegister.Import ? QuantityNames.EnergyImport : QuantityNames.EnergyExport] = w.Quantity;
        return new RoleQuantities(renames, MeterCounters.ForwardIsExport(device));
    }

    /// <summary>The reading as the role publishes it, or null when the role has no use for it.</summary>
    public Reading? Apply(Reading reading)
    {
        if (_renames.TryGetValue(reading.Quantity, out var renamed))
            return renamed is null ? null : reading with { Quantity = renamed };
        if (_negatePower && Powers.Contains(reading.Quantity))
            return reading with { Value = reading.Value == 0 ? 0 : -reading.Value };
        return reading;
    }

    /// <summary>Quality by the vocabulary's plausible range: an impossible value travels flagged bad so the record shows the fault.</summary>
    public static Reading? Checked(Quantity q, double value)
    {
        if (!double.IsFinite(value)) return null;
        var quality = value < q.Min || value > q.Max ? ReadingQuality.Bad : ReadingQuality.Good;
        return new Reading(q.Name, value, q.Unit, quality);
    }
}
