namespace Lustrac.Energy.Server.Ingest;

/// <summary>
/// Ingest's back-pressure as a value it publishes: backlogged while it drains a backlog (its last batch was cut at the
/// size limit and more messages were already waiting: a flood, or the broker's queue after an outage). Normal traffic
/// never fills a batch. Readers await <see cref="WaitUntilDrainedAsync"/> instead of polling a flag.
/// </summary>
public sealed class IngestPressure
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _drained; // null while not backlogged

    public bool IsBacklogged
    {
        get { lock (_gate) return _drained is not null; }
    }

    /// <summary>Ingest's report after cutting each batch; false also when it stops.</summary>
    public void Report(bool backlogged)
    {
        TaskCompletionSource? release;
        lock (_gate)
        {
            if (backlogged)
            {
                _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                return;
            }
            (release, _drained) = (_drained, null);
        }
        release?.TrySetResult();
    }

    /// <summary>Completes when ingest is not backlogged, or after <paramref name="longest"/>: true if it drained.</summary>
    public async Task<bool> WaitUntilDrainedAsync(TimeSpan longest, TimeProvider clock, CancellationToken ct)
    {
        Task drained;
        lock (_gate) drained = _drained?.Task ?? Task.CompletedTask;
        if (drained.IsCompleted) return true;
        try
        {
            await drained.WaitAsync(longest, clock, ct).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }
}
