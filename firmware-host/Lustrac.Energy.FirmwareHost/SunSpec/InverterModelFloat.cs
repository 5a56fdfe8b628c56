using static Lustrac.Energy.FirmwareHost.SunSpec.SunSpecRegisters;

namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>
/// SunSpec models 111/112/113 (single-, split-, three-phase inverter, float32, L = 60). Offsets from the ID register:
/// A 2, AphA–C 4/6/8, PPVphAB–CA 10/12/14, PhVphA–C 16/18/20, W 22, Hz 24, VA 26, VAr 28, PF 30, WH 32, DCA 34,
/// DCV 36, DCW 38, TmpCab 40, TmpSnk 42, TmpTrns 44, TmpOt 46, St 48, StVnd 49, Evt1 50, Evt2 52, EvtVnd1–4 54–60.
/// Not modelled points are NaN (0x7FC00000), as SunSpec defines for float32; phases a model does not have likewise.
/// </summary>
public sealed class InverterModelFloat : ISunSpecModel
{
    private readonly IPvInverter _inverter;

    public InverterModelFloat(IPvInverter inverter, ushort id = 113)
    {
        if (id is not (111 or 112 or 113)) throw new ArgumentOutOfRangeException(nameof(id), id, "float inverter models are 111, 112 and 113");
        _inverter = inverter;
        Id = id;
    }

    public ushort Id { get; }
    public ushort Length => 60;

    public void Write(Span<ushort> r, DateTimeOffset t)
    {
        var v = _inverter.ValuesAt(t);
        var phases = Id - 110;
        var nan = BitConverter.UInt32BitsToSingle(NotImplemented.Float32Bits);
        float PerPhase(int phase, double value) => phase < phases ? (float)value : nan;

        r[0] = Id;
        r[1] = Length;
        Float32(r[2..], (float)(v.AcCurrentA));
        var phaseCurrent = v.AcCurrentA / phases;
        Float32(r[4..], PerPhase(0, phaseCurrent));
        Float32(r[6..], PerPhase(1, phaseCurrent));
        Float32(r[8..], PerPhase(2, phaseCurrent));
        Float32(r[10..], phases == 3 ? (float)(Math.Sqrt(3) * (v.PhaseVoltageA + v.PhaseVoltageB) / 2) : nan);
        Float32(r[12..], phases == 3 ? (float)(Math.Sqrt(3) * (v.PhaseVoltageB + v.PhaseVoltageC) / 2) : nan);
        Float32(r[14..], phases == 3 ? (float)(Math.Sqrt(3) * (v.PhaseVoltageC + v.PhaseVoltageA) / 2) : nan);
        Float32(r[16..], PerPhase(0, v.PhaseVoltageA));
        Float32(r[18..], PerPhase(1, v.PhaseVoltageB));
        Float32(r[20..], PerPhase(2, v.PhaseVoltageC));
        Float32(r[22..], (float)(v.AcPowerW));
        Float32(r[24..], (float)(v.FrequencyHz));
        Float32(r[26..], (float)(v.AcPowerW));          // VA: unity power factor
        Float32(r[28..], nan);      // VAr
        Float32(r[30..], nan);      // PF
        Float32(r[32..], (float)(v.LifetimeWh));
        Float32(r[34..], (float)(v.DcCurrentA));
        Float32(r[36..], (float)(v.DcVoltageV));
        Float32(r[38..], (float)(v.DcPowerW));
        Float32(r[40..], (float)(v.CabinetTemperatureC));
        for (var i = 42; i <= 46; i += 2) Float32(r[i..], nan); // heat sink, transformer, other
        r[48] = (ushort)v.State;
        r[49] = NotImplemented.Enum16;
        UInt32(r[50..], 0);
        UInt32(r[52..], 0);
        for (var i = 54; i <= 60; i += 2) UInt32(r[i..], NotImplemented.Bitfield32);
    }
}
