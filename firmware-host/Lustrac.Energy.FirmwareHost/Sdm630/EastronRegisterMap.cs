namespace Lustrac.Energy.FirmwareHost.Sdm630;

/// <summary>One Eastron input-register parameter: a float32 in two registers, high word first.</summary>
public sealed record EastronParameter(ushort Address, string Name, string Unit, Func<MeterValues, double> Read);

/// <summary>
/// An Eastron meter's input-register map, as data. Addresses are 0-based PDU addresses from the Eastron Modbus
/// protocol documents; the ones DOMAIN.md lists (voltages, currents, powers, frequency, import/export/total kWh) are
/// the contract, the others (VA, VAr, PF, averages) are there so block reads over them behave like a real meter.
/// </summary>
public sealed class EastronRegisterMap
{
    /// <summary>DOMAIN.md: at most 30 parameters (60 registers) per request.</summary>
    public const int MaxRegistersPerRequest = 60;

    private readonly Dictionary<ushort, EastronParameter> _byAddress;

    public EastronRegisterMap(string model, IEnumerable<EastronParameter> parameters)
    {
        Model = model;
        Parameters = parameters.OrderBy(p => p.Address).ToArray();
        _byAddress = Parameters.ToDictionary(p => p.Address);
    }

    public string Model { get; }
    public IReadOnlyList<EastronParameter> Parameters { get; }

    public EastronParameter? At(ushort address) => _byAddress.GetValueOrDefault(address);

    public static EastronRegisterMap Sdm630 { get; } = new("SDM630",
    [
        new(0x0000, "Phase 1 line to neutral volts", "V", v => v.L1.VoltageV),
        new(0x0002, "Phase 2 line to neutral volts", "V", v => v.L2.VoltageV),
        new(0x0004, "Phase 3 line to neutral volts", "V", v => v.L3.VoltageV),
        new(0x0006, "Phase 1 current", "A", v => v.L1.CurrentA),
        new(0x0008, "Phase 2 current", "A", v => v.L2.CurrentA),
        new(0x000A, "Phase 3 current", "A", v => v.L3.CurrentA),
        new(0x000C, "Phase 1 active power", "W", v => v.L1.PowerW),
        new(0x000E, "Phase 2 active power", "W", v => v.L2.PowerW),
        new(0x0010, "Phase 3 active power", "W", v => v.L3.PowerW),
        new(0x0012, "Phase 1 apparent power", "VA", v => v.L1.ApparentPowerVa),
        new(0x0014, "Phase 2 apparent power", "VA", v => v.L2.ApparentPowerVa),
        new(0x0016, "Phase 3 apparent power", "VA", v => v.L3.ApparentPowerVa),
        new(0x0018, "Phase 1 reactive power", "VAr", v => v.L1.ReactivePowerVar),
        new(0x001A, "Phase 2 reactive power", "VAr", v => v.L2.ReactivePowerVar),
        new(0x001C, "Phase 3 reactive power", "VAr", v => v.L3.ReactivePowerVar),
        new(0x001E, "Phase 1 power factor", "", v => v.L1.PowerFactor),
        new(0x0020, "Phase 2 power factor", "", v => v.L2.PowerFactor),
        new(0x0022, "Phase 3 power factor", "", v => v.L3.PowerFactor),
        new(0x002A, "Average line to neutral volts", "V", v => (v.L1.VoltageV + v.L2.VoltageV + v.L3.VoltageV) / 3),
        new(0x002E, "Average line current", "A", v => (v.L1.CurrentA + v.L2.CurrentA + v.L3.CurrentA) / 3),
        new(0x0030, "Sum of line currents", "A", v => v.L1.CurrentA + v.L2.CurrentA + v.L3.CurrentA),
        new(0x0034, "Total system power", "W", v => v.TotalPowerW),
        new(0x0038, "Total system volt amps", "VA", v => v.L1.ApparentPowerVa + v.L2.ApparentPowerVa + v.L3.ApparentPowerVa),
        new(0x003C, "Total system VAr", "VAr", v => v.L1.ReactivePowerVar + v.L2.ReactivePowerVar + v.L3.ReactivePowerVar),
        new(0x003E, "Total system power factor", "", v => v.TotalPowerFactor),
        new(0x0046, "Frequency of supply voltages", "Hz", v => v.FrequencyHz),
        new(0x0048, "Import active energy", "kWh", v => v.ImportKwh),
        new(0x004A, "Export active energy", "kWh", v => v.ExportKwh),
        new(0x004C, "Import reactive energy", "kvarh", v => v.ImportKvarh),
        new(0x004E, "Export reactive energy", "kvarh", v => v.ExportKvarh),
        new(0x0156, "Total active energy", "kWh", v => v.TotalKwh),
    ]);

    public static EastronRegisterMap Sdm120 { get; } = new("SDM120",
    [
        new(0x0000, "Voltage", "V", v => v.L1.VoltageV),
        new(0x0006, "Current", "A", v => v.L1.CurrentA),
        new(0x000C, "Active power", "W", v => v.L1.PowerW),
        new(0x0012, "Apparent power", "VA", v => v.L1.ApparentPowerVa),
        new(0x0018, "Reactive power", "VAr", v => v.L1.ReactivePowerVar),
        new(0x001E, "Power factor", "", v => v.L1.PowerFactor),
        new(0x0046, "Frequency", "Hz", v => v.FrequencyHz),
        new(0x0048, "Import active energy", "kWh", v => v.ImportKwh),
        new(0x004A, "Export active energy", "kWh", v => v.ExportKwh),
        new(0x004C, "Import reactive energy", "kvarh", v => v.ImportKvarh),
        new(0x004E, "Export reactive energy", "kvarh", v => v.ExportKvarh),
        new(0x0156, "Total active energy", "kWh", v => v.TotalKwh),
    ]);
}
