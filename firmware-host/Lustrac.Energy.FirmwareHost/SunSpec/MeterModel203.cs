using Lustrac.Energy.FirmwareHost.Sdm630;
using static Lustrac.Energy.FirmwareHost.SunSpec.SunSpecRegisters;

namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>
/// SunSpec model 203, three-phase (wye) meter, integer + scale factors, L = 105. Offsets from the ID register:
/// A 2, AphA–C 3–5, A_SF 6, PhV 7, PhVphA–C 8–10, PPV 11, PPVphAB–CA 12–14, V_SF 15, Hz 16, Hz_SF 17, W 18,
/// WphA–C 19–21, W_SF 22, VA 23–26 + VA_SF 27, VAR 28–31 + VAR_SF 32, PF 33–36 + PF_SF 37, TotWhExp 38 (acc32),
/// per-phase export 40/42/44, TotWhImp 46, per-phase import 48/50/52, TotWh_SF 54, apparent and reactive energies
/// 55–103 with their scale factors 71 and 104, Evt 105–106. Sign as for the Eastron meters: W positive = import.
/// Reactive and apparent energies and per-phase energies are not modelled (acc32 0, sunssf 0x8000).
/// </summary>
public sealed class MeterModel203(IElectricityMeter meter, int powerSf = 0) : ISunSpecModel
{
    public const int AmpsSf = -2, VoltsSf = -1, HertzSf = -2, PowerFactorSf = -2, EnergySf = 0;

    public ushort Id => 203;
    public ushort Length => 105;

    public void Write(Span<ushort> r, DateTimeOffset t)
    {
        var v = meter.ValuesAt(t);
        PhaseValues[] p = [v.L1, v.L2, v.L3];
        r.Clear();
        r[0] = Id;
        r[1] = Length;
        r[2] = ScaledInt16(p.Sum(x => x.CurrentA), AmpsSf);
        for (var i = 0; i < 3; i++) r[3 + i] = ScaledInt16(p[i].CurrentA, AmpsSf);
        r[6] = ScaleFactor(AmpsSf);
        r[7] = ScaledInt16(p.Average(x => x.VoltageV), VoltsSf);
        for (var i = 0; i < 3; i++) r[8 + i] = ScaledInt16(p[i].VoltageV, VoltsSf);
        r[11] = ScaledInt16(Math.Sqrt(3) * p.Average(x => x.VoltageV), VoltsSf);
        for (var i = 0; i < 3; i++) r[12 + i] = ScaledInt16(Math.Sqrt(3) * (p[i].VoltageV + p[(i + 1) % 3].VoltageV) / 2, VoltsSf);
        r[15] = ScaleFactor(VoltsSf);
        r[16] = ScaledInt16(v.FrequencyHz, HertzSf);
        r[17] = ScaleFactor(HertzSf);
        r[18] = ScaledInt16(v.TotalPowerW, powerSf);
        for (var i = 0; i < 3; i++) r[19 + i] = ScaledInt16(p[i].PowerW, powerSf);
        r[22] = ScaleFactor(powerSf);
        r[23] = ScaledInt16(p.Sum(x => x.ApparentPowerVa), powerSf);
        for (var i = 0; i < 3; i++) r[24 + i] = ScaledInt16(p[i].ApparentPowerVa, powerSf);
        r[27] = ScaleFactor(powerSf);
        r[28] = ScaledInt16(p.Sum(x => x.ReactivePowerVar), powerSf);
        for (var i = 0; i < 3; i++) r[29 + i] = ScaledInt16(p[i].ReactivePowerVar, powerSf);
        r[32] = ScaleFactor(powerSf);
        // PF points are in percent (units "Pct" in the SunSpec model): 0.95 is 95.00 %, 9500 at PF_SF −2.
        r[33] = ScaledInt16(p.Average(x => x.PowerFactor) * 100, PowerFactorSf);
        for (var i = 0; i < 3; i++) r[34 + i] = ScaledInt16(p[i].PowerFactor * 100, PowerFactorSf);
        r[37] = ScaleFactor(PowerFactorSf);
        UInt32(r[38..], (uint)Math.Round(v.ExportKwh * 1000));  // TotWhExp; per-phase 40–45 stay 0
        UInt32(r[46..], (uint)Math.Round(v.ImportKwh * 1000));  // TotWhImp; per-phase 48–53 stay 0
        r[54] = ScaleFactor(EnergySf);
        r[71] = NotImplemented.ScaleFactor;                      // TotVAh_SF (55–70 accumulators stay 0)
        r[104] = NotImplemented.ScaleFactor;                     // TotVArh_SF (72–103 accumulators stay 0)
        UInt32(r[105..], 0);                                     // Evt: none
    }
}
