using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Protocol.Site;

/// <summary>One of the two active-energy registers of an import/export meter.</summary>
public enum MeterRegister { Import, Export }

/// <summary>Which meter register gives one of the role's counters, and whether the site file chose it or the default did.</summary>
public sealed record CounterWiring(string Quantity, MeterRegister Register, string Setting, bool IsDefault);

/// <summary>
/// The role decides the quantity: an import/export meter (SDM120, SDM630, SunSpec meter) that measures a PV array or a
/// battery publishes the counters the engine reads for that role — <c>energy_produced</c>, or <c>energy_charged</c> and
/// <c>energy_discharged</c> — from the register its wiring gives, chosen by a device setting.
/// <para>Defaults follow the usual wiring: the meter's supply terminals face the distribution board (the grid side) and
/// its load terminals face the inverter, as for any circuit. A PV inverter then pushes energy backwards through the meter,
/// so production is counted on the <b>export</b> register; a battery inverter draws like a load while charging
/// (<b>import</b>) and pushes back while discharging (<b>export</b>).</para>
/// </summary>
public static class MeterCounters
{
    public const string ProductionCounter = "production_counter";
    public const string ChargeCounter = "charge_counter";
    public const string DischargeCounter = "discharge_counter";

    /// <summary>Meters that count import and export on two registers.</summary>
    public static bool IsImportExportMeter(string kind) => kind is DeviceKinds.Sdm120 or DeviceKinds.Sdm630 or DeviceKinds.SunSpecMeter;

    public static bool AppliesTo(Device d) =>
        IsImportExportMeter(d.Kind) && d.Role is Roles.PvProduction or Roles.HouseholdPv or Roles.Battery;

    /// <summary>The role's counters and their registers; an unreadable setting falls back to the default (the validator reports it).</summary>
    public static IReadOnlyList<CounterWiring> For(Device d)
    {
        if (!AppliesTo(d)) return [];
        return d.Role == Roles.Battery
            ? [Wiring(d, QuantityNames.EnergyCharged, ChargeCounter, MeterRegister.Import), Wiring(d, QuantityNames.EnergyDischarged, DischargeCounter, MeterRegister.Export)]
            : [Wiring(d, QuantityNames.EnergyProduced, ProductionCounter, MeterRegister.Export)];
    }

    /// <summary>
    /// True when the role's forward direction (production for PV, discharge for a battery) is the meter's export
    /// direction, so the meter's import-positive power must be negated to be forward-positive.
    /// </summary>
    public static bool ForwardIsExport(Device d) =>
        For(d).FirstOrDefault(w => w.Quantity is QuantityNames.EnergyProduced or QuantityNames.EnergyDischarged)?.Register == MeterRegister.Export;

    /// <summary>Problems with the counter settings, in words a person can act on.</summary>
    public static IEnumerable<string> Problems(Device d)
    {
        foreach (var setting in new[] { ProductionCounter, ChargeCounter, DischargeCounter })
        {
            if (!d.Settings.TryGetValue(setting, out var value)) continue;
            if (!For(d).Any(w => w.Setting == setting))
                yield return $"device '{d.Id}' sets '{setting}', which only applies to an sdm120, sdm630 or sunspec_meter in role " +
                             (setting == ProductionCounter ? "pv_production or household_pv." : "battery.");
            else if (Parse(value) is null)
                yield return $"device '{d.Id}': setting {setting}: '{value}' is not a meter register; use export or import.";
        }
        var battery = For(d);
        if (battery.Count == 2 && battery[0].Register == battery[1].Register)
            yield return $"device '{d.Id}' counts charge and discharge on the same {Name(battery[0].Register)} register; one of them must be the other register.";
    }

    /// <summary>What the meter will publish, said once at start (also listed in the README).</summary>
    public static string? Notice(Device d)
    {
        var wiring = For(d);
        if (wiring.Count == 0) return null;
        var parts = wiring.Select(w => $"{w.Quantity} from its {Name(w.Register)} register ({RegisterName(d.Kind, w.Register)}" +
                                       (w.IsDefault ? $", the default; set '{w.Setting}: {Name(Other(w.Register))}' if it is wired the other way round)" : $", set by '{w.Setting}')"));
        return $"device '{d.Id}' ({d.Kind}, {d.Role}) publishes {string.Join(" and ", parts)}.";
    }

    public static IEnumerable<string> Notices(IEnumerable<Device> devices) => devices.Select(Notice).OfType<string>();

    private static CounterWiring Wiring(Device d, string quantity, string setting, MeterRegister fallback)
    {
        var chosen = d.Settings.TryGetValue(setting, out var text) ? Parse(text) : null;
        return new CounterWiring(quantity, chosen ?? fallback, setting, chosen is null);
    }

    private static MeterRegister? Parse(string text) => text switch
    {
        "export" => MeterRegister.Export,
        "import" => MeterRegister.Import,
        _ => null,
    };

    private static MeterRegister Other(MeterRegister r) => r == MeterRegister.Export ? MeterRegister.Import : MeterRegister.Export;

    private static string Name(MeterRegister r) => r == MeterRegister.Export ? "export" : "import";

    private static string RegisterName(string kind, MeterRegister r) => kind == DeviceKinds.SunSpecMeter
        ? (r == MeterRegister.Export ? "TotWhExp" : "TotWhImp")
        : (r == MeterRegister.Export ? "0x004A" : "0x0048");
}
