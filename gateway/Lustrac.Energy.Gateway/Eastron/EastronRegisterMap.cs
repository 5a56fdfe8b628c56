using Lustrac.Energy.Protocol.Quantities;

namespace Lustrac.Energy.Gateway.Eastron;

/// <summary>One float32 input register pair of an Eastron meter and the quantity it carries.</summary>
public sealed record EastronParameter(ushort Address, Quantity Quantity, double Scale = 1.0);

/// <summary>
/// Eastron SDM120 / SDM630 input registers (function 04), float32 big-endian, high word first.
/// Addresses are 0-based PDU addresses from the Eastron Modbus protocol documents. Energy registers are in
/// kWh, as the vocabulary wants: no scaling (some libraries mislabel them Wh).
/// Power is positive on import, which is the vocabulary's forward direction for a meter.
/// </summary>
public static class EastronRegisterMap
{
    public static readonly IReadOnlyList<EastronParameter> Sdm630 =
    [
        new(0x0000, QuantityVocabulary.Voltage),        // phase 1 line-to-neutral volts
        new(0x0034, QuantityVocabulary.ActivePower),    // total system power
        new(0x0046, QuantityVocabulary.Frequency),
        new(0x0048, QuantityVocabulary.EnergyImport),   // total import kWh
        new(0x004A, QuantityVocabulary.EnergyExport),   // total export kWh
    ];

    public static readonly IReadOnlyList<EastronParameter> Sdm120 =
    [
        new(0x0000, QuantityVocabulary.Voltage),
        new(0x0006, QuantityVocabulary.Current),
        new(0x000C, QuantityVocabulary.ActivePower),
        new(0x0046, QuantityVocabulary.Frequency),
        new(0x0048, QuantityVocabulary.EnergyImport),
        new(0x004A, QuantityVocabulary.EnergyExport),
    ];

    /// <summary>Eastron meters answer at most 30 parameters (60 registers) per request.</summary>
    public const int MaxRegistersPerRequest = 60;

    public static IReadOnlyList<EastronParameter> ForKind(string kind) => kind switch
    {
        "sdm630" => Sdm630,
        "sdm120" => Sdm120,
        _ => throw new ArgumentException($"no Eastron register map for kind '{kind}'"),
    };
}
