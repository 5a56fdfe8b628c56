using System.Net.Sockets;
using System.Text;

namespace Lustrac.Energy.Testing;

/// <summary>
/// The service manager's end of sd_notify: a unix datagram socket that records every state message a process
/// sends, as systemd would receive it. <see cref="Name"/> is the value for $NOTIFY_SOCKET ('@…' when abstract).
/// </summary>
public sealed class NotifySocket : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
    private readonly List<string> _messages = [];
    private readonly string? _path;
    private readonly Task _receiving;

    public NotifySocket(bool abstractNamespace)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        if (abstractNamespace)
        {
            Name = "@lustrac-test-notify-" + id;
            _socket.Bind(new UnixDomainSocketEndPoint("\0" + Name[1..]));
        }
        else
        {
            _path = Path.Combine(Path.GetTempPath(), $"lustrac-notify-{id}.sock");
            Name = _path;
            _socket.Bind(new UnixDomainSocketEndPoint(_path));
        }
        _receiving = Task.Run(ReceiveLoop);
    }

    public string Name { get; }

    /// <summary>Every message received so far, in order.</summary>
    public IReadOnlyList<string> Messages { get { lock (_messages) return [.. _messages]; } }

    /// <summary>How many messages so far carry this assignment, e.g. "WATCHDOG=1".</summary>
    public int Count(string assignment) => Messages.Count(m => m.Split('\n').Contains(assignment));

    private void ReceiveLoop()
    {
        var buffer = new byte[4096];
        while (true)
        {
            int n;
            try { n = _socket.Receive(buffer); }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException) { return; }
            lock (_messages) _messages.Add(Encoding.UTF8.GetString(buffer, 0, n));
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _receiving.Wait(TimeSpan.FromSeconds(5));
        if (_path is not null) File.Delete(_path);
    }
}
