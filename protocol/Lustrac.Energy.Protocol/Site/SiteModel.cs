namespace Lustrac.Energy.Protocol.Site;

/// <summary>Where in the site file something was written, for error messages a person can act on.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}

/// <summary>The whole neighbourhood, described once and read by every component (architecture decision 6).</summary>
public sealed record SiteModel(
    SiteInfo Site,
    Targets Targets,
    AllocationSettings Allocation,
    IReadOnlyList<Household> Households,
    IReadOnlyList<Asset> Assets,
    IReadOnlyList<Gateway> Gateways,
    IReadOnlyList<Device> Devices)
{
    public IEnumerable<Device> DevicesOf(string gatewayId) => Devices.Where(d => d.Gateway == gatewayId);

    public Device? FindDevice(string id) => Devices.FirstOrDefault(d => d.Id == id);

    /// <summary>The collective self-consumption settlement (site file section <c>settlement</c>).</summary>
    public SettlementSettings Settlement { get; init; } = SettlementSettings.Default;

    /// <summary>
    /// Households marked <c>left:</c> in the site file, with the devices they had. They are in neither
    /// <see cref="Households"/> nor <see cref="Devices"/>: no component polls, counts or shows them any more; the server
    /// only purges their fine data after a delay (README, privacy).
    /// </summary>
    public IReadOnlyList<DepartedHousehold> Departed { get; init; } = [];
}

/// <summary>A household that left the operation on <see cref="Left"/> (a local date), and the ids of its devices.</summary>
public sealed record DepartedHousehold(string Id, DateOnly Left, IReadOnlyList<string> Devices, SourceLocation Location);

public sealed record SiteInfo(string Id, string Name, double Latitude, double Longitude, string TimeZone, int IntervalMinutes);

/// <summary>Targets as fractions in [0, 1]; the cooperative's aim is 0.85 of vital needs met locally.</summary>
public sealed record Targets(double EnergySelfSufficiency, double WaterAutonomy, double CompostDiversion, double VitalNeeds);

public enum AllocationKey { Static, DefaultDynamic, EqualShare }

public sealed record AllocationSettings(AllocationKey Key, IReadOnlyDictionary<string, double> StaticShares);

public sealed record Household(string Id, string Name, int Occupants, bool ConsentFineData, SourceLocation Location)
{
    /// <summary>The local date the household left (<c>left: 2026-11-30</c>); null while it takes part.</summary>
    public DateOnly? Left { get; init; }
}

public enum AssetKind { PvArray, RainTank, CompostPile, Battery }

public enum TankShape { VerticalCylinder, HorizontalCylinder, Rectangular }

/// <summary>
/// A shared or household asset. Only the fields of its kind are set: PV (peak kW, tilt, azimuth),
/// tank (shape and dimensions in metres, roof area in m²), compost (sanitisation rule preset).
/// </summary>
public sealed record Asset(
    string Id,
    AssetKind Kind,
    string? Household,
    double? PeakKw,
    double? TiltDegrees,
    double? AzimuthDegrees,
    TankShape? Shape,
    double? DiameterM,
    double? LengthM,
    double? WidthM,
    double? HeightM,
    double? RoofAreaM2,
    string? SanitisationRule,
    SourceLocation Location)
{
    /// <summary>What residents read on screens ("Cuve nord"); the id when the site file gives no name.</summary>
    public string Name { get; init; } = Id;
}

public sealed record Gateway(string Id, string Name, int PollSeconds, SourceLocation Location);

/// <summary>
/// A field device. <see cref="Bus"/> is a URI: <c>modbus-tcp://host:port</c>, <c>modbus-rtu:///dev/ttyUSB0?baud=9600&amp;parity=none</c>,
/// <c>gpio://17</c>, <c>w1://28-0123456789ab</c>, <c>i2c://1/0x48</c>. <see cref="Address"/> is the Modbus unit id where it applies.
/// </summary>
public sealed record Device(
    string Id,
    string Gateway,
    string Kind,
    string Bus,
    int Address,
    string Role,
    string? Household,
    string? Asset,
    IReadOnlyDictionary<string, string> Settings,
    SourceLocation Location);
