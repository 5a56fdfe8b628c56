namespace Lustrac.Energy.FirmwareHost.Modbus;

/// <summary>Modbus exception codes (Modbus Application Protocol v1.1b3, section 7). <see cref="None"/> means a normal reply.</summary>
public enum ModbusExceptionCode : byte
{
    None = 0x00,
    IllegalFunction = 0x01,
    IllegalDataAddress = 0x02,
    IllegalDataValue = 0x03,
    ServerDeviceFailure = 0x04,
    ServerDeviceBusy = 0x06,
    GatewayPathUnavailable = 0x0A,
    GatewayTargetFailedToRespond = 0x0B,
}

/// <summary>The two register tables the emulated devices serve: function 03 reads holding, 04 reads input registers.</summary>
public enum RegisterTable : byte
{
    Holding = 0x03,
    Input = 0x04,
}
