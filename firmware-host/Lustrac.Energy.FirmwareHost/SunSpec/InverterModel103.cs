using static Lustrac.Energy.FirmwareHost.SunSpec.SunSpecRegisters;

namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>
/// SunSpec model 103, three-phase inverter, integer + scale factor, L = 50. Offsets from the ID register
/// (SunSpec information model; DOMAIN.md): A 2, AphA–C 3–5, A_SF 6, PPVphAB–CA 7–9, PhVphA–C 10–12, V_SF 13,
/// W 14, W_SF 15, Hz 16, Hz_SF 17, VA 18, VA_SF 19, VAr 20, VAr_SF 21, PF 22, PF_SF 23, WH 24–25 (acc32),
/// WH_SF 26, DCA 27, DCA_SF 28, DCV 29, DCV_SF 30, DCW 31, DCW_SF 32, TmpCab 33, TmpSnk 34, TmpTrns 35, TmpOt 36,
/// Tmp_SF 37, St 38, StVnd 39, Evt1 40–41, Evt2 42–43, EvtVnd1–4 44–51. Points this emulator does not model
/// (VAr, PF, the other temperatures, vendor state and events) carry SunSpec's "not implemented" values.
/// </summary>
public sealed class InverterModel103 : ISunSpecModel
{
    public const int AmpsSf = -1, VoltsSf = -1, HertzSf = -2, EnergySf = 0, DcAmpsSf = -2, DcVoltsSf = -1, TempSf = -1;

    private readonly IPvInverter _inverter;

    public InverterModel103(IPvInverter inverter)
    {
        _inverter = inverter;
        // W is int16: pick the power scale factor so the rating (plus margin) never overflows.
        PowerSf = ScaleFactorFor(inverter.AcRatingW * 1.1, 32767, minimum: 0);
    }

    public ushort Id => 103;
    public ushort Length => 50;
    public int PowerSf { get; }

    public void Write(Span<ushort> r, DateTimeOffset t)
    {
        var v = _inverter.ValuesAt(t);
        r[0] = Id;
        r[1] = Length;
        r[2] = ScaledUInt16(v.AcCurrentA, AmpsSf);
        r[3] = r[4] = r[5] = ScaledUInt16(v.PhaseCurrentA, AmpsSf);
        r[6] = ScaleFactor(AmpsSf);
        // Line-to-line voltage of a balanced system: √3 × the mean of the neighbouring phase voltages.
        r[7] = ScaledUInt16(Math.Sqrt(3) * (v.PhaseVoltageA + v.PhaseVoltageB) / 2, VoltsSf);
        r[8] = ScaledUInt16(Math.Sqrt(3) * (v.PhaseVoltageB + v.PhaseVoltageC) / 2, VoltsSf);
        r[9] = ScaledUInt16(Math.Sqrt(3) * (v.PhaseVoltageC + v.PhaseVoltageA) / 2, VoltsSf);
        r[10] = ScaledUInt16(v.PhaseVoltageA, VoltsSf);
        r[11] = ScaledUInt16(v.PhaseVoltageB, VoltsSf);
        r[12] = ScaledUInt16(v.PhaseVoltageC, VoltsSf);
        r[13] = ScaleFactor(VoltsSf);
        r[14] = ScaledInt16(v.AcPowerW, PowerSf);
        r[15] = ScaleFactor(PowerSf);
        r[16] = ScaledUInt16(v.FrequencyHz, HertzSf);
        r[17] = ScaleFactor(HertzSf);
        r[18] = ScaledInt16(v.AcPowerW, PowerSf); // VA: unity power factor
        r[19] = ScaleFactor(PowerSf);
        r[20] = NotImplemented.Int16;             // VAr
        r[21] = NotImplemented.ScaleFactor;
        r[22] = NotImplemented.Int16;             // PF
        r[23] = NotImplemented.ScaleFactor;
        UInt32(r[24..], (uint)Math.Round(v.LifetimeWh / Math.Pow(10, EnergySf)));
        r[26] = ScaleFactor(EnergySf);
        r[27] = ScaledUInt16(v.DcCurrentA, DcAmpsSf);
        r[28] = ScaleFactor(DcAmpsSf);
        r[29] = ScaledUInt16(v.DcVoltageV, DcVoltsSf);
        r[30] = ScaleFactor(DcVoltsSf);
        r[31] = ScaledInt16(v.DcPowerW, PowerSf);
        r[32] = ScaleFactor(PowerSf);
        r[33] = ScaledInt16(v.CabinetTemperatureC, TempSf);
        r[34] = r[35] = r[36] = NotImplemented.Int16; // heat sink, transformer, other
        r[37] = ScaleFactor(TempSf);
        r[38] = (ushort)v.State;
        r[39] = NotImplemented.Enum16;               // StVnd
        UInt32(r[40..], 0);                          // Evt1: no events
        UInt32(r[42..], 0);                          // Evt2
        for (var i = 44; i < 52; i += 2) UInt32(r[i..], NotImplemented.Bitfield32); // EvtVnd1–4
    }
}
