namespace Lustrac.Energy.FirmwareHost.Sdm630;

/// <summary>
/// What an electricity meter measures at one instant: the model's true values, before any encoding.
/// Sign convention (as on Eastron meters): active power is positive when energy flows in the import direction and
/// negative when it flows in the export direction. Voltages in V, currents in A (always positive), power in W,
/// frequency in Hz, energy counters in kWh and kvarh (never decreasing).
/// </summary>
public sealed record MeterValues(
    DateTimeOffset At,
    PhaseValues L1,
    PhaseValues L2,
    PhaseValues L3,
    double FrequencyHz,
    double ImportKwh,
    double ExportKwh,
    double ImportKvarh = 0,
    double ExportKvarh = 0)
{
    public double TotalPowerW => L1.PowerW + L2.PowerW + L3.PowerW;

    /// <summary>Total system power factor: total active over total apparent power (1 with no load).</summary>
    public double TotalPowerFactor
    {
        get
        {
            var va = L1.ApparentPowerVa + L2.ApparentPowerVa + L3.ApparentPowerVa;
            return va > 0 ? Math.Abs(TotalPowerW) / va : 1;
        }
    }

    /// <summary>Eastron's "total kWh" register: import plus export.</summary>
    public double TotalKwh => ImportKwh + ExportKwh;
}

/// <summary>One phase: voltage to neutral (V), current (A), active power (W, import positive), power factor.</summary>
public readonly record struct PhaseValues(double VoltageV, double CurrentA, double PowerW, double PowerFactor)
{
    public double ApparentPowerVa => VoltageV * CurrentA;

    /// <summary>Reactive power, inductive positive (household loads are mostly inductive).</summary>
    public double ReactivePowerVar => Math.Sqrt(Math.Max(0, ApparentPowerVa * ApparentPowerVa - PowerW * PowerW));
}

/// <summary>The nature "electricity meter": anything that can say what it measures now. See <see cref="MeterValues"/> for units and signs.</summary>
public interface IElectricityMeter
{
    MeterValues ValuesAt(DateTimeOffset t);
}
