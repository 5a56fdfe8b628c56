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

    /// <summary>
    /// Days of past the site has lived before <see cref="Start"/>: counters, tanks and every stateful model start this
    /// long before the simulated start (on the history step's grid), so a backfill of those days and the live devices
    /// read one continuous history. 0 = the models start at the simulated start.
    /// </summary>
    public int HistoryDays { get; init; }

    /// <summary>Resolution of the history a backfill publishes (one message per device per step), minutes; divides 60.</summary>
    public int HistoryStepMinutes { get; init; } = 15;

    /// <summary>Where the models start: <see cref="HistoryDays"/> before <paramref name="start"/>, floored to the history step.</summary>
    public DateTimeOffset ModelOrigin(DateTimeOffset start)
    {
        if (HistoryDays == 0) return start;
        var step = TimeSpan.FromMinutes(HistoryStepMinutes).Ticks;
        var floored = new DateTimeOffset(start.UtcTicks - start.UtcTicks % step, TimeSpan.Zero);
        return floored - TimeSpan.FromDays(HistoryDays);
    }

    public void Validate()
    {
        if (HistoryDays is < 0 or > 400)
            throw new ArgumentOutOfRangeException(nameof(HistoryDays), HistoryDays, "history days must be 0 to 400 (the server keeps a year of readings)");
        if (HistoryStepMinutes is < 1 or > 60 || 60 % HistoryStepMinutes != 0)
            throw new ArgumentOutOfRangeException(nameof(HistoryStepMinutes), HistoryStepMinutes, "history step must divide 60 minutes (1, 5, 15, 30, 60…)");
        if (double.IsNaN(Speed) || double.IsInfinity(Speed) || Speed < 0)
            throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "speed must be a finite number ≥ 0 (1 = real time, 0 = frozen)");
    }
}
