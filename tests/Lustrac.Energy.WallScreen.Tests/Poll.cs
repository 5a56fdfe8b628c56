namespace Lustrac.Energy.WallScreen.Tests;

public static class Poll
{
    /// <summary>Polls until the probe returns something (null means not yet), or fails after a generous deadline.</summary>
    public static async Task<T> Until<T>(Func<Task<T?>> probe, string what, int seconds = 45) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await probe();
            if (value is not null) return value;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{what}: not within {seconds} s");
            await Task.Delay(200);
        }
    }

    public static Task Until(Func<bool> condition, string what, int seconds = 45) =>
        Until(() => Task.FromResult(condition() ? new object() : null), what, seconds);
}
