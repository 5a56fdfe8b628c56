namespace Lustrac.Energy.Protocol.Systemd;

/// <summary>
/// The heartbeat both services share: every half watchdog period (as sd_watchdog_enabled(3) advises), WATCHDOG=1
/// with a STATUS= line if every loop of the gate advances; if one is stalled, only STATUS= naming it, so that
/// systemd restarts the process once WatchdogSec= passes without a heartbeat. Without a watchdog, STATUS= every 10 s.
/// </summary>
public static class HeartbeatLoop
{
    public static async Task RunAsync(
        SystemdNotifier notifier, ProgressGate gate, TimeSpan? watchdog, Func<string> status,
        Action<IReadOnlyList<string>> stalledNow, Action recovered, CancellationToken ct)
    {
        var period = watchdog is TimeSpan w ? w / 2 : TimeSpan.FromSeconds(10);
        var wasStalled = false;
        while (!ct.IsCancellationRequested)
        {
            var stalled = gate.Stalled();
            if (stalled.Count == 0)
            {
                notifier.Notify((watchdog is null ? "" : "WATCHDOG=1\n") + "STATUS=" + status());
                if (wasStalled) recovered();
            }
            else
            {
                notifier.Notify("STATUS=stalled: " + string.Join("; ", stalled));
                if (!wasStalled) stalledNow(stalled);
            }
            wasStalled = stalled.Count > 0;
            try { await Task.Delay(period, gate.Clock, ct).ConfigureAwait(false); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>Completes true once the host has started every service, false if it stops first.</summary>
    public static async Task<bool> WhenStartedAsync(CancellationToken started, CancellationToken stopping)
    {
        var ready = new TaskCompletionSource();
        using (started.Register(() => ready.TrySetResult()))
        using (stopping.Register(() => ready.TrySetResult()))
            await ready.Task.ConfigureAwait(false);
        return !stopping.IsCancellationRequested;
    }
}
