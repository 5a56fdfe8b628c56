namespace Lustrac.Energy.FirmwareHost.SunSpec;

/// <summary>SunSpec operating states (enum16 "St" of models 101–103 and 111–113).</summary>
public enum InverterState : ushort
{
    Off = 1,
    Sleeping = 2,
    Starting = 3,
    Mppt = 4,
    Throttled = 5,
    ShuttingDown = 6,
    Fault = 7,
    Standby = 8,
}

/// <summary>
/// What a PV inverter reports at one instant: the model's true values before encoding. AC power in W, positive when
/// feeding the grid; lifetime energy in Wh, never decreasing; voltages phase to neutral in V; currents in A.
/// </summary>
public sealed record InverterValues(
    DateTimeOffset At,
    double AcPowerW,
    double AcCurrentA,
    double PhaseVoltageA,
    double PhaseVoltageB,
    double PhaseVoltageC,
    double FrequencyHz,
    double LifetimeWh,
    double DcPowerW,
    double DcVoltageV,
    double CabinetTemperatureC,
    InverterState State)
{
    public double PhaseCurrentA => AcCurrentA / 3;
    public double DcCurrentA => DcVoltageV > 0 ? DcPowerW / DcVoltageV : 0;
}

/// <summary>The nature "PV inverter": anything that can say what it produces now.</summary>
public interface IPvInverter
{
    /// <summary>The AC rating in W, used to pick scale factors that never overflow.</summary>
    double AcRatingW { get; }

    InverterValues ValuesAt(DateTimeOffset t);
}
