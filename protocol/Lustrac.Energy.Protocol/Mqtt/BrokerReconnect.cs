namespace Lustrac.Energy.Protocol.Mqtt;

/// <summary>
/// Reconnect policy shared by gateway and server: exponential back-off with jitter (30 gateways back after a
/// broker restart do not reconnect in lockstep), and a log line that says what is wrong the first time and
/// then only at a backed-off rate (attempts 2, 4, 8, …), so a wrong password does not flood the log.
/// </summary>
public sealed class BrokerReconnect(string host, int port, TimeSpan first, TimeSpan max, Random? random = null)
{
    private readonly Random _random = random ?? Random.Shared;
    private BrokerFailureKind? _lastKind;

    /// <summary>Connection attempts made so far (a test counts them instead of timing them).</summary>
    public int Attempts { get; private set; }
    public int FailuresInARow { get; private set; }
    public string Broker => $"{host}:{port}";

    public void Attempting() => Attempts++;

    public void Connected()
    {
        FailuresInARow = 0;
        _lastKind = null;
    }

    /// <summary>How long to wait before the next attempt, and the line to log now (null: stay quiet this time).</summary>
    public (TimeSpan Delay, string? Log) Failed(BrokerFailure failure)
    {
        FailuresInARow++;
        var exponent = Math.Min(FailuresInARow - 1, 30);
        var ceiling = TimeSpan.FromTicks((long)Math.Min(max.Ticks, first.Ticks * Math.Pow(2, exponent)));
        var delay = ceiling * (0.5 + _random.NextDouble() / 2); // "equal jitter": never below half, so the delay still grows
        var newKind = failure.Kind != _lastKind;
        _lastKind = failure.Kind;
        string? log = null;
        if (newKind)
            log = $"Cannot connect to MQTT broker {Broker}: {failure.Cause}. Retrying in {delay.TotalSeconds:F1} s, then less and less often (at most every {max.TotalSeconds:F0} s).";
        else if ((FailuresInARow & (FailuresInARow - 1)) == 0)
            log = $"Still cannot connect to MQTT broker {Broker} ({failure.Short}) after {FailuresInARow} attempts; next in {delay.TotalSeconds:F1} s.";
        return (delay, log);
    }
}
