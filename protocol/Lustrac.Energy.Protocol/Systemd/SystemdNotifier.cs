using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Lustrac.Energy.Protocol.Systemd;

/// <summary>
/// The client side of systemd's notify protocol (sd_notify(3)): newline-separated KEY=VALUE assignments sent as
/// one datagram to the unix socket named by $NOTIFY_SOCKET. A name starting with '@' is in the abstract namespace.
/// Without $NOTIFY_SOCKET (not started by systemd) every call does nothing.
/// </summary>
public sealed class SystemdNotifier : IDisposable
{
    private readonly Socket? _socket;
    private readonly UnixDomainSocketEndPoint? _target;

    private SystemdNotifier(string? socketName)
    {
        if (string.IsNullOrEmpty(socketName)) return;
        // Abstract sockets are written '@name' in the variable and '\0name' on the wire.
        _target = new UnixDomainSocketEndPoint(socketName[0] == '@' ? "\0" + socketName[1..] : socketName);
        _socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    }

    public static SystemdNotifier FromEnvironment() => new(Environment.GetEnvironmentVariable("NOTIFY_SOCKET"));

    /// <summary>True when a service manager listens.</summary>
    public bool Enabled => _socket is not null;

    /// <summary>
    /// The watchdog period systemd asked for (WatchdogSec= of the unit, passed as $WATCHDOG_USEC), or null when
    /// there is none or it is meant for another process ($WATCHDOG_PID).
    /// </summary>
    public static TimeSpan? WatchdogPeriod()
    {
        var pid = Environment.GetEnvironmentVariable("WATCHDOG_PID");
        if (!string.IsNullOrEmpty(pid) && pid != Environment.ProcessId.ToString(CultureInfo.InvariantCulture)) return null;
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        return ulong.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var us) && us > 0
            ? TimeSpan.FromMicroseconds(us)
            : null;
    }

    /// <summary>Sends one state message, e.g. "READY=1" or "WATCHDOG=1\nSTATUS=10/10 devices up". Returns false if it could not be sent.</summary>
    public bool Notify(string state)
    {
        if (_socket is null || _target is null) return false;
        try
        {
            _socket.SendTo(Encoding.UTF8.GetBytes(state), SocketFlags.None, _target);
            return true;
        }
        catch (SocketException)
        {
            return false; // the manager went away (e.g. a test ended): the service itself must keep running
        }
    }

    public void Dispose() => _socket?.Dispose();
}
