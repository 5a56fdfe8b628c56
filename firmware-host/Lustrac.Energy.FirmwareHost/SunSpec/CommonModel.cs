namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>
/// SunSpec model 1 (common): manufacturer, model, options, version, serial number, device address.
/// The current specification has L = 66 (a pad register at the end); many devices in the field send L = 65.
/// Both can be served, so a reader that walks the chain by L is tested against both.
/// </summary>
public sealed class CommonModel(string manufacturer, string model, string version, string serialNumber, ushort deviceAddress, ushort length = 66)
    : ISunSpecModel
{
    public ushort Id => 1;
    public ushort Length { get; } = length is 65 or 66 ? length : throw new ArgumentOutOfRangeException(nameof(length), "model 1 has L = 65 or 66");

    public string Manufacturer { get; } = manufacturer;
    public string Model { get; } = model;
    public string SerialNumber { get; } = serialNumber;

    public void Write(Span<ushort> r, DateTimeOffset t)
    {
        r[0] = Id;
        r[1] = Length;
        SunSpecRegisters.String(r.Slice(2, 16), Manufacturer);   // Mn
        SunSpecRegisters.String(r.Slice(18, 16), Model);         // Md
        SunSpecRegisters.String(r.Slice(34, 8), "");              // Opt
        SunSpecRegisters.String(r.Slice(42, 8), version);        // Vr
        SunSpecRegisters.String(r.Slice(50, 16), SerialNumber);  // SN
        r[66] = deviceAddress;                                    // DA
        if (Length == 66) r[67] = 0x8000;                         // Pad
    }
}
