using Lustrac.Energy.Protocol.Quantities;
using Lustrac.Energy.Protocol.Site;
using Q = Lustrac.Energy.Protocol.Quantities.QuantityVocabulary;

namespace Lustrac.Energy.Gateway.Eastron;

/// <summary>One float32 input register pair of an Eastron meter and the quantity it carries.</summary>
public sealed record EastronParameter(ushort Address, Quantity Quantity, double Scale = 1.0);

/// <summary>
/// Eastron SDM120 / SDM630 input registers (function 04), float32 big-endian, high word first.
/// Addresses are 0-based PDU addresses from Eastron's Modbus protocol documents (SDM630 "Modbus Protocol" V1.x and
/// SDM120 "Modbus Protocol" tables: 30001 = 0x0000). Energy registers are in kWh and kvarh, as the vocabulary wants:
/// no scaling (some libraries mislabel them Wh). Power is positive on import: the meter's own direction, which
/// <see cref="Devices.RoleQuantities"/> turns into the role's forward direction.
/// </summary>
public static class EastronRegisterMap
{
    public static readonly IReadOnlyList<EastronParameter> Sdm630 =
    [
        new(0x0000, Q.Voltage),            // 30001 phase 1 line-to-neutral volts
        new(0x0002, Q.VoltageL2),          // 30003
        new(0x0004, Q.VoltageL3),          // 30005
        new(0x0006, Q.CurrentL1),          // 30007 phase 1 current
        new(0x0008, Q.CurrentL2),          // 30009
        new(0x000A, Q.CurrentL3),          // 30011
        new(0x000C, Q.ActivePowerL1),      // 30013 phase 1 power
        new(0x000E, Q.ActivePowerL2),      // 30015
        new(0x0010, Q.ActivePowerL3),      // 30017
        new(0x001E, Q.PowerFactorL1),      // 30031 phase 1 power factor
        new(0x0020, Q.PowerFactorL2),      // 30033
        new(0x0022, Q.PowerFactorL3),      // 30035
        new(0x0034, Q.ActivePower),        // 30053 total system power
        new(0x003E, Q.PowerFactor),        // 30063 total system power factor
        new(0x0046, Q.Frequency),          // 30071
        new(0x0048, Q.EnergyImport),       // 30073 total import kWh
        new(0x004A, Q.EnergyExport),       // 30075 total export kWh
        new(0x004C, Q.ReactiveEnergyImport), // 30077 total import kvarh
        new(0x004E, Q.ReactiveEnergyExport), // 30079 total export kvarh
    ];

    public static readonly IReadOnlyList<EastronParameter> Sdm120 =
    [
        new(0x0000, Q.Voltage),
        new(0x0006, Q.Current),
        new(0x000C, Q.ActivePower),
        new(0x001E, Q.PowerFactor),        // 30031
        new(0x0046, Q.Frequency),
        new(0x0048, Q.EnergyImport),
        new(0x004A, Q.EnergyExport),
        new(0x004C, Q.ReactiveEnergyImport), // 30077
        new(0x004E, Q.ReactiveEnergyExport), // 30079
    ];

    /// <summary>Eastron meters answer at most 30 parameters (60 registers) per request.</summary>
    public const int MaxRegistersPerRequest = 60;

    public static IReadOnlyList<EastronParameter> ForKind(string kind) => kind switch
    {
        DeviceKinds.Sdm630 => Sdm630,
        DeviceKinds.Sdm120 => Sdm120,
        _ => throw new ArgumentException($"no Eastron register map for kind '{kind}'"),
    };
}
