using System.Net;

namespace Lustrac.Energy.FirmwareHost.Hosting;

/// <summary>How to run an emulated site. Every field has a default, so <c>new EmulatedSiteOptions()</c> is valid.</summary>
public sealed record EmulatedSiteOptions
{
    /// <summary>Seed for every random process (clouds, load noise, starting counters). Same seed + start → same values.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Simulated start instant; null = the wall clock's now.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>Simulated seconds per wall second: 1 = real time, 60 = an hour per minute, 0 = frozen.</summary>
    public double Speed { get; init; } = 1;

    /// <summary>The wall clock; tests pass a fake one to move time by hand.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>
    /// Bind every Modbus TCP listener to a free port chosen by the OS instead of the site file's port, so tests can run
    /// side by side; <see cref="EmulatedSite.EndpointOf"/> tells where each bus ended up.
    /// </summary>
    public bool EphemeralPorts { get; init; }

    /// <summary>Bind here instead of the host named in each bus URI (e.g. <see cref="IPAddress.Any"/> for a demo on a LAN).</summary>
    public IPAddress? BindAddress { get; init; }

    /// <summary>
    /// For Modbus RTU buses: the serial port the emulator opens for a bus path of the site file (e.g.
    /// "/dev/ttyUSB0" → "/tmp/ttyEmu0", the other end of a pty pair or a null-modem cable). A bus path without an entry
    /// gets a socat pty pair made at that path.
    /// </summary>
    public IReadOnlyDictionary<string, string> SerialPorts { get; init; } = new Dictionary<string, string>();

    /// <summary>Injected faults (see <see cref="Faults.FaultFile"/>); empty by default.</summary>
    public IReadOnlyList<Faults.FaultSpec> Faults { get; init; } = [];

    /// <summary>Where emulated 1-Wire devices appear (as /sys/bus/w1/devices on a Pi); null = &lt;temp&gt;/lustrac-w1/devices.</summary>
    public string? W1Root { get; init; }

    public void Validate()
    {
        if (double.IsNaN(Speed) || double.IsInfinity(Speed) || Speed < 0)
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "speed must be a finite number ≥ 0 (1 = real time, 0 = frozen)");
    }
}
