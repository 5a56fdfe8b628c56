namespace Lustrac.Energy.Protocol.Systemd;

/// <summary>
/// Decides whether the watchdog heartbeat may be sent: it may only while every registered loop makes progress.
/// A loop says what it expects next ("working, done within 5 s" or "waiting, back within 10 s"); a loop past
/// its deadline is stalled. Observed components (a queue draining, figures advancing) are checks.
/// </summary>
public sealed class ProgressGate(TimeProvider clock)
{
    private readonly List<ProgressCheck> _checks = [];

    public TimeProvider Clock => clock;

    /// <summary>A loop that reports its own progress.</summary>
    public ProgressLoop Loop(string name, TimeSpan firstDeadline)
    {
        var loop = new ProgressLoop(name, clock);
        loop.Waiting(firstDeadline);
        lock (_checks) _checks.Add(new ProgressCheck(name, loop.StalledReason));
        return loop;
    }

    /// <summary>A component observed from outside: <paramref name="stalledReason"/> returns null while it advances.</summary>
    public void Check(string name, Func<DateTimeOffset, string?> stalledReason)
    {
        lock (_checks) _checks.Add(new ProgressCheck(name, stalledReason));
    }

    /// <summary>"name: reason" for every stalled loop or check; empty while everything advances.</summary>
    public IReadOnlyList<string> Stalled()
    {
        var now = clock.GetUtcNow();
        ProgressCheck[] checks;
        lock (_checks) checks = [.. _checks];
        var stalled = new List<string>();
        foreach (var check in checks)
            if (check.StalledReason(now) is string reason) stalled.Add($"{check.Name}: {reason}");
        return stalled;
    }

    private sealed record ProgressCheck(string Name, Func<DateTimeOffset, string?> StalledReason);
}

/// <summary>One loop's promise of progress: the time by which it will report again.</summary>
public sealed class ProgressLoop
{
    private readonly TimeProvider _clock;
    private long _deadlineTicks;
    private volatile string _doing = "starting";

    internal ProgressLoop(string name, TimeProvider clock)
    {
        Name = name;
        _clock = clock;
    }

    public string Name { get; }

    public DateTimeOffset Deadline => new(Interlocked.Read(ref _deadlineTicks), TimeSpan.Zero);

    /// <summary>Starting a piece of work that must end within <paramref name="limit"/>.</summary>
    public void Working(TimeSpan limit, string what) => Promise(limit, what);

    /// <summary>Idle until the next piece of work, which must start within <paramref name="limit"/>; <see cref="Timeout.InfiniteTimeSpan"/>: may stay idle.</summary>
    public void Waiting(TimeSpan limit) => Promise(limit, "waiting");

    private void Promise(TimeSpan limit, string what)
    {
        _doing = what;
        var deadline = limit == Timeout.InfiniteTimeSpan ? DateTimeOffset.MaxValue.UtcTicks : (_clock.GetUtcNow() + limit).UtcTicks;
        Interlocked.Exchange(ref _deadlineTicks, deadline);
    }

    internal string? StalledReason(DateTimeOffset now)
    {
        var deadline = Deadline;
        return now <= deadline ? null : $"{_doing}, {(now - deadline).TotalSeconds:0.#} s past its deadline";
    }
}
