namespace Lustrac.Energy.Testing;

public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds or the deadline passes (generous: CI shares 2 cores).</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what) => TrueAsync(condition, timeout, () => what);

    /// <summary>As above; <paramref name="what"/> is evaluated on failure (e.g. a process's output by then).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what()}: not reached within {timeout.TotalSeconds} s");
            await Task.Delay(250);
        }
    }
}
